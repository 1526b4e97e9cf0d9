import type { StoreRef } from '../access/policy'
import { appendAudit } from '../audit/chain'
import type { Ctx } from '../context'
import { DomainError } from '../errors'
import { hiddenFrom, loadViewer } from '../items/blind-count'
import { applyMovements } from '../ledger/apply-movements'
import { balanceOf, requireLocation } from '../store-refs'
import { assertMove, loadRequest, updateRequest } from './load-request'
import { findRequest } from './queries'
import { CompletePickInput } from './schemas'

/**
 * The picker brings `quantity` out (all that was asked, or less: a partial pick also ends the request)
 * and a `replenish` movement moves it stockroom → floor in the same transaction. More than the
 * stockroom holds is refused. Sent again after success (a retry, a double tap) it posts nothing more.
 * A picker who counts the item blind is refused without the figure ("holds only N" would tell them).
 */
export async function completePick({ ctx, store, requestId, input }: { ctx: Ctx; store: StoreRef; requestId: string; input: unknown }) {
  const data = CompletePickInput.parse(input)
  const at = ctx.clock.now()
  const viewer = await loadViewer(ctx.db, store, ctx.actor.userId)
  const replayed = await ctx.writer.run(async (tx) => {
    const row = await loadRequest(tx, store.id, requestId)
    if (row.status === 'done') {
      if (row.pickedQty === data.quantity) return true
      throw new DomainError('INVALID_STATE', `This request is already done with ${row.pickedQty} picked`, { status: row.status, pickedQty: row.pickedQty })
    }
    assertMove(row, 'done', data.version)
    const stockroomId = await requireLocation(tx, store.id, 'stockroom')
    const floorId = await requireLocation(tx, store.id, 'floor')
    const available = await balanceOf(tx, stockroomId, row.itemId)
    if (data.quantity > available && (await hiddenFrom(tx, store.id, viewer, [row.itemId])).has(row.itemId)) {
      throw new DomainError('NEGATIVE_STOCK', 'The stockroom does not hold that many of this item (it is being counted, so its stock is not shown)', {
        itemId: row.itemId,
        requested: data.quantity,
        blindCount: true,
      })
    }
    if (data.quantity > available) {
      throw new DomainError('NEGATIVE_STOCK', `The stockroom holds only ${Math.max(available, 0)} of this item`, {
        itemId: row.itemId,
        available: Math.max(available, 0),
        requested: data.quantity,
      })
    }
    await applyMovements(tx, at, ctx.actor, [
      { storeId: store.id, itemId: row.itemId, fromLocationId: stockroomId, toLocationId: floorId, counterparty: null, quantity: data.quantity, kind: 'replenish', docType: 'replenishment', docId: row.id },
    ])
    await updateRequest(tx, row, { status: 'done', pickedQty: data.quantity, pickedBy: ctx.actor.userId, pickedAt: at.toISOString() })
    await appendAudit(tx, at, ctx.actor, {
      action: 'replenishment.done',
      entityType: 'replenishment_request',
      entityId: row.id,
      storeId: store.id,
      before: { status: row.status },
      after: { status: 'done', pickedQty: data.quantity, partial: row.requestedQty !== null && data.quantity < row.requestedQty },
    })
    return false
  })
  return { request: (await findRequest(ctx.db, store.id, requestId, viewer))!, replayed }
}
