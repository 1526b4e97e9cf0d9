import { sql } from 'drizzle-orm'
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { stores } from './places'

export const items = sqliteTable(
  'items',
  {
    id: text('id').primaryKey(),
    sku: text('sku').notNull().unique(),
    name: text('name').notNull(),
    category: text('category').notNull(),
    uom: text('uom').notNull().default('pcs'),
    /** Minor units (cents). Values corrections. */
    unitCost: integer('unit_cost').notNull(),
    /** Minor units (cents). */
    price: integer('price').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    index('items_name_idx').on(sql`${t.name} COLLATE NOCASE`),
    index('items_category_idx').on(t.category),
    check('items_cost_ck', sql`${t.unitCost} >= 0 AND ${t.price} >= 0`),
  ],
)

export const BARCODE_KINDS = ['ean13', 'upca', 'internal'] as const

export const itemBarcodes = sqliteTable(
  'item_barcodes',
  {
    barcode: text('barcode').primaryKey(),
    itemId: text('item_id')
      .notNull()
      .references(() => items.id),
    kind: text('kind', { enum: BARCODE_KINDS }).notNull(),
  },
  (t) => [
    index('item_barcodes_item_idx').on(t.itemId),
    check('item_barcodes_kind_ck', sql`${t.kind} IN ('ean13','upca','internal')`),
    check('item_barcodes_digits_ck', sql`${t.barcode} NOT GLOB '*[^0-9]*' AND length(${t.barcode}) BETWEEN 8 AND 14`),
  ],
)

/** Per-store settings of an item: shelf minimum / target drive replenishment; a flag asks for a count. */
export const storeItems = sqliteTable(
  'store_items',
  {
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    itemId: text('item_id')
      .notNull()
      .references(() => items.id),
    shelfMin: integer('shelf_min').notNull().default(0),
    shelfTarget: integer('shelf_target').notNull().default(0),
    /** Why the item should be counted (e.g. 'negative_floor'), null when it needs none. */
    countFlag: text('count_flag'),
    countFlaggedAt: text('count_flagged_at'),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.itemId] }),
    index('store_items_flag_idx').on(t.storeId, t.countFlag),
    check('store_items_shelf_ck', sql`${t.shelfMin} >= 0 AND ${t.shelfTarget} >= ${t.shelfMin}`),
  ],
)
