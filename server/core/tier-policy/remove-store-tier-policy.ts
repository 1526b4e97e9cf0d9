import { and, eq } from 'drizzle-orm'
import { tierPolicies } from '../../../db/schema/index'
import { appendAudit } from '../audit/chain'
import type { Ctx } from '../context'
import { authorizeStore, requireUser } from '../corrections/access'
import { getStoreTierPolicy } from './queries'

/**
 * Removes a store's own approval thresholds: from now on the chain's apply (or the defaults, if the
 * chain has none). Administrators only (policy.manage), audited with the removed row as `before`.
 * Removing an override that does not exist changes nothing and writes no event (a retry is harmless).
 * Like setting a policy, this applies to corrections entered from now on.
 */
export async function removeStoreTierPolicy({ ctx, storeId }: { ctx: Ctx; storeId: string }) {
  const userId = requireUser(ctx.actor)
  const at = ctx.clock.now()
  return ctx.writer.run(async (tx) => {
    await authorizeStore(tx, userId, 'policy.manage', storeId)
    const [before] = await tx.select().from(tierPolicies).where(eq(tierPolicies.storeId, storeId))
    if (before) {
      await tx.delete(tierPolicies).where(and(eq(tierPolicies.id, before.id), eq(tierPolicies.storeId, storeId)))
      const now = await getStoreTierPolicy(tx, storeId)
      await appendAudit(tx, at, ctx.actor, {
        action: 'policy.tier_removed',
        entityType: 'tier_policy',
        entityId: before.id,
        storeId,
        before,
        after: { appliesNow: now.source, ...now.effective },
      })
    }
    return { removed: before !== undefined, ...(await getStoreTierPolicy(tx, storeId)) }
  })
}
