import type { StoreRef } from '../access/policy'
import { appendAudit } from '../audit/chain'
import type { Ctx } from '../context'
import { DomainError } from '../errors'
import { assertMove, loadRequest, updateRequest } from './load-request'
import { requestForActor } from './queries'
import { CannotFillInput } from './schemas'

/** The back room cannot fill a request (nothing found, damaged stock…) and says why; the floor sees the reason. */
export async function cannotFill({ ctx, store, requestId, input }: { ctx: Ctx; store: StoreRef; requestId: string; input: unknown }) {
  const data = CannotFillInput.parse(input)
  const at = ctx.clock.now()
  const replayed = await ctx.writer.run(async (tx) => {
    const row = await loadRequest(tx, store.id, requestId)
    if (row.status === 'cannot_fill') {
      if (row.cannotFillReason === data.reason) return true
      throw new DomainError('INVALID_STATE', 'This request was already marked as cannot fill', { status: row.status })
    }
    assertMove(row, 'cannot_fill', data.version)
    await updateRequest(tx, row, { status: 'cannot_fill', cannotFillReason: data.reason, pickedBy: ctx.actor.userId, pickedAt: at.toISOString() })
    await appendAudit(tx, at, ctx.actor, {
      action: 'replenishment.cannot_fill',
      entityType: 'replenishment_request',
      entityId: row.id,
      storeId: store.id,
      before: { status: row.status },
      after: { status: 'cannot_fill', reason: data.reason },
    })
    return false
  })
  return { request: await requestForActor(ctx, store, requestId), replayed }
}
