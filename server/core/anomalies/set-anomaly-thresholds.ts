import { anomalyThresholds } from '../../../db/schema/index'
import { appendAudit } from '../audit/chain'
import type { Ctx } from '../context'
import { authorizeChain, requireUser } from '../corrections/access'
import { CHAIN_ROW, getAnomalyThresholds } from './settings'
import { ThresholdOverrides } from './thresholds'

/**
 * Sets the chain's anomaly thresholds: the body replaces what was stored, and a threshold left out
 * follows its default again. Administrators only; audited with before and after in the same
 * transaction. Applies to every anomaly report from now on (a request may still override each value).
 */
export async function setAnomalyThresholds({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const overrides = ThresholdOverrides.parse(input)
  const userId = requireUser(ctx.actor)
  const at = ctx.clock.now().toISOString()
  return ctx.writer.run(async (tx) => {
    // Like the chain's tier policy: administrators (policy.manage).
    await authorizeChain(tx, userId, 'policy.manage')
    const before = await getAnomalyThresholds(tx)
    const values = { overrides: JSON.stringify(overrides), updatedBy: userId, updatedAt: at }
    await tx
      .insert(anomalyThresholds)
      .values({ id: CHAIN_ROW, ...values })
      .onConflictDoUpdate({ target: anomalyThresholds.id, set: values })
    const after = await getAnomalyThresholds(tx)
    await appendAudit(tx, new Date(at), ctx.actor, {
      action: 'policy.anomaly_thresholds_changed',
      entityType: 'anomaly_thresholds',
      entityId: CHAIN_ROW,
      storeId: null,
      before: before.updatedAt === null ? null : { overrides: before.overrides, effective: before.effective },
      after: { overrides: after.overrides, effective: after.effective },
    })
    return after
  })
}
