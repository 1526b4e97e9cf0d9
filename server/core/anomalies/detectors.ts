import type { AnomalyThresholds } from './thresholds'

/**
 * The anomaly detectors: pure functions over rows the loader read (find-anomalies.ts), so each one
 * is tested on hand-made rows. The loader pre-aggregates and pre-filters in SQL with the same
 * thresholds (a region's month is tens of thousands of corrections; a row costs ~5 µs to bring into
 * JavaScript), and each detector applies its rule again on what it gets. Each finding explains itself
 * in words and names the corrections behind it. An anomaly is a reason to look, not proof of wrongdoing.
 */

export const ANOMALY_KINDS = [
  'pair_concentration',
  'just_under_threshold',
  'repeated_write_off',
  'after_own_count',
  'outside_store_hours',
  'store_shrink_outlier',
] as const
export type AnomalyKind = (typeof ANOMALY_KINDS)[number]

export type Anomaly = {
  kind: AnomalyKind
  storeId: string
  /** The people involved (enterer, confirmer …), if any. */
  userIds: string[]
  itemId: string | null
  explanation: string
  correctionIds: string[]
  metrics: Record<string, number | string | null>
}

/** Names for explanations; unknown ids fall back to the id itself. */
export type Names = {
  store: (id: string) => string
  person: (id: string) => string
  item: (id: string) => string
}

export const money = (cents: number) => `€${(cents / 100).toFixed(2)}`
const pct = (share: number) => `${Math.round(share * 100)}%`
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

function groupBy<T>(rows: readonly T[], key: (row: T) => string) {
  const groups = new Map<string, T[]>()
  for (const row of rows) {
    const k = key(row)
    const list = groups.get(k)
    if (list) list.push(row)
    else groups.set(k, [row])
  }
  return groups
}

const uniqueIds = (ids: string[]) => [...new Set(ids)]

// ── 1. The same two people on an unusual share of a store's confirmed corrections ────────────────
/** One enterer–confirmer pair in a store: its confirmed corrections, and the store's. */
export type PairRow = { storeId: string; enteredBy: string; decidedBy: string; pairCount: number; storeCount: number; ids: string[] }

export function detectPairConcentration(rows: readonly PairRow[], t: AnomalyThresholds, names: Names): Anomaly[] {
  const found: Anomaly[] = []
  for (const pair of rows) {
    const share = pair.pairCount / pair.storeCount
    if (pair.storeCount < t.pairMinStoreCorrections || pair.pairCount < t.pairMinPairCorrections || share <= t.pairMaxShare) continue
    found.push({
      kind: 'pair_concentration',
      storeId: pair.storeId,
      userIds: [pair.enteredBy, pair.decidedBy],
      itemId: null,
      explanation:
        `At ${names.store(pair.storeId)}, ${pair.pairCount} of ${pair.storeCount} confirmed corrections (${pct(share)}) were entered by ` +
        `${names.person(pair.enteredBy)} and confirmed by ${names.person(pair.decidedBy)} — more than ${pct(t.pairMaxShare)} for one pair. ` +
        'Four eyes only help if the second pair of eyes varies.',
      correctionIds: [...pair.ids].sort(),
      metrics: { pairCorrections: pair.pairCount, storeCorrections: pair.storeCount, share: Math.round(share * 1000) / 1000, threshold: t.pairMaxShare },
    })
  }
  return found
}

// ── 2. Many corrections just under a tier threshold ──────────────────────────────────────────────
export type EnteredRow = { id: string; storeId: string; enteredBy: string; tierValue: number }
export type Thresholds = { leadMax: number; storeManagerMax: number }

/** Which threshold (if any) a tier value sits just under: within `band` below it, inclusive. */
export function justUnder(tierValue: number, policy: Thresholds, band: number): 'leadMax' | 'storeManagerMax' | null {
  for (const key of ['leadMax', 'storeManagerMax'] as const) {
    const max = policy[key]
    if (max > 0 && tierValue <= max && tierValue >= max * (1 - band)) return key
  }
  return null
}

/**
 * `rows` may be only the candidates near a threshold; `enteredCounts` ("storeId\u0000userId" → all
 * corrections that person entered there in the period) then supplies the "out of N".
 */
export function detectJustUnderThreshold(
  rows: readonly EnteredRow[],
  policies: ReadonlyMap<string, Thresholds>,
  t: AnomalyThresholds,
  names: Names,
  enteredCounts?: ReadonlyMap<string, number>,
): Anomaly[] {
  const found: Anomaly[] = []
  for (const [key, list] of groupBy(rows, (r) => `${r.storeId}\u0000${r.enteredBy}`)) {
    const { storeId, enteredBy } = list[0]!
    const policy = policies.get(storeId)
    if (!policy) continue
    const near = list.map((r) => ({ row: r, under: justUnder(r.tierValue, policy, t.nearBand) })).filter((n) => n.under !== null)
    if (near.length < t.nearMinCount) continue
    const lead = near.filter((n) => n.under === 'leadMax').length
    const which = [
      lead > 0 ? `${lead} just under the shift-lead limit of ${money(policy.leadMax)}` : '',
      near.length - lead > 0 ? `${near.length - lead} just under the store-manager limit of ${money(policy.storeManagerMax)}` : '',
    ].filter(Boolean)
    found.push({
      kind: 'just_under_threshold',
      storeId,
      userIds: [enteredBy],
      itemId: null,
      explanation:
        `At ${names.store(storeId)}, ${names.person(enteredBy)} entered ${plural(near.length, 'correction')} valued within ${pct(t.nearBand)} ` +
        `below an approval limit (${which.join(', ')}) out of ${enteredCounts?.get(key) ?? list.length} in the period. ` +
        'Staying just under a limit keeps a correction away from a more senior approver.',
      correctionIds: near.map((n) => n.row.id),
      metrics: {
        nearCount: near.length,
        nearLeadMax: lead,
        nearStoreManagerMax: near.length - lead,
        enteredCount: enteredCounts?.get(key) ?? list.length,
        band: t.nearBand,
        leadMax: policy.leadMax,
        storeManagerMax: policy.storeManagerMax,
      },
    })
  }
  return found
}

// ── 3. The same item written off again and again by the same person ─────────────────────────────
/** One person's write-off lines of one item in one store, summed. */
export type WriteOffGroup = { storeId: string; enteredBy: string; itemId: string; units: number; ids: string[] }

export function detectRepeatedWriteOffs(rows: readonly WriteOffGroup[], t: AnomalyThresholds, names: Names): Anomaly[] {
  const found: Anomaly[] = []
  for (const group of rows) {
    const ids = uniqueIds(group.ids).sort()
    if (ids.length < t.repeatMinCount) continue
    found.push({
      kind: 'repeated_write_off',
      storeId: group.storeId,
      userIds: [group.enteredBy],
      itemId: group.itemId,
      explanation:
        `At ${names.store(group.storeId)}, ${names.person(group.enteredBy)} wrote off ${names.item(group.itemId)} in ${ids.length} separate corrections ` +
        `(${plural(group.units, 'unit')} in total). Repeated write-offs of one item by one person can hide theft.`,
      correctionIds: ids,
      metrics: { corrections: ids.length, units: group.units, threshold: t.repeatMinCount },
    })
  }
  return found
}

// ── 4. A correction entered soon after the enterer counted the same item ─────────────────────────
export type AfterCountRow = { correctionId: string; storeId: string; enteredBy: string; enteredAt: string; itemId: string; countId: string; countedAt: string }

export function detectAfterOwnCount(rows: readonly AfterCountRow[], t: AnomalyThresholds, names: Names): Anomaly[] {
  const found: Anomaly[] = []
  for (const list of groupBy(rows, (r) => `${r.storeId}\u0000${r.enteredBy}`).values()) {
    const inWindow = list.filter((r) => {
      const gap = Date.parse(r.enteredAt) - Date.parse(r.countedAt)
      return gap >= 0 && gap <= t.countWindowHours * 3_600_000
    })
    if (inWindow.length === 0) continue
    const { storeId, enteredBy } = inWindow[0]!
    const ids = uniqueIds(inWindow.map((r) => r.correctionId))
    const items = uniqueIds(inWindow.map((r) => r.itemId))
    const fastest = Math.min(...inWindow.map((r) => Date.parse(r.enteredAt) - Date.parse(r.countedAt)))
    found.push({
      kind: 'after_own_count',
      storeId,
      userIds: [enteredBy],
      itemId: items.length === 1 ? items[0]! : null,
      explanation:
        `At ${names.store(storeId)}, ${names.person(enteredBy)} entered ${plural(ids.length, 'correction')} within ${t.countWindowHours} h after ` +
        `counting the same ${items.length === 1 ? `item (${names.item(items[0]!)})` : `items (${items.length})`} themselves — the quickest ` +
        `${Math.round(fastest / 60_000)} min later. Whoever counted knows what the system expects; a separate correction right after can cover a gap.`,
      correctionIds: ids,
      metrics: { corrections: ids.length, items: items.length, fastestMinutes: Math.round(fastest / 60_000), windowHours: t.countWindowHours },
    })
  }
  return found
}

// ── 5. Confirmations outside store hours ─────────────────────────────────────────────────────────
export type StoreHours = { timezone: string; opensAt: string; closesAt: string }

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number)
  return (h ?? 0) * 60 + (m ?? 0)
}

/** Building an Intl formatter costs ~50× formatting with one: keep one per time zone. */
const formatters = new Map<string, Intl.DateTimeFormat>()
const formatterFor = (timezone: string) => {
  let format = formatters.get(timezone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    formatters.set(timezone, format)
  }
  return format
}

/** Local HH:MM of an instant in a time zone (DST-aware, through Intl). */
export function localTime(iso: string, timezone: string) {
  const parts = formatterFor(timezone).formatToParts(new Date(iso))
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00'
  return `${get('hour')}:${get('minute')}`
}

/** Whether a local time lies outside the opening hours, with a grace period on both sides (overnight hours wrap). */
export function outsideHours(local: string, hours: StoreHours, graceMinutes: number) {
  const at = minutesOf(local)
  const open = minutesOf(hours.opensAt) - graceMinutes
  const close = minutesOf(hours.closesAt) + graceMinutes
  if (minutesOf(hours.opensAt) < minutesOf(hours.closesAt)) return at < open || at > close
  return at < open && at > close
}

/** UTC offset of a time zone at an instant, in minutes (Europe/Berlin in summer: 120). */
export function offsetMinutes(at: Date, timezone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(at)
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0)
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'))
  return Math.round((wall - Math.floor(at.getTime() / 1000) * 1000) / 60_000)
}

/**
 * The UTC minutes of the day (as [from, to] ranges) at which a decision MAY fall outside the hours
 * under any of the given offsets: the loader asks the database for those only, and
 * detectOutsideHours then checks each candidate exactly in the store's time zone.
 */
export function candidateUtcRanges(hours: StoreHours, offsets: readonly number[], graceMinutes: number): Array<[number, number]> {
  const ranges: Array<[number, number]> = []
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
  for (let u = 0; u < 1440; u++) {
    const maybe = offsets.some((o) => outsideHours(hhmm((((u + o) % 1440) + 1440) % 1440), hours, graceMinutes))
    if (!maybe) continue
    const last = ranges.at(-1)
    if (last && last[1] === u - 1) last[1] = u
    else ranges.push([u, u])
  }
  return ranges
}

export type ConfirmedRow = { id: string; storeId: string; enteredBy: string; decidedBy: string; decidedAt: string }

export function detectOutsideHours(rows: readonly ConfirmedRow[], stores: ReadonlyMap<string, StoreHours>, t: AnomalyThresholds, names: Names): Anomaly[] {
  const found: Anomaly[] = []
  const outside = rows
    .map((r) => {
      const hours = stores.get(r.storeId)
      return hours ? { row: r, hours, local: localTime(r.decidedAt, hours.timezone) } : null
    })
    .filter((x): x is NonNullable<typeof x> => x !== null && outsideHours(x.local, x.hours, t.hoursGraceMinutes))
  for (const list of groupBy(outside, (x) => `${x.row.storeId}\u0000${x.row.decidedBy}`).values()) {
    const { row, hours } = list[0]!
    const times = list.map((x) => x.local)
    found.push({
      kind: 'outside_store_hours',
      storeId: row.storeId,
      userIds: [row.decidedBy],
      itemId: null,
      explanation:
        `At ${names.store(row.storeId)}, ${names.person(row.decidedBy)} confirmed ${plural(list.length, 'correction')} outside store hours ` +
        `(${hours.opensAt}–${hours.closesAt} ${hours.timezone}, ${t.hoursGraceMinutes} min grace), at ${times.slice(0, 5).join(', ')}` +
        `${times.length > 5 ? ' …' : ''} local time. Nobody is there to look at the goods then.`,
      correctionIds: list.map((x) => x.row.id),
      metrics: {
        corrections: list.length,
        opensAt: hours.opensAt,
        closesAt: hours.closesAt,
        timezone: hours.timezone,
        graceMinutes: t.hoursGraceMinutes,
        // The first five local times, for the explanation.
        localTimes: `${times.slice(0, 5).join(', ')}${times.length > 5 ? ' …' : ''}`,
      },
    })
  }
  return found
}

// ── 6. A store whose shrink is far above its region's ────────────────────────────────────────────
export type StoreShrink = { storeId: string; regionId: string; writeOffValue: number; salesValue: number; correctionIds: string[] }

export function median(values: readonly number[]) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length === 0 ? 0 : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/**
 * Compares each store with the median of the OTHER stores of its region in the report. The measure is
 * shrink as a share of sales when every one of those stores has sales, else the write-off value.
 * A median of zero compares with nothing (too little data to call anything "far above").
 */
export function detectStoreShrink(rows: readonly StoreShrink[], t: AnomalyThresholds, names: Names): Anomaly[] {
  const found: Anomaly[] = []
  for (const region of groupBy(rows, (r) => r.regionId).values()) {
    const byShare = region.every((r) => r.salesValue > 0)
    const measure = (r: StoreShrink) => (byShare ? r.writeOffValue / r.salesValue : r.writeOffValue)
    for (const store of region) {
      const peers = region.filter((r) => r.storeId !== store.storeId)
      if (peers.length < t.shrinkMinPeers) continue
      const peerMedian = median(peers.map(measure))
      const value = measure(store)
      if (peerMedian <= 0 || value <= t.shrinkFactor * peerMedian) continue
      const shown = (v: number) => (byShare ? `${(v * 100).toFixed(2)}% of sales` : money(v))
      found.push({
        kind: 'store_shrink_outlier',
        storeId: store.storeId,
        userIds: [],
        itemId: null,
        explanation:
          `${names.store(store.storeId)} wrote off ${shown(value)}, ${(value / peerMedian).toFixed(1)}× the median of the other ` +
          `${plural(peers.length, 'store')} of its region (${shown(peerMedian)}); the threshold is ${t.shrinkFactor}×.`,
        correctionIds: store.correctionIds,
        metrics: {
          measure: byShare ? 'shrink_pct_of_sales' : 'write_off_value',
          value: byShare ? Math.round(value * 10_000) / 100 : value,
          peerMedian: byShare ? Math.round(peerMedian * 10_000) / 100 : peerMedian,
          ratio: Math.round((value / peerMedian) * 100) / 100,
          peers: peers.length,
          factor: t.shrinkFactor,
          writeOffValue: store.writeOffValue,
          salesValue: store.salesValue,
        },
      })
    }
  }
  return found
}
