import { sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { first, sqlList } from '../sql'
import type { Tx } from '../writer'
import { DEFAULT_THRESHOLDS, type TierThresholds } from './rules'

export type EffectivePolicy = TierThresholds & {
  allowNegativeStockroom: boolean
  escalateAfterHours: number
  /** Where the numbers come from: this store's own row, the chain row, or the built-in defaults. */
  source: 'store' | 'chain' | 'default'
}

/** The policy that applies to a store: its own row overrides the chain row (store_id NULL). */
export async function loadTierPolicy(db: Db | Tx, storeId: string): Promise<EffectivePolicy> {
  const row = await first<{ storeId: string | null; leadMax: number; storeManagerMax: number; allowNegative: number; escalate: number }>(
    db,
    sql`SELECT store_id AS storeId, lead_max AS leadMax, store_manager_max AS storeManagerMax,
          allow_negative_stockroom AS allowNegative, escalate_after_hours AS escalate
        FROM tier_policies WHERE store_id = ${storeId} OR store_id IS NULL
        ORDER BY store_id IS NULL LIMIT 1`,
  )
  if (!row) return { ...DEFAULT_THRESHOLDS, allowNegativeStockroom: false, escalateAfterHours: 48, source: 'default' }
  return {
    leadMax: Number(row.leadMax),
    storeManagerMax: Number(row.storeManagerMax),
    allowNegativeStockroom: Boolean(Number(row.allowNegative)),
    escalateAfterHours: Number(row.escalate),
    source: row.storeId === null ? 'chain' : 'store',
  }
}

/** The thresholds in force per store, in one query: each store's own row, else the chain row, else the defaults (as loadTierPolicy). */
export async function loadTierThresholds(db: Db | Tx, storeIds: readonly string[]): Promise<Map<string, TierThresholds>> {
  const ids = [...new Set(storeIds)]
  if (ids.length === 0) return new Map()
  const rows = await db.all<{ storeId: string | null; leadMax: number; storeManagerMax: number }>(sql`
    SELECT store_id AS storeId, lead_max AS leadMax, store_manager_max AS storeManagerMax
    FROM tier_policies WHERE store_id IS NULL OR store_id IN ${sqlList(ids)}`)
  const own = new Map(rows.filter((r) => r.storeId !== null).map((r) => [r.storeId!, r]))
  const chain = rows.find((r) => r.storeId === null)
  return new Map(
    ids.map((id) => {
      const row = own.get(id) ?? chain
      return [id, row ? { leadMax: Number(row.leadMax), storeManagerMax: Number(row.storeManagerMax) } : DEFAULT_THRESHOLDS]
    }),
  )
}
