import { sql, type SQL } from 'drizzle-orm'
import { CORRECTION_STATUSES, type Tier } from '../../../db/schema/index'
import type { Ctx } from '../context'
import { DomainError } from '../errors'
import { COUNTERS_JSON, loadConfirmActor, parseCounters } from '../corrections/confirm-actor'
import { ITEM_NAMES_JSON, parseItemNames } from '../corrections/queries'
import { requiredTier, TIER_ORDER } from '../corrections/rules'
import { loadSeries, type SeriesTarget } from '../corrections/series'
import { first } from '../sql'
import { dayStart, nextDayStart } from '../reports/period'
import { mayDecideHint } from './decide-hint'
import { effectivePolicies, type EffectivePolicy } from './policies'
import { ReviewQuery, type ReviewFilters, type ReviewQueryInput, type ReviewSort } from './schemas'
import { actorGrants, idList, selectStores, storesWith, type ScopedStore } from './scope'

export type ReviewRow = {
  id: string
  storeId: string
  storeCode: string
  storeName: string
  regionId: string
  status: string
  source: string
  reasonCode: string
  note: string | null
  value: number
  tierValue: number
  /** The tier stored at entry. */
  tier: Tier
  /**
   * The tier a decision needs now: the higher of `tier` and the tier of the series this pending correction
   * is valued together with (F16: same enterer, store and items, entered within 24 h before or after).
   */
  effectiveTier: Tier
  /** Other corrections valued together with this pending one (null: none, or decided). */
  series: { others: number; value: number; ids: string[] } | null
  lineCount: number
  /** Names of the first three items (by line), for a one-line summary in the queue. */
  itemNames: string[]
  enteredBy: { id: string; name: string }
  enteredAt: string
  countedBy: string | null
  /** Everyone who counted the stock (none of them may decide). */
  counters: string[]
  decidedBy: { id: string; name: string } | null
  decidedAt: string | null
  decidedRole: string | null
  decisionNote: string | null
  version: number
  ageHours: number
  overdue: boolean
  escalatedAt: string | null
  mayDecide: boolean
}

type RawRow = {
  id: string
  storeId: string
  storeCode: string
  storeName: string
  regionId: string
  status: string
  source: string
  reasonCode: string
  note: string | null
  value: number
  tierValue: number
  tier: Tier
  lineCount: number
  itemNames: string | null
  enteredBy: string
  enteredByName: string
  enteredAt: string
  countedBy: string | null
  counters: string
  decidedBy: string | null
  decidedByName: string | null
  decidedAt: string | null
  decidedRole: string | null
  decisionNote: string | null
  version: number
}

/** Sort columns and the keyset each one pages by (always ending in the unique id). */
const ORDER: Record<ReviewSort, { keys: SQL[]; dir: 'ASC' | 'DESC'; values: (r: RawRow) => Array<string | number> }> = {
  oldest: { keys: [sql`c.entered_at`, sql`c.id`], dir: 'ASC', values: (r) => [r.enteredAt, r.id] },
  newest: { keys: [sql`c.entered_at`, sql`c.id`], dir: 'DESC', values: (r) => [r.enteredAt, r.id] },
  value_desc: { keys: [sql`c.value`, sql`c.id`], dir: 'DESC', values: (r) => [Number(r.value), r.id] },
  value_asc: { keys: [sql`c.value`, sql`c.id`], dir: 'ASC', values: (r) => [Number(r.value), r.id] },
  store: { keys: [sql`s.code`, sql`c.entered_at`, sql`c.id`], dir: 'ASC', values: (r) => [r.storeCode, r.enteredAt, r.id] },
}

const encodeCursor = (sort: ReviewSort, values: Array<string | number>) => Buffer.from(JSON.stringify([sort, ...values])).toString('base64url')

function decodeCursor(sort: ReviewSort, cursor: string): Array<string | number> {
  const bad = () => new DomainError('VALIDATION_FAILED', 'The cursor is not valid for this sort; start from the first page', { cursor })
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    throw bad()
  }
  const expected = ORDER[sort].keys.length
  if (!Array.isArray(parsed) || parsed[0] !== sort || parsed.length !== expected + 1) throw bad()
  const values = parsed.slice(1)
  if (!values.every((v) => typeof v === 'string' || (typeof v === 'number' && Number.isSafeInteger(v)))) throw bad()
  return values as Array<string | number>
}

const hoursBefore = (now: Date, hours: number) => new Date(now.getTime() - hours * 3_600_000).toISOString()

/** History without a period is limited to the corrections entered in the last DEFAULT_WINDOW_DAYS days. */
export const DEFAULT_WINDOW_DAYS = 31

/**
 * Pending corrections are few, so the open queue needs no period. Any history needs one, or a scan of
 * two years of a region would be sorted for one page: without a period (or an id list) the query is
 * limited to the last DEFAULT_WINDOW_DAYS days, and the answer says so.
 */
function defaultWindow(filters: ReviewFilters, now: Date): string | null {
  const pendingOnly = filters.status !== undefined && filters.status.every((s) => s === 'pending')
  const bounded = filters.enteredFrom || filters.decidedFrom || filters.ids || filters.overdue === true
  if (pendingOnly || bounded) return null
  return new Date(now.getTime() - DEFAULT_WINDOW_DAYS * 86_400_000).toISOString().slice(0, 10)
}

const statusesOf = (filters: ReviewFilters) => (filters.overdue === true ? ['pending'] : (filters.status ?? CORRECTION_STATUSES))

/**
 * `tier=` matches each row's `effectiveTier`: a decided or cancelled correction by its stored tier, a pending
 * one by the tier a decision needs now, which a series valued together with it (F16) can raise above the
 * stored one. A series only raises, so the candidates are the pending corrections stored at that tier or
 * below; their series are valued as the queue values them. Returns the pending ids at the tier, or null when
 * no pending correction is asked for.
 */
async function pendingAtTier(ctx: Ctx, filters: ReviewFilters, stores: ScopedStore[]): Promise<string[] | null> {
  if (!filters.tier || !statusesOf(filters).includes('pending')) return null
  const wanted = filters.tier
  const atOrBelow = TIER_ORDER.slice(0, TIER_ORDER.indexOf(wanted) + 1)
  const candidates = await ctx.db.all<SeriesTarget>(sql`
    SELECT c.id, c.store_id AS storeId, c.entered_by AS enteredBy, c.entered_at AS enteredAt, c.value, c.tier
    FROM corrections c
    WHERE c.store_id IN ${idList(stores.map((s) => s.id))} AND c.status = 'pending' AND c.tier IN ${idList(atOrBelow)}`)
  const series = await loadSeries(ctx.db, candidates.map((c) => ({ ...c, value: Number(c.value) })))
  return candidates.filter((c) => requiredTier({ tier: c.tier, series: series.get(c.id) ?? null }) === wanted).map((c) => c.id)
}

/** The WHERE clause shared by the queue and by report drill-downs (`pendingIds`: see `pendingAtTier`). */
export function reviewConditions(
  filters: ReviewFilters,
  stores: ScopedStore[],
  policies: Map<string, EffectivePolicy>,
  now: Date,
  pendingIds: string[] | null,
): SQL[] {
  // Naming every status (even all four) lets SQLite range-scan (store_id, status, entered_at) per store.
  const statuses = statusesOf(filters)
  const where: SQL[] = [sql`c.store_id IN ${idList(stores.map((s) => s.id))}`, sql`c.status IN ${idList(statuses)}`]
  if (filters.ids) where.push(sql`c.id IN ${idList(filters.ids)}`)
  if (filters.tier) {
    // One bound parameter for the pending ids, however many.
    const pending = pendingIds ? sql`c.id IN (SELECT value FROM json_each(${JSON.stringify(pendingIds)}))` : sql`0`
    where.push(sql`((c.status <> 'pending' AND c.tier = ${filters.tier}) OR (c.status = 'pending' AND ${pending}))`)
  }
  if (filters.reason) where.push(sql`c.reason_code = ${filters.reason}`)
  if (filters.source) where.push(sql`c.source = ${filters.source}`)
  if (filters.minValue !== undefined) where.push(sql`c.value >= ${filters.minValue}`)
  if (filters.maxValue !== undefined) where.push(sql`c.value <= ${filters.maxValue}`)
  if (filters.enteredBy) where.push(sql`c.entered_by = ${filters.enteredBy}`)
  if (filters.decidedBy) where.push(sql`c.decided_by = ${filters.decidedBy}`)
  if (filters.olderThanHours !== undefined) where.push(sql`c.entered_at <= ${hoursBefore(now, filters.olderThanHours)}`)
  if (filters.enteredFrom) where.push(sql`c.entered_at >= ${dayStart(filters.enteredFrom)}`)
  if (filters.enteredTo) where.push(sql`c.entered_at < ${nextDayStart(filters.enteredTo)}`)
  if (filters.decidedFrom) where.push(sql`c.decided_at >= ${dayStart(filters.decidedFrom)}`)
  if (filters.decidedTo) where.push(sql`c.decided_at < ${nextDayStart(filters.decidedTo)}`)
  if (filters.itemId || filters.category || filters.writeOff) {
    const line: SQL[] = []
    if (filters.itemId) line.push(sql`cl.item_id = ${filters.itemId}`)
    if (filters.category) line.push(sql`i.category = ${filters.category}`)
    if (filters.writeOff) line.push(sql`cl.quantity_delta < 0`)
    // One item has few lines: list them once by index. Otherwise check each candidate's lines.
    where.push(
      filters.itemId
        ? sql`c.id IN (SELECT cl.correction_id FROM correction_lines cl JOIN items i ON i.id = cl.item_id WHERE ${sql.join(line, sql` AND `)})`
        : sql`EXISTS (SELECT 1 FROM correction_lines cl JOIN items i ON i.id = cl.item_id WHERE cl.correction_id = c.id AND ${sql.join(line, sql` AND `)})`,
    )
  }
  if (filters.escalated !== undefined) {
    // By the audit trail's (entity_type, entity_id) index: one probe per candidate.
    const escalated = sql`EXISTS (SELECT 1 FROM audit_events a WHERE a.entity_type = 'correction' AND a.entity_id = c.id AND a.action = 'correction.escalated')`
    where.push(filters.escalated ? escalated : sql`NOT ${escalated}`)
  }
  if (filters.overdue !== undefined) {
    // Stores grouped by their escalation age: one cutoff per distinct age.
    const byHours = new Map<number, string[]>()
    for (const store of stores) {
      const hours = policies.get(store.id)!.escalateAfterHours
      byHours.set(hours, [...(byHours.get(hours) ?? []), store.id])
    }
    const overdue = sql.join(
      [...byHours].map(([hours, ids]) => sql`(c.store_id IN ${idList(ids)} AND c.entered_at <= ${hoursBefore(now, hours)})`),
      sql` OR `,
    )
    where.push(filters.overdue ? sql`(c.status = 'pending' AND (${overdue}))` : sql`NOT (c.status = 'pending' AND (${overdue}))`)
  }
  return where
}

/**
 * The review queue: corrections of every store in which the caller may read corrections (a regional
 * manager: the region; a store manager: the store; an auditor: all), filtered, sorted and paged by
 * keyset. Each row says whether the caller may decide it and whether it is overdue.
 */
export async function listReviewCorrections({ ctx, input }: { ctx: Ctx; input: ReviewQueryInput }) {
  const filters = ReviewQuery.parse(input)
  const now = ctx.clock.now()
  const grants = await actorGrants(ctx)
  const stores = selectStores(await storesWith(ctx.db, grants, 'correction.read'), filters)
  const windowFrom = defaultWindow(filters, now)
  const window = windowFrom ? { enteredFrom: windowFrom } : null
  if (stores.length === 0) return { corrections: [] as ReviewRow[], nextCursor: null, window }
  if (filters.itemId && !(await first(ctx.db, sql`SELECT 1 AS x FROM items WHERE id = ${filters.itemId}`))) {
    throw new DomainError('NOT_FOUND', 'Item not found', { itemId: filters.itemId })
  }
  const policies = await effectivePolicies(ctx.db, stores.map((s) => s.id))
  const where = reviewConditions(
    { ...filters, ...(windowFrom ? { enteredFrom: windowFrom } : {}) },
    stores,
    policies,
    now,
    await pendingAtTier(ctx, filters, stores),
  )

  const order = ORDER[filters.sort]
  const tuple = sql`(${sql.join(order.keys, sql`, `)})`
  if (filters.cursor) {
    const values = decodeCursor(filters.sort, filters.cursor)
    const placeholders = sql`(${sql.join(values.map((v) => sql`${v}`), sql`, `)})`
    where.push(order.dir === 'ASC' ? sql`${tuple} > ${placeholders}` : sql`${tuple} < ${placeholders}`)
  }
  const orderBy = sql.join(order.keys.map((k) => (order.dir === 'ASC' ? sql`${k} ASC` : sql`${k} DESC`)), sql`, `)

  // Two steps: the page's ids by the sort keys alone (index-only where possible), then their details.
  const keys = await ctx.db.all<{ id: string }>(sql`
    SELECT c.id FROM corrections c ${filters.sort === 'store' ? sql`JOIN stores s ON s.id = c.store_id` : sql``}
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY ${orderBy}
    LIMIT ${filters.limit + 1}`)
  const position = new Map(keys.map((k, i) => [k.id, i]))
  const raw = (keys.length === 0 ? [] : await ctx.db.all<RawRow>(sql`
    SELECT c.id, c.store_id AS storeId, s.code AS storeCode, s.name AS storeName, s.region_id AS regionId,
      c.status, c.source, c.reason_code AS reasonCode, c.note, c.value, c.tier_value AS tierValue, c.tier,
      (SELECT COUNT(*) FROM correction_lines cl WHERE cl.correction_id = c.id) AS lineCount,
      ${ITEM_NAMES_JSON},
      c.entered_by AS enteredBy, eu.name AS enteredByName, c.entered_at AS enteredAt, c.counted_by AS countedBy,
      c.decided_by AS decidedBy, du.name AS decidedByName, c.decided_at AS decidedAt, c.decided_role AS decidedRole,
      c.decision_note AS decisionNote, c.version, ${COUNTERS_JSON}
    FROM corrections c
      JOIN stores s ON s.id = c.store_id
      JOIN users eu ON eu.id = c.entered_by
      LEFT JOIN users du ON du.id = c.decided_by
    WHERE c.id IN ${idList(keys.map((k) => k.id))}`)).sort((a, b) => position.get(a.id)! - position.get(b.id)!)

  const page = raw.slice(0, filters.limit)
  const escalated = await latestEscalations(ctx, page.filter((r) => r.status === 'pending').map((r) => r.id))
  const storeById = new Map(stores.map((s) => [s.id, s]))
  const decider = await loadConfirmActor(ctx.db, ctx.actor.userId!, now)
  const seriesById = await loadSeries(
    ctx.db,
    page.filter((r) => r.status === 'pending').map((r) => ({ ...r, value: Number(r.value) })),
  )
  const corrections: ReviewRow[] = page.map((r) => {
    const counters = parseCounters(r.counters)
    const series = seriesById.get(r.id) ?? null
    const ageHours = Math.floor((now.getTime() - Date.parse(r.enteredAt)) / 3_600_000)
    const policy = policies.get(r.storeId)!
    return {
      id: r.id,
      storeId: r.storeId,
      storeCode: r.storeCode,
      storeName: r.storeName,
      regionId: r.regionId,
      status: r.status,
      source: r.source,
      reasonCode: r.reasonCode,
      note: r.note,
      value: Number(r.value),
      tierValue: Number(r.tierValue),
      tier: r.tier,
      effectiveTier: requiredTier({ tier: r.tier, series }),
      series: series && series.others > 0 ? { others: series.others, value: series.value, ids: series.ids } : null,
      lineCount: Number(r.lineCount),
      itemNames: parseItemNames(r.itemNames),
      enteredBy: { id: r.enteredBy, name: r.enteredByName },
      enteredAt: r.enteredAt,
      countedBy: r.countedBy,
      counters,
      decidedBy: r.decidedBy ? { id: r.decidedBy, name: r.decidedByName ?? '' } : null,
      decidedAt: r.decidedAt,
      decidedRole: r.decidedRole,
      decisionNote: r.decisionNote,
      version: Number(r.version),
      ageHours,
      overdue: r.status === 'pending' && now.getTime() - Date.parse(r.enteredAt) >= policy.escalateAfterHours * 3_600_000,
      escalatedAt: escalated.get(r.id) ?? null,
      mayDecide: mayDecideHint(decider, storeById.get(r.storeId)!, { ...r, counters, series }),
    }
  })
  const last = raw.length > filters.limit ? page[page.length - 1] : undefined
  return { corrections, nextCursor: last ? encodeCursor(filters.sort, order.values(last)) : null, window }
}

async function latestEscalations(ctx: Ctx, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>()
  const rows = await ctx.db.all<{ id: string; at: string }>(sql`
    SELECT entity_id AS id, MAX(at) AS at FROM audit_events
    WHERE entity_type = 'correction' AND entity_id IN ${idList(ids)} AND action = 'correction.escalated'
    GROUP BY entity_id`)
  return new Map(rows.map((r) => [r.id, r.at]))
}
