import { sql } from 'drizzle-orm'
import { createSession } from '../server/core/auth/sessions'
import { fixedClock } from '../server/core/clock'
import { defaultCoreConfig, type Ctx, type Deps } from '../server/core/context'
import { cancelCorrection } from '../server/core/corrections/cancel-correction'
import { loadConfirmActor } from '../server/core/corrections/confirm-actor'
import { confirmCorrection } from '../server/core/corrections/confirm-correction'
import { enterCorrection } from '../server/core/corrections/enter-correction'
import { rejectCorrection } from '../server/core/corrections/reject-correction'
import { canConfirm } from '../server/core/corrections/rules'
import { newId } from '../server/core/ids'
import { Writer } from '../server/core/writer'
import type { Database } from './client'
import type { Role, Tier } from './schema/index'

export type CorrectionSeedOptions = {
  /** The demo's "now": the history ends shortly before it. */
  now: Date
  /** How many stores get a history (the busiest first). */
  stores?: number
  log?: (msg: string) => void
}

export type CorrectionSeedSummary = { stores: number; corrections: number; confirmed: number; rejected: number; cancelled: number; pending: number; ms: number }

const DAY = 86_400_000
const MINUTE = 60_000

type Staff = Partial<Record<Role, string[]>>
type StoreInfo = { id: string; regionId: string; code: string; floor: string; stockroom: string; staff: Staff; regional: string[] }
type Candidate = { id: string; unitCost: number; quantity: number }

/** Who enters, what, why, and what becomes of it; `value` is the target value in cents (it picks the item and quantity). */
type Scenario = {
  daysAgo: number
  at: string
  enterer: 'stockroom' | 'stockroom2' | 'lead' | 'clerk'
  reasonCode: string
  note?: string
  value: number
  sign?: 1 | -1
  lines?: number
  where?: 'stockroom' | 'floor'
  /** One line whose value lands in [value × 0.92, value] exactly (a pattern the anomaly report should find). */
  exact?: boolean
  outcome: { decide: 'confirm' | 'reject'; after: number; by?: 'lead' | 'store_manager' | 'regional_manager'; reason?: string } | { cancel: string } | 'pending'
}

/**
 * Two weeks of a store's back office: small write-offs released by a shift lead, medium ones by the
 * store manager, a large one by the regional manager, found stock, a cancelled typo, rejections with
 * reasons, and a few still waiting (one for the regional manager, one floor report).
 */
const SCRIPT: Scenario[] = [
  { daysAgo: 13, at: '07:40', enterer: 'stockroom', reasonCode: 'damaged', note: 'Pallet corner crushed by the forklift', value: 2_400, outcome: { decide: 'confirm', after: 25, by: 'lead' } },
  { daysAgo: 12, at: '06:55', enterer: 'stockroom2', reasonCode: 'expired', note: 'Past best-before, pulled in the morning check', value: 3_100, lines: 2, outcome: { decide: 'confirm', after: 130, by: 'lead' } },
  { daysAgo: 11, at: '15:10', enterer: 'stockroom', reasonCode: 'theft', note: 'Empty packaging found behind the shelf in aisle 4', value: 14_000, outcome: { decide: 'confirm', after: 48, by: 'store_manager' } },
  { daysAgo: 10, at: '09:20', enterer: 'lead', reasonCode: 'found', note: 'Carton found under the receiving bench', value: 4_000, sign: 1, outcome: { decide: 'confirm', after: 90, by: 'store_manager' } },
  { daysAgo: 9, at: '11:05', enterer: 'stockroom2', reasonCode: 'miscount', value: 9_000, outcome: { decide: 'reject', after: 65, by: 'store_manager', reason: 'Found on the sales floor in aisle 7: recount the stockroom first' } },
  { daysAgo: 8, at: '08:15', enterer: 'stockroom', reasonCode: 'supplier_error', note: 'Delivery short, driver signed the note', value: 22_000, outcome: { decide: 'confirm', after: 210, by: 'store_manager' } },
  { daysAgo: 7, at: '13:45', enterer: 'stockroom', reasonCode: 'damaged', note: 'Dropped from the top shelf during the replenishment run', value: 68_000, outcome: { decide: 'confirm', after: 1_140, by: 'regional_manager' } },
  { daysAgo: 6, at: '07:05', enterer: 'stockroom2', reasonCode: 'other', note: 'Water damage after the roof leak in the back room', value: 4_200, lines: 2, outcome: { decide: 'confirm', after: 55, by: 'store_manager' } },
  { daysAgo: 5, at: '10:30', enterer: 'stockroom2', reasonCode: 'damaged', value: 1_500, outcome: { cancel: 'Wrong item scanned, entered again' } },
  { daysAgo: 5, at: '10:34', enterer: 'stockroom2', reasonCode: 'damaged', value: 1_800, outcome: { decide: 'confirm', after: 40, by: 'lead' } },
  { daysAgo: 3, at: '16:20', enterer: 'clerk', reasonCode: 'damaged', note: 'Customer dropped it at the shelf', value: 900, where: 'floor', outcome: { decide: 'confirm', after: 35, by: 'lead' } },
  { daysAgo: 2, at: '12:00', enterer: 'stockroom', reasonCode: 'theft', value: 75_000, outcome: { decide: 'reject', after: 300, by: 'regional_manager', reason: 'The units are in quarantine awaiting the supplier, not missing' } },
  // A pattern for the anomaly report: one person's write-offs, again and again just under the shift lead's 50 € limit.
  { daysAgo: 12, at: '17:10', enterer: 'stockroom', reasonCode: 'damaged', value: 4_990, exact: true, outcome: { decide: 'confirm', after: 20, by: 'lead' } },
  { daysAgo: 8, at: '17:35', enterer: 'stockroom', reasonCode: 'damaged', value: 4_990, exact: true, outcome: { decide: 'confirm', after: 15, by: 'lead' } },
  { daysAgo: 4, at: '17:05', enterer: 'stockroom', reasonCode: 'theft', value: 4_990, exact: true, outcome: { decide: 'confirm', after: 25, by: 'lead' } },
  { daysAgo: 1, at: '07:30', enterer: 'stockroom2', reasonCode: 'expired', note: 'Short-dated stock from the last delivery', value: 2_700, outcome: 'pending' },
  { daysAgo: 0, at: '-180', enterer: 'stockroom', reasonCode: 'damaged', note: 'Shelf collapsed in the back room', value: 62_000, outcome: 'pending' },
  { daysAgo: 0, at: '-40', enterer: 'clerk', reasonCode: 'theft', note: 'Security tag found cut off behind the razor blade shelf', value: 1_200, where: 'floor', outcome: 'pending' },
]

/**
 * Fills the demo chain with a believable history of four-eyes corrections, through the real core
 * verbs (entry, step-up session, confirmation with its movements, audit events), on a clock that walks
 * through the last two weeks. Call it after the demo seed, with the server not running.
 */
export async function seedCorrectionHistory(database: Database, options: CorrectionSeedOptions): Promise<CorrectionSeedSummary> {
  const started = performance.now()
  const log = options.log ?? (() => {})
  const writer = new Writer(database.db)
  const run: SeedRun = { database, writer, now: options.now, sessions: [], summary: { corrections: 0, confirmed: 0, rejected: 0, cancelled: 0, pending: 0 } }
  try {
    const stores = await pickStores(database, options.stores ?? 3)
    // Stores run side by side (each on its own clock): the writer commits their steps together.
    await Promise.all(stores.map((store) => seedStore(run, store)))
    // The seed's sessions were only a means to decide: none stays usable.
    const endAt = options.now.toISOString()
    if (run.sessions.length > 0) {
      await writer.run((tx) => tx.run(sql`UPDATE sessions SET revoked_at = ${endAt} WHERE revoked_at IS NULL AND id_hash IN (${sql.join(run.sessions.map((s) => sql`${s}`), sql`, `)})`))
    }
    const ms = Math.round(performance.now() - started)
    const { summary } = run
    log(`corrections: ${summary.corrections} in ${stores.length} stores (${summary.confirmed} confirmed, ${summary.rejected} rejected, ${summary.cancelled} cancelled, ${summary.pending} pending) in ${(ms / 1000).toFixed(2)} s`)
    return { stores: stores.length, ...summary, ms }
  } finally {
    await writer.close()
  }
}

type SeedRun = {
  database: Database
  writer: Writer
  now: Date
  sessions: string[]
  summary: Omit<CorrectionSeedSummary, 'stores' | 'ms'>
}

async function seedStore(run: SeedRun, store: StoreInfo) {
  const { database, writer, summary } = run
  const clock = fixedClock(run.now)
  const deps: Deps = { database, db: database.db, writer, clock, config: defaultCoreConfig }

  /** A context for one person at the clock's time, with a session that was just signed into (fresh step-up). */
  const actAs = async (userId: string): Promise<Ctx> => {
    const at = clock.now()
    const { sessionId } = await writer.run((tx) => createSession(tx, at, { userId, deviceId: null, method: 'pin' }, { idleMinutes: 60, absoluteHours: 12 }))
    run.sessions.push(sessionId)
    return { ...deps, actor: { userId, sessionId, deviceId: null, requestId: `seed-${newId()}` } }
  }
  /** Entering needs no step-up: one session per person and day (a shift), opened at their first entry. */
  const entering = new Map<string, Ctx>()
  const asEnterer = async (userId: string) => {
    const key = `${userId}:${clock.now().toISOString().slice(0, 10)}`
    const ctx = entering.get(key) ?? (await actAs(userId))
    entering.set(key, ctx)
    return { ...ctx, actor: { ...ctx.actor, requestId: `seed-${newId()}` } }
  }

  const used = new Map<string, number>()
  const stock = { [store.floor]: await candidatesAt(database, store.floor), [store.stockroom]: await candidatesAt(database, store.stockroom) }
  for (const [index, step] of SCRIPT.entries()) {
    const enterer = personFor(store, step.enterer)
    if (!enterer) continue
    const location = step.where === 'floor' ? store.floor : store.stockroom
    const lines = step.exact
      ? pickExact(stock[location]!, location, step.value, used)
      : pickLines(stock[location]!, location, step.value, step.lines ?? 1, index + store.code.length, used, step.sign ?? -1)
    if (lines.length === 0) continue
    clock.set(timeOf(run.now, step))
    const entered = await enterCorrection({
      ctx: await asEnterer(enterer),
      input: { id: newId(), storeId: store.id, source: step.enterer === 'clerk' ? 'floor_report' : 'backroom', reasonCode: step.reasonCode, note: step.note, lines },
    })
    const correction = entered.body
    summary.corrections += 1
    if (step.outcome === 'pending') {
      summary.pending += 1
      continue
    }
    if ('cancel' in step.outcome) {
      clock.advance(2 * MINUTE)
      await cancelCorrection({ ctx: await asEnterer(enterer), input: { storeId: store.id, id: correction.id, version: 1, reason: step.outcome.cancel } })
      summary.cancelled += 1
      continue
    }
    const decider = await deciderFor(database, store, correction, clock.now(), step.outcome.by)
    if (!decider) {
      summary.pending += 1
      continue
    }
    clock.advance(step.outcome.after * MINUTE)
    if (clock.now() > run.now) clock.set(new Date(run.now.getTime() - MINUTE))
    const ctx = await actAs(decider)
    if (step.outcome.decide === 'confirm') {
      await confirmCorrection({ ctx, input: { storeId: store.id, id: correction.id, version: 1 } })
      summary.confirmed += 1
    } else {
      await rejectCorrection({ ctx, input: { storeId: store.id, id: correction.id, version: 1, reason: step.outcome.reason ?? 'Please check again' } })
      summary.rejected += 1
    }
  }
}

function timeOf(now: Date, step: Scenario) {
  if (step.at.startsWith('-')) return new Date(now.getTime() + Number(step.at) * MINUTE)
  const [h, m] = step.at.split(':').map(Number)
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - step.daysAgo * DAY
  const at = new Date(day + (h! * 60 + m!) * MINUTE)
  return at > now ? new Date(now.getTime() - 2 * 60 * MINUTE) : at
}

/** The stores with the fullest back rooms (they carry the demo), each with its staff by role. */
async function pickStores(database: Database, count: number): Promise<StoreInfo[]> {
  const stores = await database.db.all<{ id: string; regionId: string; code: string; grants: number }>(sql`
    SELECT s.id AS id, s.region_id AS regionId, s.code AS code,
      (SELECT COUNT(*) FROM role_assignments r WHERE r.store_id = s.id AND r.revoked_at IS NULL) AS grants
    FROM stores s WHERE s.active = 1 ORDER BY grants DESC, s.code LIMIT ${count}`)
  const out: StoreInfo[] = []
  for (const store of stores) {
    const grants = await database.db.all<{ userId: string; role: Role }>(sql`
      SELECT r.user_id AS userId, r.role AS role FROM role_assignments r JOIN users u ON u.id = r.user_id
      WHERE r.store_id = ${store.id} AND r.revoked_at IS NULL AND u.active = 1 ORDER BY u.employee_no`)
    const regional = await database.db.all<{ userId: string }>(sql`
      SELECT r.user_id AS userId FROM role_assignments r JOIN users u ON u.id = r.user_id
      WHERE r.region_id = ${store.regionId} AND r.role = 'regional_manager' AND r.revoked_at IS NULL AND u.active = 1 ORDER BY u.employee_no`)
    const locations = await database.db.all<{ id: string; kind: string }>(sql`SELECT id, kind FROM locations WHERE store_id = ${store.id} AND kind IN ('floor', 'stockroom')`)
    const floor = locations.find((l) => l.kind === 'floor')?.id
    const stockroom = locations.find((l) => l.kind === 'stockroom')?.id
    if (!floor || !stockroom) continue
    const staff: Staff = {}
    for (const g of grants) (staff[g.role] ??= []).push(g.userId)
    if (!staff.stockroom?.length && !staff.lead?.length) continue
    out.push({ id: store.id, regionId: store.regionId, code: store.code, floor, stockroom, staff, regional: regional.map((r) => r.userId) })
  }
  return out
}

function personFor(store: StoreInfo, who: Scenario['enterer']) {
  const { staff } = store
  switch (who) {
    case 'stockroom':
      return staff.stockroom?.[0] ?? staff.lead?.[0]
    case 'stockroom2':
      return staff.stockroom?.[1] ?? staff.stockroom?.[0] ?? staff.lead?.[0]
    case 'lead':
      return staff.lead?.[0] ?? staff.stockroom?.[0]
    case 'clerk':
      return staff.clerk?.[0]
  }
}

/** Someone allowed to release it (never the enterer): the scripted role if it covers the tier, else the next senior. */
async function deciderFor(database: Database, store: StoreInfo, correction: { enteredBy: string; tier: Tier; counters: string[] }, at: Date, preferred?: Role) {
  const order: Role[] = ['lead', 'store_manager', 'regional_manager']
  const from = preferred ? order.indexOf(preferred) : 0
  for (const role of order.slice(from)) {
    const people = role === 'regional_manager' ? store.regional : (store.staff[role] ?? [])
    for (const userId of people) {
      const verdict = canConfirm(await loadConfirmActor(database.db, userId, at), { ...correction, storeId: store.id, regionId: store.regionId, status: 'pending' })
      if (verdict.ok) return userId
    }
  }
  return null
}

/** Items in stock at a location, most expensive first (read once per store; the picks keep it current). */
async function candidatesAt(database: Database, locationId: string): Promise<Candidate[]> {
  const rows = await database.client.execute({
    sql: `SELECT i.id AS id, i.unit_cost AS unitCost, b.quantity AS quantity FROM balances b JOIN items i ON i.id = b.item_id
      WHERE b.location_id = ? AND b.quantity >= 4 AND i.unit_cost > 0 AND i.active = 1 ORDER BY i.unit_cost DESC, i.id LIMIT 2000`,
    args: [locationId],
  })
  return rows.rows.map((r) => ({ id: String(r.id), unitCost: Number(r.unitCost), quantity: Number(r.quantity) }))
}

/**
 * Lines worth about `value` cents: items with enough stock at the location (a write-off never takes it
 * below zero), preferably ones not corrected yet, `count` lines for small values and as many as it
 * takes (up to 15) for large ones — demo catalogs are mostly cheap groceries.
 */
/** One write-off line of an item not used yet, worth between 92 % and 100 % of `value`. */
function pickExact(candidates: Candidate[], locationId: string, value: number, used: Map<string, number>) {
  for (const item of candidates) {
    const cost = Number(item.unitCost)
    const quantity = Math.floor(value / cost)
    if (used.has(item.id) || quantity < 1 || quantity * cost < value * 0.92 || quantity > Number(item.quantity) - 2) continue
    used.set(item.id, quantity)
    item.quantity -= quantity
    return [{ locationId, itemId: item.id, quantityDelta: -quantity }]
  }
  return []
}

function pickLines(candidates: Candidate[], locationId: string, value: number, count: number, offset: number, used: Map<string, number>, sign: 1 | -1) {
  const large = value >= 20_000
  // Large values start at the most expensive items; small ones somewhere in the list, different per scenario.
  const rotated = large ? candidates : candidates.map((_, k) => candidates[(offset * 37 + k) % candidates.length]!)
  const order = [...rotated.filter((c) => !used.has(c.id)), ...rotated.filter((c) => used.has(c.id))]
  const lines: Array<{ locationId: string; itemId: string; quantityDelta: number }> = []
  let remaining = value
  for (const item of order) {
    const done = large ? remaining <= value * 0.05 || lines.length >= 15 : lines.length >= count
    if (done) break
    const cost = Number(item.unitCost)
    const target = large ? remaining : value / count
    const maxQuantity = sign < 0 ? Math.min(40, Number(item.quantity) - 2) : 40
    const quantity = Math.min(maxQuantity, Math.max(1, Math.round(target / cost)))
    if (quantity < 1 || (!large && Math.abs(quantity * cost - target) > target * 0.5)) continue
    if (large && quantity * cost > remaining * 1.5) continue
    lines.push({ locationId, itemId: item.id, quantityDelta: sign * quantity })
    used.set(item.id, quantity)
    // Counted as gone whatever becomes of the correction: later scenarios never overdraw.
    if (sign < 0) item.quantity -= quantity
    remaining -= quantity * cost
  }
  return lines
}
