import { sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import type { COUNT_KINDS, COUNT_STATUSES } from '../../../db/schema/index'
import { first } from '../sql'
import type { Tx } from '../writer'
import { expectedAtCount, needsRecount, type RecountPolicy } from './rules'
import type { ListCountsQuery, SheetQuery } from './schemas'

export type CountKind = (typeof COUNT_KINDS)[number]
export type CountStatus = (typeof COUNT_STATUSES)[number]

/**
 * ─── Blind views ───────────────────────────────────────────────────────────────────────────────
 * What counters (and anyone with count.read) see: the count, its progress, the sheet. None of these
 * selects expected_at_start, balances or variances — the blind-count test walks their responses.
 */

export type CountView = {
  id: string
  storeId: string
  kind: CountKind
  status: CountStatus
  location: { id: string; kind: string; name: string } | null
  note: string | null
  createdBy: string
  createdAt: string
  submittedBy: string | null
  submittedAt: string | null
  correctionId: string | null
  version: number
  progress: { lines: number; counted: number; recount: number }
}

type CountRow = Omit<CountView, 'location' | 'progress'> & {
  locationId: string | null
  locationKind: string | null
  locationName: string | null
  lines: number
  counted: number
  recount: number
}

const COUNT_SELECT = sql`SELECT c.id, c.store_id AS storeId, c.kind, c.status, c.note, c.created_by AS createdBy, c.created_at AS createdAt,
    c.submitted_by AS submittedBy, c.submitted_at AS submittedAt, c.correction_id AS correctionId, c.version,
    c.location_id AS locationId, l.kind AS locationKind, l.name AS locationName,
    (SELECT COUNT(*) FROM count_items ci WHERE ci.count_id = c.id) AS lines,
    (SELECT COUNT(*) FROM count_items ci WHERE ci.count_id = c.id AND EXISTS (SELECT 1 FROM count_entries e
      WHERE e.count_id = ci.count_id AND e.location_id = ci.location_id AND e.item_id = ci.item_id AND e.round = ci.round)) AS counted,
    (SELECT COUNT(*) FROM count_items ci WHERE ci.count_id = c.id AND ci.round = 2) AS recount
  FROM counts c LEFT JOIN locations l ON l.id = c.location_id`

const toCountView = (r: CountRow): CountView => ({
  id: r.id,
  storeId: r.storeId,
  kind: r.kind,
  status: r.status,
  location: r.locationId ? { id: r.locationId, kind: r.locationKind ?? '', name: r.locationName ?? '' } : null,
  note: r.note,
  createdBy: r.createdBy,
  createdAt: r.createdAt,
  submittedBy: r.submittedBy,
  submittedAt: r.submittedAt,
  correctionId: r.status === 'submitted' ? r.correctionId : null,
  version: Number(r.version),
  progress: { lines: Number(r.lines), counted: Number(r.counted), recount: Number(r.recount) },
})

export async function findCount(db: Db | Tx, storeId: string, id: string): Promise<CountView | null> {
  const row = await first<CountRow>(db, sql`${COUNT_SELECT} WHERE c.id = ${id} AND c.store_id = ${storeId}`)
  return row ? toCountView(row) : null
}

export async function listCounts(db: Db, storeId: string, query: ListCountsQuery): Promise<CountView[]> {
  const status = query.status === 'active' ? sql`AND c.status IN ('open', 'recount')` : query.status ? sql`AND c.status = ${query.status}` : sql``
  const rows = await db.all<CountRow>(sql`${COUNT_SELECT} WHERE c.store_id = ${storeId} ${status}
    ORDER BY c.status IN ('open', 'recount') DESC, c.created_at DESC, c.id DESC LIMIT ${query.limit}`)
  return rows.map(toCountView)
}

export type SheetLine = {
  locationId: string
  locationKind: string
  locationName: string
  item: { id: string; sku: string; name: string; category: string; uom: string; barcodes: string[] }
  round: number
  /** This line waits for a recount (by someone who did not count it the first time). */
  recount: boolean
  /** What you yourself entered for this line in its current round (others' entries are not shown). */
  myEntered: number
}

/** The blind count sheet: what to count and where, in walking order; never what the system expects. */
export async function countSheet(db: Db, count: CountView, userId: string | null, query: SheetQuery) {
  const filters = [sql`ci.count_id = ${count.id}`]
  if (query.recount === 'true') filters.push(sql`ci.round = 2`)
  if (query.locationId) filters.push(sql`ci.location_id = ${query.locationId}`)
  const where = sql.join(filters, sql` AND `)
  const rows = await db.all<{
    locationId: string
    locationKind: string
    locationName: string
    itemId: string
    sku: string
    name: string
    category: string
    uom: string
    barcodes: string | null
    round: number
    myEntered: number
  }>(sql`SELECT ci.location_id AS locationId, l.kind AS locationKind, l.name AS locationName, i.id AS itemId, i.sku, i.name, i.category, i.uom,
      (SELECT group_concat(barcode, ' ') FROM item_barcodes WHERE item_id = i.id) AS barcodes, ci.round,
      COALESCE((SELECT SUM(e.quantity) FROM count_entries e WHERE e.count_id = ci.count_id AND e.location_id = ci.location_id
        AND e.item_id = ci.item_id AND e.round = ci.round AND e.user_id = ${userId}), 0) AS myEntered
    FROM count_items ci JOIN items i ON i.id = ci.item_id JOIN locations l ON l.id = ci.location_id
    WHERE ${where}
    ORDER BY l.kind, i.category, i.name, i.id LIMIT ${query.limit} OFFSET ${query.offset}`)
  const total = await first<{ n: number }>(db, sql`SELECT COUNT(*) AS n FROM count_items ci WHERE ${where}`)
  const lines: SheetLine[] = rows.map((r) => ({
    locationId: r.locationId,
    locationKind: r.locationKind,
    locationName: r.locationName,
    item: { id: r.itemId, sku: r.sku, name: r.name, category: r.category, uom: r.uom, barcodes: r.barcodes ? r.barcodes.split(' ') : [] },
    round: Number(r.round),
    recount: Number(r.round) === 2,
    myEntered: Number(r.myEntered),
  }))
  return { count, lines, total: Number(total?.n ?? 0) }
}

/**
 * ─── Reviewer's figures ────────────────────────────────────────────────────────────────────────
 * Expected at counting time, counted, variance: for count.review and for submitting only.
 */

export type CountLine = {
  locationId: string
  locationKind: string
  itemId: string
  sku: string
  name: string
  category: string
  unitCost: number
  round: number
  firstCountedBy: string | null
  expectedAtStart: number
  /** Net movements of this (location, item) after the count's start, up to when it was counted. */
  movedSinceStart: number
  expected: number
  /** Sum of the entries of the line's current round; null when nobody counted it. */
  counted: number | null
  variance: number | null
  /** The movement id the expectation is taken at (the latest entry of the round, or now if uncounted). */
  atMovementId: number
}

export async function maxMovementId(db: Db | Tx) {
  const row = await first<{ id: number | null }>(db, sql`SELECT MAX(id) AS id FROM movements`)
  return Number(row?.id ?? 0)
}

/** Every line with expected vs counted, allowing for movements posted while counting. */
export async function countLines(db: Db | Tx, count: { id: string; storeId: string; startMovementId: number }, nowMovementId: number): Promise<CountLine[]> {
  const rows = await db.all<Omit<CountLine, 'expected' | 'variance'>>(sql`
    SELECT x.*, COALESCE((SELECT SUM(CASE WHEN m.to_location_id = x.locationId THEN m.quantity ELSE 0 END)
          - SUM(CASE WHEN m.from_location_id = x.locationId THEN m.quantity ELSE 0 END)
        FROM movements m WHERE m.store_id = ${count.storeId} AND m.item_id = x.itemId
          AND m.id > ${count.startMovementId} AND m.id <= x.atMovementId
          AND (m.to_location_id = x.locationId OR m.from_location_id = x.locationId)), 0) AS movedSinceStart
    FROM (
      SELECT ci.location_id AS locationId, l.kind AS locationKind, ci.item_id AS itemId, i.sku, i.name, i.category,
        i.unit_cost AS unitCost, ci.round, ci.first_counted_by AS firstCountedBy, ci.expected_at_start AS expectedAtStart,
        e.counted, COALESCE(e.atMovementId, ${nowMovementId}) AS atMovementId
      FROM count_items ci JOIN items i ON i.id = ci.item_id JOIN locations l ON l.id = ci.location_id
      LEFT JOIN (SELECT location_id, item_id, round, SUM(quantity) AS counted, MAX(at_movement_id) AS atMovementId
        FROM count_entries WHERE count_id = ${count.id} GROUP BY location_id, item_id, round) e
        ON e.location_id = ci.location_id AND e.item_id = ci.item_id AND e.round = ci.round
      WHERE ci.count_id = ${count.id}
    ) x ORDER BY x.locationKind, x.category, x.name, x.itemId`)
  return rows.map((r) => {
    const expectedAtStart = Number(r.expectedAtStart)
    const movedSinceStart = Number(r.movedSinceStart)
    const expected = expectedAtCount(expectedAtStart, movedSinceStart)
    const counted = r.counted === null ? null : Number(r.counted)
    return {
      ...r,
      unitCost: Number(r.unitCost),
      round: Number(r.round),
      expectedAtStart,
      movedSinceStart,
      expected,
      counted,
      variance: counted === null ? null : counted - expected,
      atMovementId: Number(r.atMovementId),
    }
  })
}

/** Who entered counts for each line and round (for the recount rule and counted_by). */
export async function lineCounters(db: Db | Tx, countId: string) {
  return db.all<{ locationId: string; itemId: string; round: number; userId: string; at: string }>(sql`
    SELECT location_id AS locationId, item_id AS itemId, round, user_id AS userId, at FROM count_entries WHERE count_id = ${countId} ORDER BY at, id`)
}

/** The recount thresholds of the store's policy (store row over chain row; defaults 10 units / 100.00). */
export async function recountPolicy(db: Db | Tx, storeId: string): Promise<RecountPolicy> {
  const row = await first<{ recountUnits: number; recountValue: number }>(db, sql`SELECT recount_units AS recountUnits, recount_value AS recountValue
    FROM tier_policies WHERE store_id = ${storeId} OR store_id IS NULL ORDER BY store_id IS NULL LIMIT 1`)
  return { recountUnits: Number(row?.recountUnits ?? 10), recountValue: Number(row?.recountValue ?? 10_000) }
}

export type ReviewLine = Omit<CountLine, 'atMovementId' | 'firstCountedBy' | 'sku' | 'name' | 'category' | 'unitCost' | 'itemId'> & {
  item: { id: string; sku: string; name: string; category: string; unitCost: number }
  varianceValue: number | null
  needsRecount: boolean
  counters: Array<{ id: string; name: string; round: number }>
}

/** The reviewer's table: per line expected (as of counting), counted, variance and its value. */
export async function reviewLines(db: Db | Tx, count: { id: string; storeId: string; startMovementId: number; status: string }) {
  const lines = await countLines(db, count, await maxMovementId(db))
  const counters = await lineCounters(db, count.id)
  const policy = await recountPolicy(db, count.storeId)
  const names = await db.all<{ id: string; name: string }>(sql`SELECT DISTINCT u.id, u.name FROM count_entries e JOIN users u ON u.id = e.user_id WHERE e.count_id = ${count.id}`)
  const nameOf = new Map(names.map((n) => [n.id, n.name]))
  const byLine = new Map<string, Array<{ id: string; name: string; round: number }>>()
  for (const c of counters) {
    const key = `${c.locationId}\u0000${c.itemId}`
    const list = byLine.get(key) ?? []
    if (!list.some((x) => x.id === c.userId && x.round === Number(c.round))) list.push({ id: c.userId, name: nameOf.get(c.userId) ?? '', round: Number(c.round) })
    byLine.set(key, list)
  }
  const out: ReviewLine[] = lines.map((l) => ({
    locationId: l.locationId,
    locationKind: l.locationKind,
    item: { id: l.itemId, sku: l.sku, name: l.name, category: l.category, unitCost: l.unitCost },
    round: l.round,
    expectedAtStart: l.expectedAtStart,
    movedSinceStart: l.movedSinceStart,
    expected: l.expected,
    counted: l.counted,
    variance: l.variance,
    varianceValue: l.variance === null ? null : l.variance * l.unitCost,
    needsRecount: count.status === 'open' && l.round === 1 && l.variance !== null && needsRecount(l.variance, l.unitCost, policy),
    counters: byLine.get(`${l.locationId}\u0000${l.itemId}`) ?? [],
  }))
  const counted = out.filter((l) => l.counted !== null)
  return {
    lines: out,
    totals: {
      lines: out.length,
      counted: counted.length,
      withVariance: counted.filter((l) => l.variance !== 0).length,
      varianceUnits: counted.reduce((s, l) => s + Math.abs(l.variance!), 0),
      varianceValue: counted.reduce((s, l) => s + Math.abs(l.varianceValue!), 0),
    },
    policy,
  }
}
