import { describe, expect, it } from 'vitest'
import {
  candidateUtcRanges,
  detectAfterOwnCount,
  detectJustUnderThreshold,
  detectOutsideHours,
  detectPairConcentration,
  detectRepeatedWriteOffs,
  detectStoreShrink,
  justUnder,
  localTime,
  median,
  offsetMinutes,
  outsideHours,
  type Names,
} from '../../server/core/anomalies/detectors'
import { DEFAULT_THRESHOLDS as T } from '../../server/core/anomalies/thresholds'

const names: Names = { store: (id) => id, person: (id) => id, item: (id) => id }
const policy = { leadMax: 5000, storeManagerMax: 50000 }

describe('pure helpers', () => {
  it.each([
    [4500, 'leadMax'],
    [5000, 'leadMax'],
    [4499, null],
    [5001, null],
    [45000, 'storeManagerMax'],
    [50000, 'storeManagerMax'],
    [50001, null],
    [0, null],
  ] as const)('justUnder(%i) → %s', (value, expected) => {
    expect(justUnder(value, policy, 0.1)).toBe(expected)
  })

  it.each([
    ['07:29', '08:00', '20:00', 30, true],
    ['07:30', '08:00', '20:00', 30, false],
    ['20:30', '08:00', '20:00', 30, false],
    ['20:31', '08:00', '20:00', 30, true],
    ['03:00', '08:00', '20:00', 0, true],
    // Overnight opening hours wrap midnight.
    ['23:00', '18:00', '02:00', 0, false],
    ['01:59', '18:00', '02:00', 0, false],
    ['02:01', '18:00', '02:00', 0, true],
    ['12:00', '18:00', '02:00', 0, true],
    // Equal opening and closing: open around the clock.
    ['03:00', '00:00', '00:00', 0, false],
  ] as const)('outsideHours(%s, %s–%s, grace %i) → %s', (local, opensAt, closesAt, grace, expected) => {
    expect(outsideHours(local, { timezone: 'UTC', opensAt, closesAt }, grace)).toBe(expected)
  })

  it('converts to store time across daylight saving time', () => {
    expect(localTime('2026-10-20T06:15:00.000Z', 'Europe/Berlin')).toBe('08:15')
    expect(localTime('2026-10-26T06:15:00.000Z', 'Europe/Berlin')).toBe('07:15')
    expect(localTime('2026-10-26T06:15:00.000Z', 'America/New_York')).toBe('02:15')
    expect(offsetMinutes(new Date('2026-07-01T12:00:00Z'), 'Europe/Berlin')).toBe(120)
    expect(offsetMinutes(new Date('2026-12-01T12:00:00Z'), 'Europe/Berlin')).toBe(60)
    expect(offsetMinutes(new Date('2026-12-01T12:00:00Z'), 'Asia/Kolkata')).toBe(330)
  })

  it('pre-selects every UTC minute that could be outside the hours under any offset, and no minute that cannot', () => {
    const hours = { timezone: 'Europe/Berlin', opensAt: '08:00', closesAt: '20:00' }
    const ranges = candidateUtcRanges(hours, [60, 120], 30)
    const inRanges = (u: number) => ranges.some(([a, b]) => u >= a && u <= b)
    const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
    for (let u = 0; u < 1440; u++) {
      const maybe = [60, 120].some((o) => outsideHours(hhmm((u + o) % 1440), hours, 30))
      expect(inRanges(u), `minute ${u}`).toBe(maybe)
    }
    // 07:30–20:30 local (hours with grace) is 06:30–18:30 UTC in both winter (+1) and summer (+2).
    expect([6 * 60 + 29, 6 * 60 + 30, 18 * 60 + 30, 18 * 60 + 31].map(inRanges)).toEqual([true, false, false, true])
  })

  it('median of odd, even and empty lists', () => {
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([])).toBe(0)
  })
})

describe('detectors on hand-made rows', () => {
  it('pair concentration: above the share with enough corrections, not at or below it', () => {
    const row = { storeId: 's', enteredBy: 'e', decidedBy: 'd', ids: ['a', 'b'] }
    expect(detectPairConcentration([{ ...row, pairCount: 6, storeCount: 10 }], T, names)).toHaveLength(1)
    expect(detectPairConcentration([{ ...row, pairCount: 5, storeCount: 10 }], T, names)).toEqual([])
    expect(detectPairConcentration([{ ...row, pairCount: 4, storeCount: 5 }], T, names)).toEqual([])
    expect(detectPairConcentration([{ ...row, pairCount: 9, storeCount: 9 }], T, names)).toEqual([])
  })

  it('just under a threshold: needs nearMinCount near ones per person and store', () => {
    const policies = new Map([['s', policy]])
    const rows = [4800, 4900, 4950, 1000].map((v, i) => ({ id: `c${i}`, storeId: 's', enteredBy: 'e', tierValue: v }))
    const [found] = detectJustUnderThreshold(rows, policies, T, names)
    expect(found?.correctionIds).toEqual(['c0', 'c1', 'c2'])
    expect(found?.metrics.enteredCount).toBe(4)
    expect(detectJustUnderThreshold(rows.slice(1), policies, T, names)).toEqual([])
    expect(detectJustUnderThreshold(rows.map((r) => ({ ...r, enteredBy: r.id })), policies, T, names)).toEqual([])
  })

  it('repeated write-offs: distinct corrections of one item by one person', () => {
    const group = { storeId: 's', enteredBy: 'e', itemId: 'i', units: 4 }
    expect(detectRepeatedWriteOffs([{ ...group, ids: ['a', 'b', 'c'] }], T, names)).toHaveLength(1)
    expect(detectRepeatedWriteOffs([{ ...group, ids: ['a', 'b', 'b'] }], T, names)).toEqual([])
  })

  it('after an own count: only within the window after the count', () => {
    const row = { correctionId: 'c', storeId: 's', enteredBy: 'e', itemId: 'i', countId: 'k', countedAt: '2026-10-01T09:00:00.000Z' }
    expect(detectAfterOwnCount([{ ...row, enteredAt: '2026-10-02T09:00:00.000Z' }], T, names)).toHaveLength(1)
    expect(detectAfterOwnCount([{ ...row, enteredAt: '2026-10-02T09:00:01.000Z' }], T, names)).toEqual([])
    expect(detectAfterOwnCount([{ ...row, enteredAt: '2026-10-01T08:59:59.000Z' }], T, names)).toEqual([])
  })

  it('outside store hours: in the store time zone', () => {
    const stores = new Map([['s', { timezone: 'Europe/Berlin', opensAt: '08:00', closesAt: '20:00' }]])
    const row = { id: 'c', storeId: 's', enteredBy: 'e', decidedBy: 'd' }
    expect(detectOutsideHours([{ ...row, decidedAt: '2026-10-26T06:15:00.000Z' }], stores, T, names)).toHaveLength(1)
    expect(detectOutsideHours([{ ...row, decidedAt: '2026-10-20T06:15:00.000Z' }], stores, T, names)).toEqual([])
  })

  it('store shrink: against the median of the other stores, by share of sales or by value', () => {
    const store = (storeId: string, writeOffValue: number, salesValue = 100_000) => ({ storeId, regionId: 'r', writeOffValue, salesValue, correctionIds: [] })
    const flagged = detectStoreShrink([store('a', 1000), store('b', 1000), store('c', 2001)], T, names)
    expect(flagged.map((f) => [f.storeId, f.metrics.measure])).toEqual([['c', 'shrink_pct_of_sales']])
    expect(detectStoreShrink([store('a', 1000), store('b', 1000), store('c', 2000)], T, names)).toEqual([])
    // Without sales everywhere, value is compared; one peer only is too few by default.
    expect(detectStoreShrink([store('a', 1000, 0), store('b', 1000), store('c', 5000)], T, names)[0]?.metrics.measure).toBe('write_off_value')
    expect(detectStoreShrink([store('a', 1000), store('c', 5000)], T, names)).toEqual([])
    expect(detectStoreShrink([store('a', 0), store('b', 0), store('c', 5000)], T, names)).toEqual([])
  })
})
