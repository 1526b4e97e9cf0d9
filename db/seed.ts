import { appendAudit } from '../server/core/audit/chain'
import { hashSecret, normalizeEmployeeNo } from '../server/core/auth/passwords'
import { newId } from '../server/core/ids'
import type { Tx } from '../server/core/writer'
import type { Database } from './client'
import { roleAssignments, users as usersTable } from './schema/index'
import { flushRows, inWriteTransaction, RowBuffer } from './seed-bulk'
import { generateCatalog, type SeedItem } from './seed-catalog'
import { historyTables, StoreHistory, type Timeline } from './seed-history'
import { DEMO_PASSWORD, planUsers, staffOf, type DemoAccount, type SeedUser } from './seed-people'
import { planStores, REGIONS, type SeedStore } from './seed-places'
import { createRandom, type Random } from './seed-random'

export { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount } from './seed-people'
export { FIRST_STORE_ID, REGIONS } from './seed-places'

export type SeedOptions = {
  stores?: number
  items?: number
  weeks?: number
  now?: Date
  log?: (msg: string) => void
}

export type SeedSummary = {
  stores: number
  items: number
  users: number
  movements: number
  balances: number
  posReceipts: number
  deliveries: number
  replenishments: number
  auditEvents: number
  ms: number
  /** Every account created, the fixed demo accounts first. */
  accounts: DemoAccount[]
}

const DAY = 86_400_000
/** One fixed seed: the same demo chain on every machine (ids aside, which are UUID v7). */
const SEED = 20_240_601
/** Items per step while writing opening stock and balances, so a 200,000-item store never sits in memory twice. */
const ITEM_CHUNK = 5000

export const REASON_CODES = [
  { code: 'damaged', labelEn: 'Damaged', labelDe: 'Beschädigt', requiresNote: false, sortOrder: 10 },
  { code: 'expired', labelEn: 'Expired', labelDe: 'Abgelaufen (MHD)', requiresNote: false, sortOrder: 20 },
  { code: 'theft', labelEn: 'Theft (shrink)', labelDe: 'Diebstahl (Schwund)', requiresNote: false, sortOrder: 30 },
  { code: 'found', labelEn: 'Found', labelDe: 'Gefunden', requiresNote: false, sortOrder: 40 },
  { code: 'miscount', labelEn: 'Miscount', labelDe: 'Zählfehler', requiresNote: false, sortOrder: 50 },
  { code: 'supplier_error', labelEn: 'Supplier error', labelDe: 'Lieferantenfehler', requiresNote: false, sortOrder: 60 },
  { code: 'other', labelEn: 'Other (note required)', labelDe: 'Sonstiges (Notiz erforderlich)', requiresNote: true, sortOrder: 90 },
] as const

/** Chain default tiers (cents): up to 50 € a lead, up to 500 € a store manager, above a regional manager. */
export const CHAIN_TIER_POLICY = { leadMax: 5000, storeManagerMax: 50_000, allowNegativeStockroom: false } as const

/** True when there is nothing to collide with: no items, users or stores. */
export async function isDatabaseEmpty(database: Database) {
  const result = await database.client.execute(
    'SELECT EXISTS (SELECT 1 FROM items) OR EXISTS (SELECT 1 FROM users) OR EXISTS (SELECT 1 FROM stores) AS used',
  )
  return Number(result.rows[0]?.[0]) === 0
}

/**
 * Fills an empty database with a demo chain: regions, stores and their locations, a catalog, users
 * for every role, and weeks of stock history whose balances equal the sum of their movements.
 * The server is not running while this happens, so it writes in bulk on the raw client, one
 * transaction per step (a failed seed leaves data behind: start over with `db:seed -- --fresh`).
 */
export async function seedDemo(database: Database, opts: SeedOptions = {}): Promise<SeedSummary> {
  const options = resolveOptions(opts)
  const log = options.log
  const started = performance.now()
  if (!(await isDatabaseEmpty(database))) {
    throw new Error('The database already holds items, users or stores: the demo seed needs an empty database')
  }
  const timeline = timelineFor(options.now, options.weeks)
  const setupAt = new Date(timeline.startMs - DAY)
  const stores = planStores(options.stores)
  const users = planUsers(stores, createRandom(SEED + 1))

  let step = performance.now()
  const credentials = await hashCredentials(users)
  log(`hashed 1 password and ${credentials.pins.size} PINs in ${seconds(step)}`)

  step = performance.now()
  const catalog = generateCatalog(options.items, createRandom(SEED + 2))
  await writeChain(database, stores, setupAt)
  await writeCatalog(database, catalog, setupAt)
  log(`chain: ${REGIONS.length} regions, ${stores.length} stores, ${count(catalog.length)} items in ${seconds(step)}`)

  step = performance.now()
  const auditEvents = await writeUsers(database, users, credentials, setupAt)
  log(`users: ${users.length} with their roles and ${auditEvents} audit events in ${seconds(step)}`)

  const totals = { movements: 0, balances: 0, posReceipts: 0, deliveries: 0, replenishments: 0 }
  const trafficRandom = createRandom(SEED + 3)
  for (const [index, store] of stores.entries()) {
    step = performance.now()
    const traffic = index === 0 ? 1 : 0.7 + trafficRandom.next() * 0.6
    const written = await writeStoreHistory(database, store, catalog, users, timeline, createRandom(SEED + 100 + index), traffic)
    for (const key of Object.keys(totals) as Array<keyof typeof totals>) totals[key] += written[key]
    log(`store ${store.code} ${store.name}: ${count(written.movements)} movements, ${count(written.posReceipts)} receipts in ${seconds(step)}`)
  }

  const ms = Math.round(performance.now() - started)
  const summary: SeedSummary = {
    stores: stores.length,
    items: catalog.length,
    users: users.length,
    ...totals,
    auditEvents: auditEvents + 1,
    ms,
    accounts: users.map(({ id: _id, ...account }) => account),
  }
  await database.db.transaction(async (tx) => {
    const { accounts: _accounts, ...counts } = summary
    await appendAudit(tx, options.now, { userId: null }, {
      action: 'seed.completed',
      entityType: 'seed',
      entityId: 'demo',
      after: { ...counts, weeks: options.weeks },
    })
  })
  log(`seeded in ${seconds(started)}: ${count(totals.movements)} movements, ${count(totals.balances)} balances`)
  return summary
}

function resolveOptions(opts: SeedOptions) {
  const options = {
    stores: opts.stores ?? 6,
    items: opts.items ?? 2000,
    weeks: opts.weeks ?? 4,
    now: opts.now ?? new Date(),
    log: opts.log ?? (() => {}),
  }
  for (const key of ['stores', 'items'] as const) {
    if (!Number.isSafeInteger(options[key]) || options[key] < 1) throw new Error(`seed: ${key} must be a whole number ≥ 1`)
  }
  if (!Number.isSafeInteger(options.weeks) || options.weeks < 0) throw new Error('seed: weeks must be a whole number ≥ 0')
  if (Number.isNaN(options.now.getTime())) throw new Error('seed: now is not a valid date')
  return options
}

/** Whole weeks of history before today, plus today up to `now` (so "today" screens are not empty). */
function timelineFor(now: Date, weeks: number): Timeline {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
  return { startMs: today - weeks * 7 * DAY, days: weeks * 7 + 1, nowMs: now.getTime() }
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(2)} s`
const count = (n: number) => n.toLocaleString('en-US')

type Credentials = { password: string; pins: Map<string, string> }

/**
 * Argon2id costs ~57 ms a hash, so the shared password is hashed once and each distinct PIN once,
 * concurrently (the hashing runs on libuv's thread pool), and all before any transaction opens.
 */
async function hashCredentials(users: readonly SeedUser[]): Promise<Credentials> {
  const pins = [...new Set(users.map((u) => u.pin))]
  const [password, ...pinHashes] = await Promise.all([hashSecret(DEMO_PASSWORD), ...pins.map((pin) => hashSecret(pin))])
  return { password: password!, pins: new Map(pins.map((pin, k) => [pin, pinHashes[k]!])) }
}

/** Regions, stores with their locations, reason codes and the chain's approval tiers. */
async function writeChain(database: Database, stores: readonly SeedStore[], setupAt: Date) {
  const regions = new RowBuffer('regions', ['id', 'code', 'name'])
  const storeRows = new RowBuffer('stores', ['id', 'region_id', 'code', 'name', 'city', 'timezone', 'opens_at', 'closes_at'])
  const locations = new RowBuffer('locations', ['id', 'store_id', 'kind', 'code', 'name'])
  const reasons = new RowBuffer('reason_codes', ['code', 'label_en', 'label_de', 'requires_note', 'active', 'sort_order'])
  const policies = new RowBuffer('tier_policies', ['id', 'store_id', 'lead_max', 'store_manager_max', 'allow_negative_stockroom', 'updated_at'])
  for (const region of REGIONS) regions.add(region.id, region.code, region.name)
  for (const store of stores) {
    storeRows.add(store.id, store.regionId, store.code, store.name, store.city, store.timezone, store.opensAt, store.closesAt)
    for (const location of Object.values(store.locations)) locations.add(location.id, store.id, location.kind, location.code, location.name)
  }
  for (const r of REASON_CODES) reasons.add(r.code, r.labelEn, r.labelDe, r.requiresNote, true, r.sortOrder)
  const policy = CHAIN_TIER_POLICY
  policies.add(newId(), null, policy.leadMax, policy.storeManagerMax, policy.allowNegativeStockroom, setupAt.toISOString())
  await inWriteTransaction(database.client, (tx) => flushRows(tx, [regions, storeRows, locations, reasons, policies]))
}

async function writeCatalog(database: Database, catalog: readonly SeedItem[], setupAt: Date) {
  const items = new RowBuffer('items', ['id', 'sku', 'name', 'category', 'uom', 'unit_cost', 'price', 'created_at'])
  const barcodes = new RowBuffer('item_barcodes', ['barcode', 'item_id', 'kind'])
  const createdAt = setupAt.toISOString()
  await inWriteTransaction(database.client, async (tx) => {
    for (let from = 0; from < catalog.length; from += ITEM_CHUNK) {
      for (const item of catalog.slice(from, from + ITEM_CHUNK)) {
        items.add(item.id, item.sku, item.name, item.category, item.uom, item.unitCost, item.price, createdAt)
        for (const barcode of item.barcodes) barcodes.add(barcode.code, item.id, barcode.kind)
      }
      await flushRows(tx, [items, barcodes])
    }
  })
}

/**
 * Users and their grants go through drizzle and appendAudit in one transaction: each creation and
 * grant is an audit event, so the chain starts with who was given which powers.
 */
async function writeUsers(database: Database, users: readonly SeedUser[], credentials: Credentials, setupAt: Date) {
  const at = setupAt.toISOString()
  let events = 0
  await database.db.transaction(async (tx) => {
    for (const user of users) {
      await createUser(tx, user, credentials, setupAt, at)
      events += 2
    }
  })
  return events
}

async function createUser(tx: Tx, user: SeedUser, credentials: Credentials, setupAt: Date, at: string) {
  const seed = { userId: null }
  const employeeNo = normalizeEmployeeNo(user.employeeNo)
  await tx.insert(usersTable).values({
    id: user.id,
    employeeNo,
    name: user.name,
    passwordHash: credentials.password,
    pinHash: credentials.pins.get(user.pin)!,
    createdAt: at,
  })
  await appendAudit(tx, setupAt, seed, {
    action: 'user.created',
    entityType: 'user',
    entityId: user.id,
    storeId: user.storeId,
    after: { employeeNo, name: user.name },
  })
  const grant = { id: newId(), userId: user.id, role: user.role, storeId: user.storeId, regionId: user.regionId, grantedBy: null, grantedAt: at }
  await tx.insert(roleAssignments).values(grant)
  await appendAudit(tx, setupAt, seed, {
    action: 'role.granted',
    entityType: 'role_assignment',
    entityId: grant.id,
    storeId: user.storeId,
    after: { userId: user.id, employeeNo, role: user.role, storeId: user.storeId, regionId: user.regionId },
  })
}

/** One store's shelves, opening stock, weeks of history and final balances, in one transaction. */
async function writeStoreHistory(
  database: Database,
  store: SeedStore,
  catalog: readonly SeedItem[],
  users: readonly SeedUser[],
  timeline: Timeline,
  random: Random,
  traffic: number,
) {
  const tables = historyTables()
  const buffers = Object.values(tables)
  const history = new StoreHistory(store, catalog, staffOf(users, store.id), random, timeline, tables, traffic)
  await inWriteTransaction(database.client, async (tx) => {
    for (let from = 0; from < catalog.length; from += ITEM_CHUNK) {
      const to = Math.min(catalog.length, from + ITEM_CHUNK)
      history.planShelves(from, to)
      history.openingStock(from, to)
      await flushRows(tx, buffers)
    }
    for (let day = 0; day < timeline.days; day++) {
      history.simulateDay(day)
      await flushRows(tx, buffers)
    }
    for (let from = 0; from < catalog.length; from += ITEM_CHUNK) {
      history.writeBalances(from, Math.min(catalog.length, from + ITEM_CHUNK))
      await flushRows(tx, buffers)
    }
  })
  return {
    movements: tables.movements.written,
    balances: tables.balances.written,
    posReceipts: tables.posReceipts.written,
    deliveries: tables.deliveries.written,
    replenishments: tables.replenishments.written,
  }
}

/**
 * The whole demo: the chain with its stock history, then two weeks of four-eyes corrections in the
 * busiest stores (entered, released, rejected, cancelled and still pending) through the real verbs,
 * and the work waiting in the first store today (refill requests, a delivery, a count, an incoming transfer).
 */
export async function seedDemoWithCorrections(database: Database, opts: SeedOptions = {}) {
  const summary = await seedDemo(database, opts)
  const { seedCorrectionHistory } = await import('./seed-corrections')
  const now = opts.now ?? new Date()
  const corrections = await seedCorrectionHistory(database, { now, stores: 2, log: opts.log })
  const { seedOpenWork } = await import('./seed-open-work')
  const openWork = await seedOpenWork(database, { now, log: opts.log })
  return { ...summary, corrections, openWork }
}
