import { sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import type { Ctx } from '../context'
import { idList } from '../review/scope'
import { addDays, toPeriod, weekStart, type Period } from './period'
import { reportScope, type Drill } from './report-scope'
import { salesByStoreWeek } from './sales'
import { ReportQuery, type ReportQueryInput } from './schemas'

/**
 * Figures of released corrections only (status confirmed, by UTC day of the decision): that is when
 * stock changed. Read from the daily roll-ups (docs/decisions/005-report-aggregation.md). Values are
 * at unit cost in minor units: `value` = Σ |delta| × cost, `writeOffValue` = the negative lines
 * (shrink), `foundValue` = the positive lines, `netValue` = found − write-off.
 */
export type Figures = { corrections: number; value: number; writeOffValue: number; foundValue: number; netValue: number }

const zero = (): Figures => ({ corrections: 0, value: 0, writeOffValue: 0, foundValue: 0, netValue: 0 })

function add(into: Figures, row: { corrections: number; value: number; writeOff: number; found: number }) {
  into.corrections += Number(row.corrections)
  into.value += Number(row.value)
  into.writeOffValue += Number(row.writeOff)
  into.foundValue += Number(row.found)
  into.netValue = into.foundValue - into.writeOffValue
  return into
}

/** Shrink (write-offs at cost) as a percentage of sales, two decimals; null without sales. */
export const shrinkPct = (writeOff: number, sales: number) => (sales > 0 ? Math.round((writeOff / sales) * 10_000) / 100 : null)

type Agg = { corrections: number; value: number; writeOff: number; found: number }

/** Released corrections of the stores in the period, from the daily roll-up (one dimension at a time). */
const rollup = (dim: string, storeIds: string[], period: Period) =>
  sql`FROM rollup_corrections_daily r
    WHERE r.dim = ${dim} AND r.store_id IN ${idList(storeIds)} AND r.day >= ${period.from} AND r.day <= ${period.to}`
const figures = sql`SUM(r.corrections) AS corrections, SUM(r.value) AS value, SUM(r.write_off_value) AS writeOff, SUM(r.found_value) AS found`

export async function correctionReport({ ctx, input }: { ctx: Ctx; input: ReportQueryInput }) {
  const query = ReportQuery.parse(input)
  const period = toPeriod(query.from, query.to)
  const { stores, drillBase } = await reportScope(ctx, 'report.read', query)
  const storeIds = stores.map((s) => s.id)
  const db = ctx.db
  const confirmed = (extra: Drill = {}, from = period.from, to = period.to): Drill => ({
    ...drillBase,
    status: 'confirmed',
    decidedFrom: from,
    decidedTo: to,
    ...extra,
  })

  const [grouped, reasons, people, categories, topItems, sales, accuracy, labels] = await Promise.all([
    db.all<Agg & { storeId: string; week: string }>(sql`SELECT r.store_id AS storeId, date(r.day, '-6 days', 'weekday 1') AS week, ${figures}
      ${rollup('total', storeIds, period)} GROUP BY 1, 2`),
    db.all<Agg & { key: string }>(sql`SELECT r.key, ${figures} ${rollup('reason', storeIds, period)} GROUP BY r.key`),
    db.all<Agg & { key: string }>(sql`SELECT r.key, ${figures} ${rollup('person', storeIds, period)} GROUP BY r.key`),
    db.all<Agg & { key: string }>(sql`SELECT r.key, ${figures} ${rollup('category', storeIds, period)} GROUP BY r.key`),
    db.all<{ itemId: string; sku: string; name: string; category: string; units: number; writeOff: number; corrections: number }>(sql`
      WITH top AS (
        SELECT r.key AS itemId, SUM(r.write_off_units) AS units, SUM(r.write_off_value) AS writeOff, SUM(r.corrections) AS corrections
        ${rollup('item', storeIds, period)} AND r.write_off_units > 0
        GROUP BY r.key ORDER BY writeOff DESC, r.key LIMIT ${query.topItems}
      )
      SELECT top.*, i.sku, i.name, i.category FROM top JOIN items i ON i.id = top.itemId ORDER BY top.writeOff DESC, i.sku`),
    salesByStoreWeek(db, storeIds, period),
    countAccuracy(db, storeIds, period),
    db.all<{ code: string; labelEn: string; labelDe: string }>(sql`SELECT code, label_en AS labelEn, label_de AS labelDe FROM reason_codes`),
  ])

  const names = await userNames(db, people.map((p) => p.key))
  const totals = zero()
  const byStore = new Map<string, Figures>(stores.map((s) => [s.id, zero()]))
  const byWeek = new Map<string, Figures>()
  for (const row of grouped) {
    add(totals, row)
    add(byStore.get(row.storeId)!, row)
    add(byWeek.get(row.week) ?? byWeek.set(row.week, zero()).get(row.week)!, row)
  }
  const salesOf = (storeId?: string, week?: string) =>
    sales.filter((s) => (storeId === undefined || s.storeId === storeId) && (week === undefined || s.week === week)).reduce((sum, s) => sum + s.sales, 0)
  const totalSales = salesOf()
  const label = new Map(labels.map((l) => [l.code, l]))
  const byValue = <T extends { writeOffValue: number; value: number }>(a: T, b: T) => b.writeOffValue - a.writeOffValue || b.value - a.value

  const weeks: string[] = []
  for (let w = weekStart(period.from); w <= period.to; w = addDays(w, 7)) weeks.push(w)

  return {
    period: { from: period.from, to: period.to, days: period.days },
    stores: stores.map((s) => ({ id: s.id, code: s.code, name: s.name, regionId: s.regionId })),
    totals: { ...totals, salesValue: totalSales, shrinkPct: shrinkPct(totals.writeOffValue, totalSales), drill: confirmed() },
    byStore: stores
      .map((s) => {
        const f = byStore.get(s.id)!
        const salesValue = salesOf(s.id)
        return { storeId: s.id, code: s.code, name: s.name, ...f, salesValue, shrinkPct: shrinkPct(f.writeOffValue, salesValue), drill: confirmed({ storeIds: s.id }) }
      })
      .sort(byValue),
    byReason: reasons
      .map((r) => ({
        reason: r.key,
        labelEn: label.get(r.key)?.labelEn ?? r.key,
        labelDe: label.get(r.key)?.labelDe ?? r.key,
        ...add(zero(), r),
        drill: confirmed({ reason: r.key }),
      }))
      .sort(byValue),
    byCategory: categories.map((c) => ({ category: c.key, ...add(zero(), c), drill: confirmed({ category: c.key }) })).sort(byValue),
    byPerson: people.map((p) => ({ userId: p.key, name: names.get(p.key) ?? p.key, ...add(zero(), p), drill: confirmed({ enteredBy: p.key }) })).sort(byValue),
    topItems: topItems.map((t) => ({
      itemId: t.itemId,
      sku: t.sku,
      name: t.name,
      category: t.category,
      units: Number(t.units),
      writeOffValue: Number(t.writeOff),
      corrections: Number(t.corrections),
      drill: confirmed({ itemId: t.itemId, writeOff: 'true' }),
    })),
    countAccuracy: accuracy.summarize(stores, drillBase, period),
    weekly: weeks.map((week) => {
      const f = byWeek.get(week) ?? zero()
      const from = week < period.from ? period.from : week
      const last = addDays(week, 6)
      const to = last > period.to ? period.to : last
      const salesValue = salesOf(undefined, week)
      return { weekStart: week, from, to, ...f, salesValue, shrinkPct: shrinkPct(f.writeOffValue, salesValue), drill: confirmed({}, from, to) }
    }),
  }
}

async function userNames(db: Db, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>()
  const rows = await db.all<{ id: string; name: string }>(sql`SELECT id, name FROM users WHERE id IN ${idList(ids)}`)
  return new Map(rows.map((r) => [r.id, r.name]))
}

type AccuracyFigures = {
  counts: number
  linesCounted: number
  linesWithVariance: number
  accuracyPct: number | null
  varianceUnits: number
  varianceValue: number
  netVarianceValue: number
}

/**
 * Count accuracy: of the lines counted in counts submitted in the period, how many differed from the
 * expected stock (the lines of the correction the count produced, whatever became of it), and by how
 * much — the variance before anyone corrected it.
 */
async function countAccuracy(db: Db, storeIds: string[], period: Period) {
  const rows = await db.all<{ storeId: string; counts: number; linesCounted: number; linesWithVariance: number; varianceUnits: number; varianceValue: number; netVarianceValue: number }>(sql`
    WITH k AS (
      SELECT k.id, k.store_id, k.correction_id,
        (SELECT COUNT(*) FROM count_items ci WHERE ci.count_id = k.id) AS lines
      FROM counts k
      WHERE k.store_id IN ${idList(storeIds)} AND k.status = 'submitted'
        AND k.submitted_at >= ${period.fromTs} AND k.submitted_at < ${period.toTs}
    ), v AS (
      SELECT k.id, COUNT(cl.id) AS lines, COALESCE(SUM(ABS(cl.quantity_delta)), 0) AS units,
        COALESCE(SUM(ABS(cl.quantity_delta) * cl.unit_cost), 0) AS value, COALESCE(SUM(cl.quantity_delta * cl.unit_cost), 0) AS net
      FROM k LEFT JOIN correction_lines cl ON cl.correction_id = k.correction_id GROUP BY k.id
    )
    SELECT k.store_id AS storeId, COUNT(*) AS counts, SUM(k.lines) AS linesCounted, SUM(v.lines) AS linesWithVariance,
      SUM(v.units) AS varianceUnits, SUM(v.value) AS varianceValue, SUM(v.net) AS netVarianceValue
    FROM k JOIN v ON v.id = k.id GROUP BY k.store_id`)
  const figures = (list: typeof rows): AccuracyFigures => {
    const sum = (key: keyof (typeof rows)[number]) => list.reduce((s, r) => s + Number(r[key] ?? 0), 0)
    const linesCounted = sum('linesCounted')
    const linesWithVariance = sum('linesWithVariance')
    return {
      counts: sum('counts'),
      linesCounted,
      linesWithVariance,
      accuracyPct: linesCounted > 0 ? Math.round(((linesCounted - linesWithVariance) / linesCounted) * 10_000) / 100 : null,
      varianceUnits: sum('varianceUnits'),
      varianceValue: sum('varianceValue'),
      netVarianceValue: sum('netVarianceValue'),
    }
  }
  return {
    summarize: (stores: Array<{ id: string; code: string; name: string }>, drillBase: Drill, p: Period) => ({
      totals: { ...figures(rows), drill: { ...drillBase, source: 'count', enteredFrom: p.from, enteredTo: p.to } },
      byStore: stores.map((s) => ({
        storeId: s.id,
        code: s.code,
        name: s.name,
        ...figures(rows.filter((r) => r.storeId === s.id)),
        drill: { ...drillBase, storeIds: s.id, source: 'count', enteredFrom: p.from, enteredTo: p.to },
      })),
    }),
  }
}
