import { sql } from 'drizzle-orm'
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

export const regions = sqliteTable('regions', {
  id: text('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
})

export const stores = sqliteTable(
  'stores',
  {
    id: text('id').primaryKey(),
    regionId: text('region_id')
      .notNull()
      .references(() => regions.id),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    city: text('city').notNull(),
    timezone: text('timezone').notNull().default('Europe/Berlin'),
    /** Opening hours as local HH:MM, used to spot decisions made outside store hours. */
    opensAt: text('opens_at').notNull().default('08:00'),
    closesAt: text('closes_at').notNull().default('20:00'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [index('stores_region_idx').on(t.regionId)],
)

export const LOCATION_KINDS = ['floor', 'stockroom', 'receiving', 'quarantine', 'in_transit'] as const
export type LocationKind = (typeof LOCATION_KINDS)[number]

export const locations = sqliteTable(
  'locations',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    kind: text('kind', { enum: LOCATION_KINDS }).notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
  },
  (t) => [
    uniqueIndex('locations_store_code_uq').on(t.storeId, t.code),
    index('locations_store_kind_idx').on(t.storeId, t.kind),
    check('locations_kind_ck', sql`${t.kind} IN ('floor','stockroom','receiving','quarantine','in_transit')`),
  ],
)
