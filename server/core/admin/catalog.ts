import { sql } from 'drizzle-orm'
import { reasonCodes } from '../../../db/schema/index'
import { canAnywhere } from '../access/policy'
import { loadGrants } from '../access/load-access'
import { appendAudit } from '../audit/chain'
import { authorizeStore } from '../corrections/access'
import type { Ctx } from '../context'
import { DomainError, notFound } from '../errors'
import { first } from '../sql'
import type { Tx } from '../writer'
import { ReasonCodePatch, ReasonCodeInput, ShelfSettingsInput } from './schemas'

async function requireCatalogAdmin(ctx: Ctx) {
  if (!ctx.actor.userId) throw new DomainError('UNAUTHENTICATED', 'Sign in to continue')
  if (!canAnywhere(await loadGrants(ctx.db, ctx.actor.userId), 'catalog.manage')) {
    throw new DomainError('FORBIDDEN', 'Only a catalog administrator manages this (catalog.manage)', { action: 'catalog.manage' })
  }
}

type ReasonRow = { code: string; labelEn: string; labelDe: string; requiresNote: boolean; active: boolean; sortOrder: number }

async function readReason(db: Ctx['db'] | Tx, code: string): Promise<ReasonRow | undefined> {
  const row = await first<{ code: string; labelEn: string; labelDe: string; requiresNote: number; active: number; sortOrder: number }>(db, sql`
    SELECT code, label_en AS labelEn, label_de AS labelDe, requires_note AS requiresNote, active, sort_order AS sortOrder FROM reason_codes WHERE code = ${code}`)
  return row && { ...row, requiresNote: Boolean(Number(row.requiresNote)), active: Boolean(Number(row.active)), sortOrder: Number(row.sortOrder) }
}

/** Every reason code, retired ones included (entering a correction offers the active ones only). */
export async function listAllReasonCodes({ ctx }: { ctx: Ctx }) {
  await requireCatalogAdmin(ctx)
  const codes = await ctx.db.all<{ code: string }>(sql`SELECT code FROM reason_codes ORDER BY sort_order, code`)
  return { reasonCodes: (await Promise.all(codes.map((c) => readReason(ctx.db, c.code)))).filter((r): r is ReasonRow => r !== undefined) }
}

export async function createReasonCode({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const data = ReasonCodeInput.parse(input)
  await requireCatalogAdmin(ctx)
  const at = ctx.clock.now()
  return ctx.writer.run(async (tx) => {
    if (await readReason(tx, data.code)) throw new DomainError('DUPLICATE', `The reason code ${data.code} exists already`, { code: data.code })
    await tx.insert(reasonCodes).values({ ...data, active: true })
    const row = (await readReason(tx, data.code))!
    await appendAudit(tx, at, ctx.actor, { action: 'reason_code.created', entityType: 'reason_code', entityId: data.code, after: row })
    return row
  })
}

/** Changes labels or order, or retires (active: false) a code; corrections that used it keep it. */
export async function updateReasonCode({ ctx, code, input }: { ctx: Ctx; code: string; input: unknown }) {
  const data = ReasonCodePatch.parse(input)
  await requireCatalogAdmin(ctx)
  const at = ctx.clock.now()
  return ctx.writer.run(async (tx) => {
    const before = await readReason(tx, code)
    if (!before) throw notFound('Reason code', { code })
    const after = { ...before, ...data }
    await tx.run(sql`UPDATE reason_codes SET label_en = ${after.labelEn}, label_de = ${after.labelDe}, requires_note = ${after.requiresNote ? 1 : 0},
      sort_order = ${after.sortOrder}, active = ${after.active ? 1 : 0} WHERE code = ${code}`)
    await appendAudit(tx, at, ctx.actor, { action: 'reason_code.updated', entityType: 'reason_code', entityId: code, before, after })
    return after
  })
}

/**
 * Shelf minimum and target of an item in one store (they drive replenishment). Changes no stock; a
 * count flag on the item stays as it is.
 */
export async function setShelfSettings({ ctx, storeId, itemId, input }: { ctx: Ctx; storeId: string; itemId: string; input: unknown }) {
  const data = ShelfSettingsInput.parse(input)
  if (!ctx.actor.userId) throw new DomainError('UNAUTHENTICATED', 'Sign in to continue')
  await authorizeStore(ctx.db, ctx.actor.userId, 'catalog.manage', storeId)
  const at = ctx.clock.now()
  return ctx.writer.run(async (tx) => {
    if (!(await first(tx, sql`SELECT 1 AS x FROM items WHERE id = ${itemId}`))) throw notFound('Item', { itemId })
    const before = await first<{ shelfMin: number; shelfTarget: number }>(tx, sql`SELECT shelf_min AS shelfMin, shelf_target AS shelfTarget
      FROM store_items WHERE store_id = ${storeId} AND item_id = ${itemId}`)
    await tx.run(sql`INSERT INTO store_items (store_id, item_id, shelf_min, shelf_target) VALUES (${storeId}, ${itemId}, ${data.shelfMin}, ${data.shelfTarget})
      ON CONFLICT (store_id, item_id) DO UPDATE SET shelf_min = excluded.shelf_min, shelf_target = excluded.shelf_target`)
    await appendAudit(tx, at, ctx.actor, {
      action: 'store_item.settings_updated',
      entityType: 'store_item',
      entityId: `${storeId}/${itemId}`,
      storeId,
      before: before ? { shelfMin: Number(before.shelfMin), shelfTarget: Number(before.shelfTarget) } : null,
      after: data,
    })
    return { storeId, itemId, ...data }
  })
}
