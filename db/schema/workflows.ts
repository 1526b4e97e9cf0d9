import { sql } from 'drizzle-orm'
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { users } from './accounts'
import { items } from './items'
import { locations, stores } from './places'

// ── Replenishment: the floor asks, the back room picks ──────────────────────────────────────────
export const REPLENISH_STATUSES = ['open', 'picking', 'done', 'cannot_fill', 'cancelled'] as const

export const replenishmentRequests = sqliteTable(
  'replenishment_requests',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    itemId: text('item_id')
      .notNull()
      .references(() => items.id),
    /** Null: "fill the shelf up to target". */
    requestedQty: integer('requested_qty'),
    note: text('note'),
    source: text('source', { enum: ['clerk', 'rule'] }).notNull(),
    status: text('status', { enum: REPLENISH_STATUSES }).notNull().default('open'),
    requestedBy: text('requested_by').references(() => users.id),
    requestedAt: text('requested_at').notNull(),
    pickedQty: integer('picked_qty'),
    pickedBy: text('picked_by').references(() => users.id),
    pickedAt: text('picked_at'),
    cannotFillReason: text('cannot_fill_reason'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('replenishment_store_status_idx').on(t.storeId, t.status),
    check('replenishment_status_ck', sql`${t.status} IN ('open','picking','done','cannot_fill','cancelled')`),
    check('replenishment_qty_ck', sql`${t.requestedQty} IS NULL OR ${t.requestedQty} > 0`),
  ],
)

// ── Receiving: expected deliveries, scans, discrepancies ─────────────────────────────────────────
export const DELIVERY_STATUSES = ['expected', 'receiving', 'closed', 'cancelled'] as const

export const deliveries = sqliteTable(
  'deliveries',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    supplier: text('supplier').notNull(),
    reference: text('reference').notNull(),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('expected'),
    expectedAt: text('expected_at'),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
    closedBy: text('closed_by'),
    closedAt: text('closed_at'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('deliveries_store_ref_uq').on(t.storeId, t.supplier, t.reference),
    index('deliveries_store_status_idx').on(t.storeId, t.status),
    check('deliveries_status_ck', sql`${t.status} IN ('expected','receiving','closed','cancelled')`),
  ],
)

export const deliveryLines = sqliteTable(
  'delivery_lines',
  {
    deliveryId: text('delivery_id')
      .notNull()
      .references(() => deliveries.id),
    itemId: text('item_id')
      .notNull()
      .references(() => items.id),
    expectedQty: integer('expected_qty').notNull().default(0),
    receivedQty: integer('received_qty').notNull().default(0),
    damagedQty: integer('damaged_qty').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.deliveryId, t.itemId] }),
    check('delivery_lines_qty_ck', sql`${t.expectedQty} >= 0 AND ${t.receivedQty} >= 0 AND ${t.damagedQty} >= 0`),
  ],
)

/** One scan (or scan + quantity) on a device; negative = a take-back of a mis-scan. The client id makes retries harmless. */
export const deliveryScans = sqliteTable(
  'delivery_scans',
  {
    id: text('id').primaryKey(),
    deliveryId: text('delivery_id')
      .notNull()
      .references(() => deliveries.id),
    itemId: text('item_id')
      .notNull()
      .references(() => items.id),
    quantity: integer('quantity').notNull(),
    damaged: integer('damaged', { mode: 'boolean' }).notNull().default(false),
    userId: text('user_id').notNull(),
    deviceId: text('device_id'),
    at: text('at').notNull(),
  },
  (t) => [index('delivery_scans_delivery_idx').on(t.deliveryId), check('delivery_scans_qty_ck', sql`${t.quantity} <> 0`)],
)

export const DISCREPANCY_KINDS = ['short', 'over', 'unexpected', 'damaged'] as const

export const deliveryDiscrepancies = sqliteTable(
  'delivery_discrepancies',
  {
    id: text('id').primaryKey(),
    deliveryId: text('delivery_id')
      .notNull()
      .references(() => deliveries.id),
    itemId: text('item_id')
      .notNull()
      .references(() => items.id),
    kind: text('kind', { enum: DISCREPANCY_KINDS }).notNull(),
    quantity: integer('quantity').notNull(),
  },
  (t) => [
    index('delivery_discrepancies_delivery_idx').on(t.deliveryId),
    check('delivery_discrepancies_ck', sql`${t.quantity} > 0 AND ${t.kind} IN ('short','over','unexpected','damaged')`),
  ],
)

// ── Counting: blind counts, several devices, recounts ────────────────────────────────────────────
export const COUNT_KINDS = ['cycle', 'location', 'flagged', 'full'] as const
export const COUNT_STATUSES = ['open', 'recount', 'submitted', 'cancelled'] as const

export const counts = sqliteTable(
  'counts',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    kind: text('kind', { enum: COUNT_KINDS }).notNull(),
    locationId: text('location_id').references(() => locations.id),
    status: text('status', { enum: COUNT_STATUSES }).notNull().default('open'),
    note: text('note'),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
    /** Highest movement id when the count started: expected = balance then + movements after, until counted. */
    startMovementId: integer('start_movement_id').notNull(),
    submittedBy: text('submitted_by'),
    submittedAt: text('submitted_at'),
    correctionId: text('correction_id'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('counts_store_status_idx').on(t.storeId, t.status),
    check('counts_status_ck', sql`${t.status} IN ('open','recount','submitted','cancelled')`),
    check('counts_kind_ck', sql`${t.kind} IN ('cycle','location','flagged','full')`),
  ],
)

/** What a count covers, with the expected quantity at its start — never sent to counters. */
export const countItems = sqliteTable(
  'count_items',
  {
    countId: text('count_id')
      .notNull()
      .references(() => counts.id),
    locationId: text('location_id')
      .notNull()
      .references(() => locations.id),
    itemId: text('item_id')
      .notNull()
      .references(() => items.id),
    expectedAtStart: integer('expected_at_start').notNull(),
    /** 1 = first count; 2 = a recount was requested for this line. */
    round: integer('round').notNull().default(1),
    firstCountedBy: text('first_counted_by'),
  },
  (t) => [primaryKey({ columns: [t.countId, t.locationId, t.itemId] })],
)

/** What a counter entered; a negative entry corrects their own earlier entries (their line total never goes below 0, enforced by the verb). */
export const countEntries = sqliteTable(
  'count_entries',
  {
    id: text('id').primaryKey(),
    countId: text('count_id')
      .notNull()
      .references(() => counts.id),
    locationId: text('location_id')
      .notNull()
      .references(() => locations.id),
    itemId: text('item_id')
      .notNull()
      .references(() => items.id),
    round: integer('round').notNull().default(1),
    quantity: integer('quantity').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    deviceId: text('device_id'),
    /** Highest movement id when this entry was made, to allow for movements posted while counting. */
    atMovementId: integer('at_movement_id').notNull(),
    at: text('at').notNull(),
  },
  (t) => [
    index('count_entries_count_idx').on(t.countId, t.itemId),
    // The anomaly "correction soon after the enterer's own count" looks entries up by person and item.
    index('count_entries_user_item_idx').on(t.userId, t.itemId, t.at),
  ],
)

// ── Transfers between stores ─────────────────────────────────────────────────────────────────────
export const TRANSFER_STATUSES = ['draft', 'shipped', 'received', 'cancelled'] as const

export const transfers = sqliteTable(
  'transfers',
  {
    id: text('id').primaryKey(),
    fromStoreId: text('from_store_id')
      .notNull()
      .references(() => stores.id),
    toStoreId: text('to_store_id')
      .notNull()
      .references(() => stores.id),
    status: text('status', { enum: TRANSFER_STATUSES }).notNull().default('draft'),
    note: text('note'),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
    shippedBy: text('shipped_by'),
    shippedAt: text('shipped_at'),
    receivedBy: text('received_by'),
    receivedAt: text('received_at'),
    correctionId: text('correction_id'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('transfers_from_idx').on(t.fromStoreId, t.status),
    index('transfers_to_idx').on(t.toStoreId, t.status),
    check('transfers_stores_ck', sql`${t.fromStoreId} <> ${t.toStoreId}`),
    check('transfers_status_ck', sql`${t.status} IN ('draft','shipped','received','cancelled')`),
  ],
)

export const transferLines = sqliteTable(
  'transfer_lines',
  {
    transferId: text('transfer_id')
      .notNull()
      .references(() => transfers.id),
    itemId: text('item_id')
      .notNull()
      .references(() => items.id),
    quantity: integer('quantity').notNull(),
    receivedQty: integer('received_qty').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.transferId, t.itemId] }),
    check('transfer_lines_qty_ck', sql`${t.quantity} > 0 AND ${t.receivedQty} >= 0`),
  ],
)

// ── Point of sale intake ─────────────────────────────────────────────────────────────────────────
export const posReceipts = sqliteTable(
  'pos_receipts',
  {
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    receiptId: text('receipt_id').notNull(),
    requestHash: text('request_hash').notNull(),
    keyId: text('key_id').notNull(),
    /** Sales total in minor units, for shrink as % of sales. */
    salesValue: integer('sales_value').notNull(),
    lineCount: integer('line_count').notNull(),
    response: text('response').notNull(),
    at: text('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.receiptId] }), index('pos_receipts_store_at_idx').on(t.storeId, t.at)],
)
