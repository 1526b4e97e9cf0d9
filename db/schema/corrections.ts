import { sql } from 'drizzle-orm'
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { users } from './accounts'
import { items } from './items'
import { locations, stores } from './places'

export const CORRECTION_STATUSES = ['pending', 'confirmed', 'rejected', 'cancelled'] as const
export type CorrectionStatus = (typeof CORRECTION_STATUSES)[number]
export const CORRECTION_SOURCES = ['backroom', 'floor_report', 'count', 'transfer'] as const
export const TIERS = ['lead', 'store_manager', 'regional_manager'] as const
export type Tier = (typeof TIERS)[number]

export const reasonCodes = sqliteTable('reason_codes', {
  code: text('code').primaryKey(),
  labelEn: text('label_en').notNull(),
  labelDe: text('label_de').notNull(),
  requiresNote: integer('requires_note', { mode: 'boolean' }).notNull().default(false),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  sortOrder: integer('sort_order').notNull().default(0),
})

/**
 * Approval tiers by absolute correction value (minor units). A row with store_id NULL is the chain
 * default; a store row overrides it. Value ≤ lead_max → lead; ≤ store_manager_max → store manager; else regional.
 */
export const tierPolicies = sqliteTable(
  'tier_policies',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').references(() => stores.id),
    leadMax: integer('lead_max').notNull(),
    storeManagerMax: integer('store_manager_max').notNull(),
    allowNegativeStockroom: integer('allow_negative_stockroom', { mode: 'boolean' }).notNull().default(false),
    /** Count variances above these ask for a recount by another person first. */
    recountUnits: integer('recount_units').notNull().default(10),
    recountValue: integer('recount_value').notNull().default(10000),
    /** Pending corrections older than this many hours are highlighted for escalation. */
    escalateAfterHours: integer('escalate_after_hours').notNull().default(48),
    updatedBy: text('updated_by'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    // One row per store; the single chain row (store_id NULL) is kept unique by 0001_guards.sql.
    uniqueIndex('tier_policies_store_uq').on(t.storeId),
    check('tier_policies_order_ck', sql`${t.leadMax} >= 0 AND ${t.storeManagerMax} >= ${t.leadMax}`),
  ],
)

export const corrections = sqliteTable(
  'corrections',
  {
    /** Client-generated (UUID v7) so a tablet can enter offline and retry safely. */
    id: text('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    status: text('status', { enum: CORRECTION_STATUSES }).notNull().default('pending'),
    source: text('source', { enum: CORRECTION_SOURCES }).notNull(),
    reasonCode: text('reason_code')
      .notNull()
      .references(() => reasonCodes.code),
    note: text('note'),
    /** Σ |delta| × unit cost of this correction alone (minor units). */
    value: integer('value').notNull(),
    /** Value used for the tier: includes same-day corrections of the same items by the same enterer. */
    tierValue: integer('tier_value').notNull(),
    tier: text('tier', { enum: TIERS }).notNull(),
    countId: text('count_id'),
    transferId: text('transfer_id'),
    /**
     * The counter of record (most entries on the differing lines; for a transfer, who closed the receipt),
     * shown in lists. Everyone who counted is in `correction_counters`: none of them may decide it.
     */
    countedBy: text('counted_by').references(() => users.id),
    enteredBy: text('entered_by')
      .notNull()
      .references(() => users.id),
    enteredAt: text('entered_at').notNull(),
    enteredSession: text('entered_session'),
    enteredDevice: text('entered_device'),
    decidedBy: text('decided_by').references(() => users.id),
    decidedAt: text('decided_at'),
    decidedRole: text('decided_role'),
    decisionNote: text('decision_note'),
    /** Negative stock accepted under policy on confirmation. */
    flaggedNegative: integer('flagged_negative', { mode: 'boolean' }).notNull().default(false),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('corrections_store_status_idx').on(t.storeId, t.status, t.enteredAt),
    index('corrections_enterer_idx').on(t.enteredBy, t.enteredAt),
    index('corrections_decider_idx').on(t.decidedBy),
    // Reports, evidence and drill-downs select released corrections by decision time (docs/decisions/005).
    index('corrections_store_decided_idx').on(t.storeId, t.status, t.decidedAt),
    check('corrections_status_ck', sql`${t.status} IN ('pending','confirmed','rejected','cancelled')`),
    check('corrections_tier_ck', sql`${t.tier} IN ('lead','store_manager','regional_manager')`),
    // Four eyes, enforced by the schema as a safety net behind the core's checks.
    check('corrections_four_eyes_ck', sql`${t.decidedBy} IS NULL OR ${t.status} = 'cancelled' OR ${t.decidedBy} <> ${t.enteredBy}`),
    check(
      'corrections_counter_ck',
      sql`${t.status} <> 'confirmed' OR ${t.countedBy} IS NULL OR ${t.decidedBy} <> ${t.countedBy}`,
    ),
    check(
      'corrections_decided_ck',
      sql`(${t.status} = 'pending') = (${t.decidedBy} IS NULL) AND (${t.status} = 'pending') = (${t.decidedAt} IS NULL)`,
    ),
    check('corrections_value_ck', sql`${t.value} >= 0 AND ${t.tierValue} >= ${t.value}`),
  ],
)

export const correctionLines = sqliteTable(
  'correction_lines',
  {
    id: text('id').primaryKey(),
    correctionId: text('correction_id')
      .notNull()
      .references(() => corrections.id),
    lineNo: integer('line_no').notNull(),
    locationId: text('location_id')
      .notNull()
      .references(() => locations.id),
    itemId: text('item_id')
      .notNull()
      .references(() => items.id),
    /** Signed: negative writes stock off, positive books found stock. */
    quantityDelta: integer('quantity_delta').notNull(),
    /** Unit cost when entered, so the value (and tier) cannot drift. */
    unitCost: integer('unit_cost').notNull(),
  },
  (t) => [
    uniqueIndex('correction_lines_no_uq').on(t.correctionId, t.lineNo),
    uniqueIndex('correction_lines_loc_item_uq').on(t.correctionId, t.locationId, t.itemId),
    index('correction_lines_item_idx').on(t.itemId),
    check('correction_lines_qty_ck', sql`typeof(${t.quantityDelta}) = 'integer' AND ${t.quantityDelta} <> 0`),
  ],
)

/**
 * Everyone who counted the stock a correction comes from: every person with a count entry for the
 * count (any round, recounts included) or a scan of the transfer receipt. Written in the transaction
 * that enters the correction; none of them may confirm or reject it (trigger corrections_counter_guard).
 */
export const correctionCounters = sqliteTable(
  'correction_counters',
  {
    correctionId: text('correction_id')
      .notNull()
      .references(() => corrections.id),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.correctionId, t.userId] }), index('correction_counters_user_idx').on(t.userId)],
)
