import { sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { first } from '../sql'
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
