import { sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { DEFAULT_THRESHOLDS } from '../corrections/rules'
import type { Tx } from '../writer'

/** The numbers of a tier policy (what the office form edits). Money in minor units. */
export type TierPolicyValues = {
  leadMax: number
  storeManagerMax: number
  allowNegativeStockroom: boolean
  recountUnits: number
  recountValue: number
  escalateAfterHours: number
}

/** A stored policy row: the chain's (store_id NULL) or one store's override. */
export type TierPolicyRow = TierPolicyValues & { id: string; updatedAt: string; updatedBy: string | null; updatedByName: string | null }

export type PolicySource = 'store' | 'chain' | 'default'

/**
 * What applies when neither the store nor the chain has a row — the same numbers the verbs fall back
 * to (corrections/rules.ts DEFAULT_THRESHOLDS, the column defaults of tier_policies).
 */
export const DEFAULT_TIER_POLICY: TierPolicyValues = {
  ...DEFAULT_THRESHOLDS,
  allowNegativeStockroom: false,
  recountUnits: 10,
  recountValue: 10_000,
  escalateAfterHours: 48,
}

type RawRow = {
  id: string
  storeId: string | null
  leadMax: number
  storeManagerMax: number
  allowNegativeStockroom: number
  recountUnits: number
  recountValue: number
  escalateAfterHours: number
  updatedAt: string
  updatedBy: string | null
  updatedByName: string | null
}

const toRow = (r: RawRow): TierPolicyRow => ({
  id: r.id,
  leadMax: Number(r.leadMax),
  storeManagerMax: Number(r.storeManagerMax),
  allowNegativeStockroom: Boolean(Number(r.allowNegativeStockroom)),
  recountUnits: Number(r.recountUnits),
  recountValue: Number(r.recountValue),
  escalateAfterHours: Number(r.escalateAfterHours),
  updatedAt: r.updatedAt,
  updatedBy: r.updatedBy,
  updatedByName: r.updatedByName,
})

export const valuesOf = (row: TierPolicyValues): TierPolicyValues => ({
  leadMax: row.leadMax,
  storeManagerMax: row.storeManagerMax,
  allowNegativeStockroom: row.allowNegativeStockroom,
  recountUnits: row.recountUnits,
  recountValue: row.recountValue,
  escalateAfterHours: row.escalateAfterHours,
})

/** The chain row and (given a store) that store's own row. */
async function rows(db: Db | Tx, storeId: string | null) {
  const found = await db.all<RawRow>(sql`
    SELECT p.id, p.store_id AS storeId, p.lead_max AS leadMax, p.store_manager_max AS storeManagerMax,
      p.allow_negative_stockroom AS allowNegativeStockroom, p.recount_units AS recountUnits, p.recount_value AS recountValue,
      p.escalate_after_hours AS escalateAfterHours, p.updated_at AS updatedAt, p.updated_by AS updatedBy, u.name AS updatedByName
    FROM tier_policies p LEFT JOIN users u ON u.id = p.updated_by
    WHERE p.store_id IS NULL ${storeId === null ? sql`` : sql`OR p.store_id = ${storeId}`}`)
  const chain = found.find((r) => r.storeId === null)
  const own = storeId === null ? undefined : found.find((r) => r.storeId === storeId)
  return { chain: chain ? toRow(chain) : null, store: own ? toRow(own) : null }
}

/** The chain's policy: its row if there is one, otherwise the built-in defaults. */
export async function getChainTierPolicy(db: Db | Tx) {
  const { chain } = await rows(db, null)
  return {
    source: chain ? ('chain' as const) : ('default' as const),
    effective: chain ? valuesOf(chain) : DEFAULT_TIER_POLICY,
    chain,
    defaults: DEFAULT_TIER_POLICY,
  }
}

/**
 * The policy in force at one store, and why: its own row (`source: 'store'`), else the chain row
 * (`'chain'`), else the defaults (`'default'`). Both rows are returned so the office can show what a
 * store falls back to when its override is removed. The store's access is checked by the caller.
 */
export async function getStoreTierPolicy(db: Db | Tx, storeId: string) {
  const { chain, store } = await rows(db, storeId)
  const source: PolicySource = store ? 'store' : chain ? 'chain' : 'default'
  return {
    storeId,
    source,
    effective: store ? valuesOf(store) : chain ? valuesOf(chain) : DEFAULT_TIER_POLICY,
    store,
    chain,
    defaults: DEFAULT_TIER_POLICY,
  }
}
