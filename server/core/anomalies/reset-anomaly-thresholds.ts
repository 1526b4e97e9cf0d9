import { eq } from 'drizzle-orm'
import { anomalyThresholds } from '../../../db/schema/index'
import { appendAudit } from '../audit/chain'
import type { Ctx } from '../context'
import { authorizeChain, requireUser } from '../corrections/access'
import { CHAIN_ROW, getAnomalyThresholds } from './settings'

/**
 * Back to the defaults: removes the chain's stored thresholds. Administrators only, audited with
 * what was removed. Resetting when nothing is stored changes nothing and writes no event.
 */
export async function resetAnomalyThresholds({ ctx }: { ctx: Ctx }) {
  const userId = requireUser(ctx.actor)
  const at = ctx.clock.now()
  return ctx.writer.run(async (tx) => {
    // Like the chain's tier policy: administrators (policy.manage).
    await authorizeChain(tx, userId, 'policy.manage')
    const before = await getAnomalyThresholds(tx)
    const removed = before.updatedAt !== null
    if (!removed) return { removed, ...before }
    await tx.delete(anomalyThresholds).where(eq(anomalyThresholds.id, CHAIN_ROW))
    const after = await getAnomalyThresholds(tx)
    await appendAudit(tx, at, ctx.actor, {
      action: 'policy.anomaly_thresholds_reset',
      entityType: 'anomaly_thresholds',
      entityId: CHAIN_ROW,
      storeId: null,
      before: { overrides: before.overrides, effective: before.effective },
      after: { overrides: after.overrides, effective: after.effective },
    })
    return { removed, ...after }
  })
}
