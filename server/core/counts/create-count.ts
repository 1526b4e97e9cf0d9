import { sql } from 'drizzle-orm'
import { counts } from '../../../db/schema/index'
import type { StoreRef } from '../access/policy'
import { appendAudit } from '../audit/chain'
import type { Ctx } from '../context'
import { DomainError } from '../errors'
import { newId } from '../ids'
import { once } from '../ledger/idempotency'
import { first } from '../sql'
import { requireLocation, resolveItems } from '../store-refs'
import type { Tx } from '../writer'
import { findCount, maxMovementId, type CountView } from './queries'
import { CreateCountInput, type CountLocation } from './schemas'

/**
 * A manager opens a count. In the same transaction it records the ledger position (the highest
 * movement id) and, per line, the balance at that moment — so expected quantities can later be
 * taken as of the counting time, whatever is sold meanwhile. What a line covers:
 * - cycle: the chosen items in one location;
 * - location: every item with a non-zero balance in one location;
 * - flagged: items flagged for a count (negative floor after sales, …), in floor and stockroom or one location;
 * - full: every active item of the store's assortment (and anything with stock), in floor and stockroom.
 */
export async function createCount({ ctx, store, input }: { ctx: Ctx; store: StoreRef; input: unknown }): Promise<{ count: CountView; replayed: boolean }> {
  const data = CreateCountInput.parse(input)
  const itemIds = data.items ? [...new Set((await resolveItems(ctx.db, data.items, 'item')).map((i) => i.id))] : []
  const id = data.id ?? newId()
  const at = ctx.clock.now()
  const { replayed } = await ctx.writer.run(async (tx) => {
    const effect = async () => {
      await insertCount(tx, at, ctx, store, id, data, itemIds)
      return { status: 201, body: { countId: id } }
    }
    if (!data.id) return { ...(await effect()), replayed: false }
    const { id: _id, ...payload } = data
    return once(tx, at, { scope: `count.create:${store.id}`, key: id, payload: { ...payload, itemIds } }, effect)
  })
  return { count: (await findCount(ctx.db, store.id, id))!, replayed }
}

async function insertCount(tx: Tx, at: Date, ctx: Ctx, store: StoreRef, id: string, data: CreateCountInput, itemIds: string[]) {
  const taken = await first<{ id: string }>(tx, sql`SELECT id FROM counts WHERE id = ${id}`)
  if (taken) throw new DomainError('DUPLICATE', 'A count with this id exists already', { countId: id })
  const kinds: CountLocation[] = data.location ? [data.location] : ['floor', 'stockroom']
  const locationIds: string[] = []
  for (const kind of kinds) locationIds.push(await requireLocation(tx, store.id, kind))
  const startMovementId = await maxMovementId(tx)
  await tx.insert(counts).values({
    id,
    storeId: store.id,
    kind: data.kind,
    locationId: locationIds.length === 1 ? locationIds[0]! : null,
    status: 'open',
    note: data.note || null,
    createdBy: ctx.actor.userId ?? 'unknown',
    createdAt: at.toISOString(),
    startMovementId,
  })
  for (const locationId of locationIds) {
    const balance = (itemId: ReturnType<typeof sql>) => sql`COALESCE((SELECT quantity FROM balances WHERE location_id = ${locationId} AND item_id = ${itemId}), 0)`
    if (data.kind === 'cycle') {
      for (const itemId of itemIds) {
        await tx.run(sql`INSERT INTO count_items (count_id, location_id, item_id, expected_at_start, round)
          VALUES (${id}, ${locationId}, ${itemId}, ${balance(sql`${itemId}`)}, 1)`)
      }
    } else if (data.kind === 'location') {
      await tx.run(sql`INSERT INTO count_items (count_id, location_id, item_id, expected_at_start, round)
        SELECT ${id}, location_id, item_id, quantity, 1 FROM balances WHERE location_id = ${locationId} AND quantity <> 0`)
    } else if (data.kind === 'flagged') {
      await tx.run(sql`INSERT INTO count_items (count_id, location_id, item_id, expected_at_start, round)
        SELECT ${id}, ${locationId}, si.item_id, ${balance(sql`si.item_id`)}, 1
        FROM store_items si WHERE si.store_id = ${store.id} AND si.count_flag IS NOT NULL`)
    } else {
      await tx.run(sql`INSERT INTO count_items (count_id, location_id, item_id, expected_at_start, round)
        SELECT ${id}, ${locationId}, x.item_id, ${balance(sql`x.item_id`)}, 1 FROM (
          SELECT si.item_id FROM store_items si JOIN items i ON i.id = si.item_id WHERE si.store_id = ${store.id} AND i.active = 1
          UNION SELECT item_id FROM balances WHERE location_id = ${locationId} AND quantity <> 0) x`)
    }
  }
  const lines = await first<{ n: number }>(tx, sql`SELECT COUNT(*) AS n FROM count_items WHERE count_id = ${id}`)
  if (Number(lines?.n ?? 0) === 0) {
    throw new DomainError('UNPROCESSABLE', data.kind === 'flagged' ? 'No item is flagged for a count' : 'There is nothing to count here', { kind: data.kind })
  }
  await appendAudit(tx, at, ctx.actor, {
    action: 'count.created',
    entityType: 'count',
    entityId: id,
    storeId: store.id,
    after: { kind: data.kind, locations: kinds, items: itemIds.length > 0 ? itemIds : undefined, lines: Number(lines!.n), startMovementId, note: data.note ?? null },
  })
}
