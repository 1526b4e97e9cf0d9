import { sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import type { Tx } from '../writer'
import { idList } from './scope'

export type EffectivePolicy = { leadMax: number; storeManagerMax: number; escalateAfterHours: number }

/** Used when neither the store nor the chain has a policy row (a fresh database). */
export const FALLBACK_POLICY: EffectivePolicy = { leadMax: 5000, storeManagerMax: 50000, escalateAfterHours: 48 }

/** The tier policy in force per store: the store's own row, else the chain row. */
export async function effectivePolicies(db: Db | Tx, storeIds: readonly string[]): Promise<Map<string, EffectivePolicy>> {
  const rows = await db.all<{ storeId: string | null } & EffectivePolicy>(sql`
    SELECT store_id AS storeId, lead_max AS leadMax, store_manager_max AS storeManagerMax,
      escalate_after_hours AS escalateAfterHours
    FROM tier_policies WHERE store_id IS NULL OR store_id IN ${idList(storeIds)}`)
  const chain = rows.find((r) => r.storeId === null)
  const base: EffectivePolicy = chain
    ? { leadMax: Number(chain.leadMax), storeManagerMax: Number(chain.storeManagerMax), escalateAfterHours: Number(chain.escalateAfterHours) }
    : FALLBACK_POLICY
  const byStore = new Map(rows.filter((r) => r.storeId !== null).map((r) => [r.storeId!, r]))
  return new Map(
    storeIds.map((id) => {
      const own = byStore.get(id)
      return [
        id,
        own ? { leadMax: Number(own.leadMax), storeManagerMax: Number(own.storeManagerMax), escalateAfterHours: Number(own.escalateAfterHours) } : base,
      ]
    }),
  )
}
