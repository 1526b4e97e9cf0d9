import { sql } from 'drizzle-orm'
import { locations, regions, stores, type LocationKind } from '../../../db/schema/index'
import { appendAudit } from '../audit/chain'
import type { Ctx } from '../context'
import { DomainError, notFound } from '../errors'
import { newId } from '../ids'
import { first } from '../sql'
import type { Tx } from '../writer'
import { adminActor } from './admin-actor'
import { RegionInput, RegionPatch, StoreInput, StorePatch } from './schemas'

async function requireChainAdmin(ctx: Ctx) {
  const actor = await adminActor(ctx.db, ctx)
  if (!actor.chainAdmin) throw new DomainError('FORBIDDEN', 'Only a chain administrator manages regions and stores (chain.manage)', { action: 'chain.manage' })
  return actor
}

type RegionRow = { id: string; code: string; name: string }
type StoreRow = { id: string; regionId: string; code: string; name: string; city: string; timezone: string; opensAt: string; closesAt: string; active: boolean }

const readRegion = (db: Ctx['db'] | Tx, id: string) => first<RegionRow>(db, sql`SELECT id, code, name FROM regions WHERE id = ${id}`)
async function readStore(db: Ctx['db'] | Tx, id: string) {
  const row = await first<Omit<StoreRow, 'active'> & { active: number }>(db, sql`SELECT id, region_id AS regionId, code, name, city, timezone,
    opens_at AS opensAt, closes_at AS closesAt, active FROM stores WHERE id = ${id}`)
  return row && { ...row, active: Boolean(Number(row.active)) }
}

/** Regions and stores, for the administration screens. */
export async function listPlaces({ ctx }: { ctx: Ctx }) {
  await requireChainAdmin(ctx)
  const regionRows = await ctx.db.all<RegionRow>(sql`SELECT id, code, name FROM regions ORDER BY code`)
  const storeRows = await ctx.db.all<Omit<StoreRow, 'active'> & { active: number }>(sql`SELECT id, region_id AS regionId, code, name, city, timezone,
    opens_at AS opensAt, closes_at AS closesAt, active FROM stores ORDER BY code`)
  return { regions: regionRows, stores: storeRows.map((s) => ({ ...s, active: Boolean(Number(s.active)) })) }
}

const codeTaken = (what: string, code: string) => new DomainError('DUPLICATE', `A ${what} with code ${code} exists already`, { code })

export async function createRegion({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const data = RegionInput.parse(input)
  await requireChainAdmin(ctx)
  const at = ctx.clock.now()
  const id = data.id ?? newId()
  return ctx.writer.run(async (tx) => {
    if (await first(tx, sql`SELECT 1 AS x FROM regions WHERE code = ${data.code} OR id = ${id}`)) throw codeTaken('region', data.code)
    const row = { id, code: data.code, name: data.name }
    await tx.insert(regions).values(row)
    await appendAudit(tx, at, ctx.actor, { action: 'region.created', entityType: 'region', entityId: id, after: row })
    return row
  })
}

export async function updateRegion({ ctx, regionId, input }: { ctx: Ctx; regionId: string; input: unknown }) {
  const data = RegionPatch.parse(input)
  await requireChainAdmin(ctx)
  const at = ctx.clock.now()
  return ctx.writer.run(async (tx) => {
    const before = await readRegion(tx, regionId)
    if (!before) throw notFound('Region', { regionId })
    if (data.code && data.code !== before.code && (await first(tx, sql`SELECT 1 AS x FROM regions WHERE code = ${data.code}`))) throw codeTaken('region', data.code)
    const after = { ...before, ...data }
    await tx.run(sql`UPDATE regions SET code = ${after.code}, name = ${after.name} WHERE id = ${regionId}`)
    await appendAudit(tx, at, ctx.actor, { action: 'region.updated', entityType: 'region', entityId: regionId, before, after })
    return after
  })
}

/** Every store gets the standard places: sales floor, stockroom, receiving, quarantine and the in-transit pseudo-location. */
const STANDARD_LOCATIONS: Array<{ kind: LocationKind; code: string; name: string }> = [
  { kind: 'floor', code: 'FLOOR', name: 'Sales floor' },
  { kind: 'stockroom', code: 'STOCKROOM', name: 'Stockroom' },
  { kind: 'receiving', code: 'RECEIVING', name: 'Receiving' },
  { kind: 'quarantine', code: 'QUARANTINE', name: 'Quarantine' },
  { kind: 'in_transit', code: 'IN_TRANSIT', name: 'In transit' },
]

export async function createStore({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const data = StoreInput.parse(input)
  await requireChainAdmin(ctx)
  const at = ctx.clock.now()
  const id = data.id ?? newId()
  return ctx.writer.run(async (tx) => {
    if (!(await readRegion(tx, data.regionId))) throw notFound('Region', { regionId: data.regionId })
    if (await first(tx, sql`SELECT 1 AS x FROM stores WHERE code = ${data.code} OR id = ${id}`)) throw codeTaken('store', data.code)
    const row = { id, regionId: data.regionId, code: data.code, name: data.name, city: data.city, timezone: data.timezone, opensAt: data.opensAt, closesAt: data.closesAt, active: true }
    await tx.insert(stores).values(row)
    await tx.insert(locations).values(STANDARD_LOCATIONS.map((l) => ({ id: `${id}-${l.kind}`, storeId: id, ...l })))
    await appendAudit(tx, at, ctx.actor, { action: 'store.created', entityType: 'store', entityId: id, storeId: id, after: { ...row, locations: STANDARD_LOCATIONS.map((l) => l.kind) } })
    return row
  })
}

export async function updateStore({ ctx, storeId, input }: { ctx: Ctx; storeId: string; input: unknown }) {
  const data = StorePatch.parse(input)
  await requireChainAdmin(ctx)
  const at = ctx.clock.now()
  return ctx.writer.run(async (tx) => {
    const before = await readStore(tx, storeId)
    if (!before) throw notFound('Store', { storeId })
    if (data.regionId && !(await readRegion(tx, data.regionId))) throw notFound('Region', { regionId: data.regionId })
    if (data.code && data.code !== before.code && (await first(tx, sql`SELECT 1 AS x FROM stores WHERE code = ${data.code}`))) throw codeTaken('store', data.code)
    const after = { ...before, ...data }
    await tx.run(sql`UPDATE stores SET region_id = ${after.regionId}, code = ${after.code}, name = ${after.name}, city = ${after.city},
      timezone = ${after.timezone}, opens_at = ${after.opensAt}, closes_at = ${after.closesAt}, active = ${after.active ? 1 : 0} WHERE id = ${storeId}`)
    await appendAudit(tx, at, ctx.actor, { action: 'store.updated', entityType: 'store', entityId: storeId, storeId, before, after })
    return after
  })
}
