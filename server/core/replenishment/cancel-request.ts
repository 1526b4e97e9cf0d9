import type { StoreRef } from '../access/policy'
import { appendAudit } from '../audit/chain'
import type { Ctx } from '../context'
import { DomainError } from '../errors'
import { assertMove, loadRequest, updateRequest } from './load-request'
import { requestForActor } from './queries'
import { CancelRequestInput } from './schemas'

/** The person who asked may take the request back while nobody has started on it. */
export async function cancelRequest({ ctx, store, requestId, input }: { ctx: Ctx; store: StoreRef; requestId: string; input: unknown }) {
  const data = CancelRequestInput.parse(input ?? {})
  const at = ctx.clock.now()
  const replayed = await ctx.writer.run(async (tx) => {
    const row = await loadRequest(tx, store.id, requestId)
    if (row.requestedBy === null || row.requestedBy !== ctx.actor.userId) {
      throw new DomainError('FORBIDDEN', 'Only the person who asked for this refill can cancel it')
    }
    if (row.status === 'cancelled') return true
    assertMove(row, 'cancelled', data.version)
    if (row.status !== 'open') throw new DomainError('INVALID_STATE', 'Only an open request can be cancelled', { status: row.status })
    await updateRequest(tx, row, { status: 'cancelled' })
    await appendAudit(tx, at, ctx.actor, {
      action: 'replenishment.cancelled',
      entityType: 'replenishment_request',
      entityId: row.id,
      storeId: store.id,
      before: { status: row.status },
      after: { status: 'cancelled' },
    })
    return false
  })
  return { request: await requestForActor(ctx, store, requestId), replayed }
}
