import { sql } from 'drizzle-orm'
import { replenishmentRequests } from '../../../db/schema/index'
import type { StoreRef } from '../access/policy'
import { appendAudit } from '../audit/chain'
import type { Ctx } from '../context'
import { DomainError } from '../errors'
import { first } from '../sql'
import { hiddenFrom, loadViewer } from '../items/blind-count'
import { balanceOf, requireLocation, resolveItems } from '../store-refs'
import { findRequest, type RequestView } from './queries'
import { RequestRefillInput } from './schemas'

/** `stockroomAvailable` is null while the requester counts the item blind. */
export type RequestRefillResult = { request: RequestView; stockroomAvailable: number | null; replayed: boolean }

/**
 * A clerk asks the back room for a refill. The answer says at once how much the stockroom holds:
 * with nothing there the request is still recorded (the demand is worth knowing) but straight as
 * `cannot_fill` with reason `stockroom_empty`, so nobody walks to the back for nothing.
 * The client id makes a retry harmless; a second active request for the same item is refused (409).
 * While the requester counts the item blind (items/blind-count.ts) the answer carries no stock, and
 * the request stays open whatever the stockroom holds: "cannot fill, stockroom empty" would tell them.
 */
export async function requestRefill({ ctx, store, input }: { ctx: Ctx; store: StoreRef; input: unknown }): Promise<RequestRefillResult> {
  const data = RequestRefillInput.parse(input)
  const [item] = await resolveItems(ctx.db, [data])
  const at = ctx.clock.now()
  const payload = { itemId: item!.id, requestedQty: data.quantity ?? null, note: data.note ?? null }
  const viewer = await loadViewer(ctx.db, store, ctx.actor.userId)

  const outcome = await ctx.writer.run(async (tx) => {
    const stockroomId = await requireLocation(tx, store.id, 'stockroom')
    const blind = (await hiddenFrom(tx, store.id, viewer, [payload.itemId])).has(payload.itemId)
    const existing = await first<{ storeId: string; itemId: string; requestedQty: number | null; note: string | null; requestedBy: string | null }>(
      tx,
      sql`SELECT store_id AS storeId, item_id AS itemId, requested_qty AS requestedQty, note, requested_by AS requestedBy
        FROM replenishment_requests WHERE id = ${data.id}`,
    )
    if (existing) {
      const same = existing.storeId === store.id && existing.itemId === payload.itemId && existing.requestedBy === ctx.actor.userId &&
        (existing.requestedQty === null ? null : Number(existing.requestedQty)) === payload.requestedQty && existing.note === payload.note
      if (!same) throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This request id was already used for a different request', { id: data.id })
      return { replayed: true, blind, stockroom: await balanceOf(tx, stockroomId, payload.itemId) }
    }
    const active = await first<{ id: string; status: string }>(tx, sql`SELECT id, status FROM replenishment_requests
      WHERE store_id = ${store.id} AND item_id = ${payload.itemId} AND status IN ('open', 'picking') LIMIT 1`)
    if (active) {
      throw new DomainError('DUPLICATE', 'This item was already requested and is not done yet', { requestId: active.id, status: active.status })
    }
    const stockroom = await balanceOf(tx, stockroomId, payload.itemId)
    const empty = stockroom <= 0 && !blind
    const row = {
      id: data.id,
      storeId: store.id,
      itemId: payload.itemId,
      requestedQty: payload.requestedQty,
      note: payload.note,
      source: 'clerk' as const,
      status: empty ? ('cannot_fill' as const) : ('open' as const),
      requestedBy: ctx.actor.userId,
      requestedAt: at.toISOString(),
      cannotFillReason: empty ? 'stockroom_empty' : null,
    }
    await tx.insert(replenishmentRequests).values(row)
    await appendAudit(tx, at, ctx.actor, {
      action: 'replenishment.requested',
      entityType: 'replenishment_request',
      entityId: row.id,
      storeId: store.id,
      after: { ...row, stockroomAvailable: stockroom, ...(blind ? { blindCount: true } : {}) },
    })
    return { replayed: false, blind, stockroom }
  })

  const found = (await findRequest(ctx.db, store.id, data.id, viewer))!
  // Blind when written or when read: either way the answer shows no figure.
  const blind = outcome.blind || found.blindCount
  const request: RequestView = blind ? { ...found, stock: null, blindCount: true } : found
  return { request, stockroomAvailable: blind ? null : Math.max(outcome.stockroom, 0), replayed: outcome.replayed }
}
