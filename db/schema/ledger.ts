import { sql } from 'drizzle-orm'
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { items } from './items'
import { locations, stores } from './places'

export const MOVEMENT_KINDS = [
  'receipt',
  'replenish',
  'sale',
  'return',
  'transfer_out',
  'transfer_transit',
  'transfer_in',
  'correction',
  'opening',
] as const
export type MovementKind = (typeof MOVEMENT_KINDS)[number]

/** Where stock comes from or goes to when one side lies outside the store. */
export const COUNTERPARTIES = ['supplier', 'customer', 'write_off', 'found', 'in_transit', 'opening'] as const
export type Counterparty = (typeof COUNTERPARTIES)[number]

/**
 * The ledger: every change of stock, append-only (triggers refuse UPDATE and DELETE).
 * Both locations, when set, belong to `store_id`; a null side is the counterparty.
 */
export const movements = sqliteTable(
  'movements',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    itemId: text('item_id')
      .notNull()
      .references(() => items.id),
    fromLocationId: text('from_location_id').references(() => locations.id),
    toLocationId: text('to_location_id').references(() => locations.id),
    counterparty: text('counterparty', { enum: COUNTERPARTIES }),
    quantity: integer('quantity').notNull(),
    kind: text('kind', { enum: MOVEMENT_KINDS }).notNull(),
    docType: text('doc_type').notNull(),
    docId: text('doc_id').notNull(),
    /** Set exactly for kind = 'correction': the released correction line it posts (once). */
    correctionLineId: text('correction_line_id').unique(),
    actorUserId: text('actor_user_id'),
    actorKeyId: text('actor_key_id'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    index('movements_store_item_idx').on(t.storeId, t.itemId, t.id),
    index('movements_doc_idx').on(t.docType, t.docId),
    index('movements_store_created_idx').on(t.storeId, t.createdAt),
    check('movements_qty_ck', sql`typeof(${t.quantity}) = 'integer' AND ${t.quantity} > 0`),
    check('movements_sides_ck', sql`${t.fromLocationId} IS NOT NULL OR ${t.toLocationId} IS NOT NULL`),
    check('movements_distinct_ck', sql`${t.fromLocationId} IS NULL OR ${t.toLocationId} IS NULL OR ${t.fromLocationId} <> ${t.toLocationId}`),
    check(
      'movements_counterparty_ck',
      sql`(${t.fromLocationId} IS NOT NULL AND ${t.toLocationId} IS NOT NULL) = (${t.counterparty} IS NULL)`,
    ),
    check('movements_correction_ck', sql`(${t.kind} = 'correction') = (${t.correctionLineId} IS NOT NULL)`),
    check(
      'movements_kind_ck',
      sql`${t.kind} IN ('receipt','replenish','sale','return','transfer_out','transfer_transit','transfer_in','correction','opening')`,
    ),
  ],
)

/** Stock on hand per (location, item), kept in the same transaction as the movements. */
export const balances = sqliteTable(
  'balances',
  {
    locationId: text('location_id')
      .notNull()
      .references(() => locations.id),
    itemId: text('item_id')
      .notNull()
      .references(() => items.id),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    quantity: integer('quantity').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.locationId, t.itemId] }),
    index('balances_store_item_idx').on(t.storeId, t.itemId),
    index('balances_item_idx').on(t.itemId),
  ],
)

/** Responses of idempotent writes, keyed per actor so one user's key never answers another's request. */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status').notNull(),
    response: text('response').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] }), index('idempotency_created_idx').on(t.createdAt)],
)
