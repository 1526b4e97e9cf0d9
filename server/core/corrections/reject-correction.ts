import { appendAudit } from '../audit/chain'
import type { Ctx } from '../context'
import { checkDecision, deciderTrail, markDecided, resolveDecider, seriesTrail } from './decision'
import { RejectBody, type RejectInput } from './schemas'
import { summaryOf } from './views'

/**
 * Rejects a correction, with a reason. The same people may reject as may confirm (a second person
 * covering the tier — the series' tier too, F16 — with fresh credentials): the enterer withdraws their
 * own by cancelling instead.
 */
export async function rejectCorrection({ ctx, input }: { ctx: Ctx; input: RejectInput }) {
  const { storeId, id, ...body } = input
  const parsed = RejectBody.parse(body)
  const decider = await resolveDecider(ctx, parsed.credentials)
  const at = ctx.clock.now()

  return ctx.writer.run(async (tx) => {
    const { record, role, series, tier } = await checkDecision(tx, ctx, at, decider, { storeId, id, version: parsed.version })
    const version = await markDecided(tx, record, { status: 'rejected', decidedBy: decider.userId, at, decidedRole: role, decisionNote: parsed.reason })
    await appendAudit(tx, at, { ...ctx.actor, userId: decider.userId }, {
      action: 'correction.rejected',
      entityType: 'correction',
      entityId: id,
      storeId,
      before: { status: 'pending', version: record.version },
      after: {
        status: 'rejected',
        version,
        ...deciderTrail(ctx, decider),
        decidedRole: role,
        enteredBy: record.enteredBy,
        reason: parsed.reason,
        tier: record.tier,
        tierValue: record.tierValue,
        ...seriesTrail(record, series, tier),
      },
    })
    return summaryOf(tx, storeId, id)
  })
}
