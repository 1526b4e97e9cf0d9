import { eq, isNull } from 'drizzle-orm'
import { tierPolicies } from '../../../db/schema/index'
import { appendAudit } from '../audit/chain'
import type { Ctx } from '../context'
import { newId } from '../ids'
import { authorizeChain, authorizeStore, requireUser } from './access'
import { TierPolicyBody, type TierPolicyInput } from './schemas'

/**
 * Sets the approval thresholds of the chain (storeId null) or one store (overriding the chain).
 * Only administrators (policy.manage); audited with before and after. A new policy applies to
 * corrections entered from now on — an entered correction keeps the tier it was entered with.
 */
export async function setTierPolicy({ ctx, input }: { ctx: Ctx; input: TierPolicyInput }) {
  const { storeId, ...body } = input
  const policy = TierPolicyBody.parse(body)
  const userId = requireUser(ctx.actor)
  const at = ctx.clock.now()

  return ctx.writer.run(async (tx) => {
    if (storeId === null) {
      await authorizeChain(tx, userId, 'policy.manage')
    } else {
      await authorizeStore(tx, userId, 'policy.manage', storeId)
    }
    const where = storeId === null ? isNull(tierPolicies.storeId) : eq(tierPolicies.storeId, storeId)
    const [before] = await tx.select().from(tierPolicies).where(where)
    const values = {
      leadMax: policy.leadMax,
      storeManagerMax: policy.storeManagerMax,
      allowNegativeStockroom: policy.allowNegativeStockroom,
      recountUnits: policy.recountUnits ?? before?.recountUnits ?? 10,
      recountValue: policy.recountValue ?? before?.recountValue ?? 10_000,
      escalateAfterHours: policy.escalateAfterHours ?? before?.escalateAfterHours ?? 48,
      updatedBy: userId,
      updatedAt: at.toISOString(),
    }
    if (before) await tx.update(tierPolicies).set(values).where(eq(tierPolicies.id, before.id))
    else await tx.insert(tierPolicies).values({ id: newId(), storeId, ...values })
    const [after] = await tx.select().from(tierPolicies).where(where)
    await appendAudit(tx, at, ctx.actor, {
      action: 'policy.tier_changed',
      entityType: 'tier_policy',
      entityId: after!.id,
      storeId,
      before: before ?? null,
      after,
    })
    return { policy: { ...after!, scope: storeId === null ? ('chain' as const) : ('store' as const) } }
  })
}
