import { sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import type { Ctx } from '../context'
import { addDays, toPeriod, type Period } from '../reports/period'
import { reportScope, type Drill } from '../reports/report-scope'
import { PeriodQuery } from '../reports/schemas'
import { effectivePolicies } from '../review/policies'
import { idList, type ScopedStore } from '../review/scope'
import {
  candidateUtcRanges,
  detectAfterOwnCount,
  detectJustUnderThreshold,
  detectOutsideHours,
  detectPairConcentration,
  detectRepeatedWriteOffs,
  detectStoreShrink,
  offsetMinutes,
  type AfterCountRow,
  type Anomaly,
  type ConfirmedRow,
  type EnteredRow,
  type Names,
  type PairRow,
  type StoreHours,
  type WriteOffGroup,
} from './detectors'
import { storedThresholds } from './settings'
import { applyThresholds, ThresholdQuery, type AnomalyThresholds } from './thresholds'

/** The period and scope, and any threshold to override for this request only. */
export const AnomalyQuery = PeriodQuery.extend(ThresholdQuery.shape).strict()

/** Anomalies look at single corrections, so their period is shorter than a report's. */
export const MAX_ANOMALY_DAYS = 186
/** Correction ids listed per finding; the drill-down pages through all of them. */
const MAX_IDS = 200

/**
 * Runs every detector over the stores in the caller's report scope for a period. Entry-based
 * detectors (just under a threshold, repeated write-offs, soon after an own count) look at corrections
 * ENTERED in the period (cancelled ones aside); decision-based ones (pairs, store hours, store shrink)
 * at corrections CONFIRMED in it.
 */
export async function findAnomalies({ ctx, input }: { ctx: Ctx; input: Record<string, unknown> }) {
  const query = AnomalyQuery.parse(input)
  const { from, to, regionId, storeIds: selected, ...requested } = query
  const period = toPeriod(from, to, MAX_ANOMALY_DAYS)
  const { stores, drillBase } = await reportScope(ctx, 'report.read', { regionId, storeIds: selected })
  const storeIds = stores.map((s) => s.id)
  const db = ctx.db
  // The defaults, overridden by the chain's stored thresholds, overridden by this request's.
  const { values: thresholds, sources: thresholdSources } = applyThresholds(await storedThresholds(db), requested)

  const policies = await effectivePolicies(db, storeIds)
  const [pairs, near, writeOffs, afterCount, lateDecisions, shrink] = await Promise.all([
    pairRows(db, storeIds, period, thresholds),
    nearThreshold(db, storeIds, period, thresholds, policies),
    repeatedWriteOffs(db, storeIds, period, thresholds),
    afterOwnCount(db, storeIds, period, thresholds.countWindowHours),
    outsideHoursCandidates(db, stores, period, thresholds.hoursGraceMinutes),
    storeShrink(db, storeIds, period),
  ])
  const storeById = new Map(stores.map((s) => [s.id, s]))
  const userIds = new Set([
    ...pairs.flatMap((r) => [r.enteredBy, r.decidedBy]),
    ...near.rows.map((r) => r.enteredBy),
    ...writeOffs.map((r) => r.enteredBy),
    ...afterCount.map((r) => r.enteredBy),
    ...lateDecisions.map((r) => r.decidedBy),
  ])
  const itemIds = new Set([...writeOffs.map((r) => r.itemId), ...afterCount.map((r) => r.itemId)])
  const [people, items] = await Promise.all([namesOf(db, 'users', [...userIds]), namesOf(db, 'items', [...itemIds])])
  const names: Names = {
    store: (id) => {
      const s = storeById.get(id)
      return s ? `${s.name} (${s.code})` : id
    },
    person: (id) => people.get(id) ?? id,
    item: (id) => items.get(id) ?? id,
  }

  const outliers = detectStoreShrink(
    stores.map((s) => ({ storeId: s.id, regionId: s.regionId, ...(shrink.get(s.id) ?? { writeOffValue: 0, salesValue: 0 }), correctionIds: [] })),
    thresholds,
    names,
  )
  for (const outlier of outliers) outlier.correctionIds = await writeOffIds(db, outlier.storeId, period)
  const found: Anomaly[] = [
    ...detectPairConcentration(pairs, thresholds, names),
    ...detectJustUnderThreshold(near.rows, policies, thresholds, names, near.enteredCounts),
    ...detectRepeatedWriteOffs(writeOffs, thresholds, names),
    ...detectAfterOwnCount(afterCount, thresholds, names),
    ...detectOutsideHours(lateDecisions, storeById, thresholds, names),
    ...outliers,
  ]
  const drillOf = (a: Anomaly): Drill =>
    a.kind === 'store_shrink_outlier'
      ? { ...drillBase, storeIds: a.storeId, status: 'confirmed', writeOff: 'true', decidedFrom: period.from, decidedTo: period.to }
      : { ...drillBase, storeIds: a.storeId, ids: a.correctionIds.slice(0, MAX_IDS).join(',') }
  return {
    period: { from: period.from, to: period.to, days: period.days },
    thresholds,
    thresholdSources,
    anomalies: found.map((a) => {
      const store = storeById.get(a.storeId)!
      return {
        ...a,
        storeCode: store.code,
        storeName: store.name,
        people: a.userIds.map((id) => ({ id, name: names.person(id) })),
        itemName: a.itemId ? names.item(a.itemId) : null,
        correctionCount: a.correctionIds.length,
        correctionIds: a.correctionIds.slice(0, MAX_IDS),
        drill: drillOf(a),
      }
    }),
  }
}

const confirmedIn = (storeIds: string[], period: Period) =>
  sql`c.store_id IN ${idList(storeIds)} AND c.status = 'confirmed' AND c.decided_at >= ${period.fromTs} AND c.decided_at < ${period.toTs}`
const LIVE = sql`('pending', 'confirmed', 'rejected')`
const enteredIn = (storeIds: string[], period: Period, statuses = LIVE) =>
  sql`c.store_id IN ${idList(storeIds)} AND c.status IN ${statuses} AND c.entered_at >= ${period.fromTs} AND c.entered_at < ${period.toTs}`
const splitIds = (ids: string | null) => (ids ? ids.split(',') : [])

/** Enterer–confirmer pairs above the share threshold, with their store's count. */
async function pairRows(db: Db, storeIds: string[], period: Period, t: AnomalyThresholds): Promise<PairRow[]> {
  const rows = await db.all<Omit<PairRow, 'ids'> & { ids: string }>(sql`
    WITH c AS (SELECT c.id, c.store_id, c.entered_by, c.decided_by FROM corrections c WHERE ${confirmedIn(storeIds, period)}),
      n AS (SELECT store_id, COUNT(*) AS total FROM c GROUP BY store_id HAVING COUNT(*) >= ${t.pairMinStoreCorrections})
    SELECT c.store_id AS storeId, c.entered_by AS enteredBy, c.decided_by AS decidedBy, COUNT(*) AS pairCount, n.total AS storeCount,
      group_concat(c.id) AS ids
    FROM c JOIN n ON n.store_id = c.store_id
    GROUP BY c.store_id, c.entered_by, c.decided_by
    HAVING COUNT(*) >= ${t.pairMinPairCorrections} AND COUNT(*) > ${t.pairMaxShare} * n.total`)
  return rows.map((r) => ({ ...r, pairCount: Number(r.pairCount), storeCount: Number(r.storeCount), ids: splitIds(r.ids) }))
}

/** Corrections within the band below a store's lead or store-manager limit, and how many each person entered. */
async function nearThreshold(db: Db, storeIds: string[], period: Period, t: AnomalyThresholds, policies: Map<string, { leadMax: number; storeManagerMax: number }>) {
  const limits = JSON.stringify(storeIds.map((id) => [id, policies.get(id)!.leadMax, policies.get(id)!.storeManagerMax]))
  const low = 1 - t.nearBand
  const rows = await db.all<EnteredRow & { entered: number; near: number }>(sql`
    WITH p AS (SELECT value ->> 0 AS store_id, value ->> 1 AS lead_max, value ->> 2 AS sm_max FROM json_each(${limits})),
      c AS (
        SELECT c.id, c.store_id, c.entered_by, c.tier_value,
          (p.lead_max > 0 AND c.tier_value <= p.lead_max AND c.tier_value >= p.lead_max * ${low})
            OR (p.sm_max > 0 AND c.tier_value <= p.sm_max AND c.tier_value >= p.sm_max * ${low}) AS near
        FROM corrections c JOIN p ON p.store_id = c.store_id WHERE ${enteredIn(storeIds, period)}
      ),
      g AS (SELECT store_id, entered_by, COUNT(*) AS entered FROM c GROUP BY 1, 2 HAVING SUM(near) >= ${t.nearMinCount})
    SELECT c.id, c.store_id AS storeId, c.entered_by AS enteredBy, c.tier_value AS tierValue, g.entered
    FROM c JOIN g ON g.store_id = c.store_id AND g.entered_by = c.entered_by WHERE c.near`)
  const enteredCounts = new Map(rows.map((r) => [`${r.storeId}\u0000${r.enteredBy}`, Number(r.entered)]))
  return { rows: rows.map((r) => ({ id: r.id, storeId: r.storeId, enteredBy: r.enteredBy, tierValue: Number(r.tierValue) })), enteredCounts }
}

/** The same item written off by the same person in several corrections (pending or confirmed ones: they were attempted). */
async function repeatedWriteOffs(db: Db, storeIds: string[], period: Period, t: AnomalyThresholds): Promise<WriteOffGroup[]> {
  const rows = await db.all<Omit<WriteOffGroup, 'ids'> & { ids: string }>(sql`
    SELECT c.store_id AS storeId, c.entered_by AS enteredBy, cl.item_id AS itemId, SUM(-cl.quantity_delta) AS units, group_concat(c.id) AS ids
    FROM corrections c JOIN correction_lines cl ON cl.correction_id = c.id
    WHERE ${enteredIn(storeIds, period, sql`('pending', 'confirmed')`)} AND cl.quantity_delta < 0
    GROUP BY c.store_id, c.entered_by, cl.item_id
    HAVING COUNT(DISTINCT c.id) >= ${t.repeatMinCount}`)
  return rows.map((r) => ({ ...r, units: Number(r.units), ids: splitIds(r.ids) }))
}

/**
 * Confirmations that may lie outside store hours. SQLite knows no time zones, so for each store the
 * UTC minutes of the day that could be outside (under any offset the zone has in the period) are
 * computed here and only those rows are read; detectOutsideHours then checks each one exactly.
 */
async function outsideHoursCandidates(db: Db, stores: ScopedStore[], period: Period, graceMinutes: number): Promise<ConfirmedRow[]> {
  const offsetsByZone = new Map<string, number[]>()
  for (const zone of new Set(stores.map((s) => s.timezone))) {
    const offsets = new Set<number>()
    for (let day = period.from; day <= period.to; day = addDays(day, 1)) offsets.add(offsetMinutes(new Date(`${day}T12:00:00Z`), zone))
    offsetsByZone.set(zone, [...offsets])
  }
  const profiles = new Map<string, { ranges: Array<[number, number]>; storeIds: string[] }>()
  for (const store of stores) {
    const hours: StoreHours = { timezone: store.timezone, opensAt: store.opensAt, closesAt: store.closesAt }
    const key = `${store.timezone}|${store.opensAt}|${store.closesAt}`
    const profile = profiles.get(key) ?? { ranges: candidateUtcRanges(hours, offsetsByZone.get(store.timezone)!, graceMinutes), storeIds: [] }
    profile.storeIds.push(store.id)
    profiles.set(key, profile)
  }
  const minute = sql`(CAST(substr(c.decided_at, 12, 2) AS INTEGER) * 60 + CAST(substr(c.decided_at, 15, 2) AS INTEGER))`
  const conditions = [...profiles.values()]
    .filter((p) => p.ranges.length > 0)
    .map((p) => sql`(c.store_id IN ${idList(p.storeIds)} AND (${sql.join(p.ranges.map(([a, b]) => sql`${minute} BETWEEN ${a} AND ${b}`), sql` OR `)}))`)
  if (conditions.length === 0) return []
  return db.all<ConfirmedRow>(sql`
    SELECT c.id, c.store_id AS storeId, c.entered_by AS enteredBy, c.decided_by AS decidedBy, c.decided_at AS decidedAt
    FROM corrections c WHERE ${confirmedIn(stores.map((s) => s.id), period)} AND (${sql.join(conditions, sql` OR `)})
    ORDER BY c.decided_at, c.id`)
}

/** A store's confirmed corrections with write-off lines in the period (the first MAX_IDS). */
async function writeOffIds(db: Db, storeId: string, period: Period) {
  const rows = await db.all<{ id: string }>(sql`
    SELECT c.id FROM corrections c WHERE ${confirmedIn([storeId], period)}
      AND EXISTS (SELECT 1 FROM correction_lines cl WHERE cl.correction_id = c.id AND cl.quantity_delta < 0)
    ORDER BY c.decided_at, c.id LIMIT ${MAX_IDS}`)
  return rows.map((r) => r.id)
}

/**
 * Lines of corrections whose enterer had counted the same item in the same store within the window
 * before — leaving out the correction that count itself produced.
 */
async function afterOwnCount(db: Db, storeIds: string[], period: Period, windowHours: number) {
  return db.all<AfterCountRow>(sql`
    SELECT c.id AS correctionId, c.store_id AS storeId, c.entered_by AS enteredBy, c.entered_at AS enteredAt,
      cl.item_id AS itemId, ce.count_id AS countId, MAX(ce.at) AS countedAt
    FROM corrections c
      JOIN correction_lines cl ON cl.correction_id = c.id
      JOIN count_entries ce ON ce.user_id = c.entered_by AND ce.item_id = cl.item_id
        AND ce.at <= c.entered_at AND ce.at >= strftime('%Y-%m-%dT%H:%M:%fZ', c.entered_at, ${`-${windowHours * 60} minutes`})
      JOIN counts k ON k.id = ce.count_id AND k.store_id = c.store_id
    WHERE ${enteredIn(storeIds, period)} AND (c.count_id IS NULL OR c.count_id <> ce.count_id)
    GROUP BY c.id, cl.item_id
    ORDER BY c.entered_at, c.id`)
}

/** Write-offs and sales per store in the period, from the roll-ups. */
async function storeShrink(db: Db, storeIds: string[], period: Period) {
  const rows = await db.all<{ storeId: string; writeOffValue: number; salesValue: number }>(sql`
    SELECT s.value AS storeId,
      COALESCE((SELECT SUM(write_off_value) FROM rollup_corrections_daily r
        WHERE r.dim = 'total' AND r.store_id = s.value AND r.day >= ${period.from} AND r.day <= ${period.to}), 0) AS writeOffValue,
      COALESCE((SELECT SUM(sales_value) FROM rollup_sales_daily d
        WHERE d.store_id = s.value AND d.day >= ${period.from} AND d.day <= ${period.to}), 0) AS salesValue
    FROM json_each(${JSON.stringify(storeIds)}) s`)
  return new Map(rows.map((r) => [r.storeId, { writeOffValue: Number(r.writeOffValue), salesValue: Number(r.salesValue) }]))
}

async function namesOf(db: Db, table: 'users' | 'items', ids: string[]) {
  if (ids.length === 0) return new Map<string, string>()
  const rows =
    table === 'users'
      ? await db.all<{ id: string; name: string }>(sql`SELECT id, name FROM users WHERE id IN ${idList(ids)}`)
      : await db.all<{ id: string; name: string }>(sql`SELECT id, sku || ' ' || name AS name FROM items WHERE id IN ${idList(ids)}`)
  return new Map(rows.map((r) => [r.id, r.name]))
}
