import { sql } from 'drizzle-orm'
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { stores } from './places'

/**
 * Report roll-ups (docs/decisions/005-report-aggregation.md). Both are kept by triggers
 * (migration 0003_report_rollup_triggers.sql) in the same transaction as the change they count, so
 * no writer can forget them, and reports read a few thousand rows instead of the raw tables.
 */

export const ROLLUP_DIMS = ['total', 'reason', 'person', 'category', 'item'] as const
export type RollupDim = (typeof ROLLUP_DIMS)[number]

/**
 * Confirmed corrections per store, UTC day of the decision, and dimension: `total` (key ''), `reason`
 * (reason code), `person` (enterer), `category` and `item` (from the lines). `corrections` counts the
 * corrections touching the key; values are at the unit cost on the line, minor units.
 */
export const rollupCorrectionsDaily = sqliteTable(
  'rollup_corrections_daily',
  {
    dim: text('dim', { enum: ROLLUP_DIMS }).notNull(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    day: text('day').notNull(),
    key: text('key').notNull(),
    corrections: integer('corrections').notNull(),
    value: integer('value').notNull(),
    writeOffValue: integer('write_off_value').notNull(),
    foundValue: integer('found_value').notNull(),
    writeOffUnits: integer('write_off_units').notNull(),
    foundUnits: integer('found_units').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.dim, t.storeId, t.day, t.key] }),
    // Covers the report queries (index-only scans: measured 2–5× faster than through the primary key).
    index('rollup_corrections_cover_idx').on(t.dim, t.storeId, t.day, t.key, t.corrections, t.value, t.writeOffValue, t.foundValue, t.writeOffUnits),
    check('rollup_corrections_dim_ck', sql`${t.dim} IN ('total','reason','person','category','item')`),
  ],
)

/** POS sales per store and UTC day of the receipt (returns count negative, as on the receipt). */
export const rollupSalesDaily = sqliteTable(
  'rollup_sales_daily',
  {
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    day: text('day').notNull(),
    receipts: integer('receipts').notNull(),
    salesValue: integer('sales_value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.day] })],
)
