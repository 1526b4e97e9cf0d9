import type { StoreRef } from '../access/policy'
import { appendAudit } from '../audit/chain'
import type { Ctx } from '../context'
import { assertMove, loadRequest, updateRequest } from './load-request'
import { requestForActor } from './queries'
import { StartPickingInput } from './schemas'

/** The back room takes a request ("I'm on it"); the floor sees it as picking. Taking it again changes nothing. */
export async function startPicking({ ctx, store, requestId, input }: { ctx: Ctx; store: StoreRef; requestId: string; input: unknown }) {
  const data = StartPickingInput.parse(input ?? {})
  const at = ctx.clock.now()
  const replayed = await ctx.writer.run(async (tx) => {
    const row = await loadRequest(tx, store.id, requestId)
    if (row.status === 'picking') return true
    assertMove(row, 'picking', data.version)
    await updateRequest(tx, row, { status: 'picking', pickedBy: ctx.actor.userId })
    await appendAudit(tx, at, ctx.actor, {
      action: 'replenishment.picking',
      entityType: 'replenishment_request',
      entityId: row.id,
      storeId: store.id,
      before: { status: row.status },
      after: { status: 'picking' },
    })
    return false
  })
  return { request: await requestForActor(ctx, store, requestId), replayed }
}
