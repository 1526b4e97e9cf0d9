import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import type { Anomaly } from '../../../web/features/reports/api/get-anomalies'
import { anomalyText } from '../../../web/features/reports/lib/anomaly-text'
import { categoryLabel } from '../../../web/features/reports/lib/categories'
import { createFormatters } from '../../../web/i18n/format'

const base = {
  storeId: 'st-1',
  storeCode: 'F001',
  storeName: 'Altona',
  userIds: ['u-1'],
  people: [{ id: 'u-1', name: 'Mehmet Yılmaz' }],
  itemId: null,
  itemName: null,
  explanation: 'SERVER ENGLISH',
  correctionIds: ['c-1'],
  correctionCount: 1,
  drill: {},
}

/** One finding of every kind, with the metrics the server's detectors send. */
const findings: Anomaly[] = [
  {
    ...base,
    kind: 'pair_concentration',
    userIds: ['u-1', 'u-2'],
    people: [{ id: 'u-1', name: 'Mehmet Yılmaz' }, { id: 'u-2', name: 'Jonas Becker' }],
    metrics: { pairCorrections: 9, storeCorrections: 12, share: 0.75, threshold: 0.5 },
  },
  { ...base, kind: 'just_under_threshold', metrics: { nearCount: 4, nearLeadMax: 3, nearStoreManagerMax: 1, enteredCount: 6, band: 0.1, leadMax: 5_000, storeManagerMax: 50_000 } },
  { ...base, kind: 'repeated_write_off', itemId: 'it-1', itemName: 'Vollmilch 1 l', metrics: { corrections: 3, units: 1, threshold: 3 } },
  { ...base, kind: 'after_own_count', itemId: 'it-1', itemName: 'Vollmilch 1 l', metrics: { corrections: 2, items: 1, fastestMinutes: 35, windowHours: 24 } },
  {
    ...base,
    kind: 'outside_store_hours',
    metrics: { corrections: 2, opensAt: '08:00', closesAt: '20:00', timezone: 'Europe/Berlin', graceMinutes: 30, localTimes: '22:15, 23:40' },
  },
  {
    ...base,
    kind: 'store_shrink_outlier',
    userIds: [],
    people: [],
    metrics: { measure: 'shrink_pct_of_sales', value: 4.66, peerMedian: 0.67, ratio: 6.96, peers: 3, factor: 2, writeOffValue: 46_600, salesValue: 1_000_000 },
  },
]

describe('anomalies in words', () => {
  it('English, from the figures', () => {
    const t = i18next.getFixedT('en')
    const f = createFormatters('en')
    expect(findings.map((a) => anomalyText(t, f, a))).toEqual([
      'At Altona (F001), 9 of 12 confirmed corrections (75%) were entered by Mehmet Yılmaz and confirmed by Jonas Becker — more than 50% for one pair. Four eyes only help if the second pair of eyes varies.',
      'At Altona (F001), Mehmet Yılmaz entered 4 corrections valued within 10% below an approval limit (3 just under the shift-lead limit of €50.00, 1 just under the store-manager limit of €500.00) out of 6 in the period. Staying just under a limit keeps a correction away from a more senior approver.',
      'At Altona (F001), Mehmet Yılmaz wrote off Vollmilch 1 l in 3 separate corrections (1 unit in total). Repeated write-offs of one item by one person can hide theft.',
      'At Altona (F001), Mehmet Yılmaz entered 2 corrections within 24 h after counting the same item (Vollmilch 1 l) themselves — the quickest 35 min later. Whoever counted knows what the system expects; a separate correction right after can cover a gap.',
      'At Altona (F001), Mehmet Yılmaz confirmed 2 corrections outside store hours (08:00–20:00 Europe/Berlin, 30 min grace), at 22:15, 23:40 local time. Nobody is there to look at the goods then.',
      'Altona (F001) wrote off 4.66 % of sales, 7× the median of the other 3 stores of its region (0.67 % of sales); the threshold is 2×.',
    ])
  })

  it('German, with German numbers and money, and no English or raw key left', () => {
    const t = i18next.getFixedT('de')
    const f = createFormatters('de')
    const texts = findings.map((a) => anomalyText(t, f, a))
    // Intl writes German percentages and amounts with a no-break space.
    expect(texts[0]!.replace(/\u00a0/g, ' ')).toBe(
      'In Altona (F001) wurden 9 von 12 bestätigten Korrekturen (75 %) von Mehmet Yılmaz erfasst und von Jonas Becker bestätigt – mehr als 50 % für ein Paar. Vier Augen helfen nur, wenn das zweite Paar wechselt.',
    )
    expect(texts[1]!.replace(/\u00a0/g, ' ')).toContain('3 knapp unter der Grenze der Schichtleitung von 50,00 €')
    expect(texts[5]).toContain('4,66 % des Umsatzes')
    for (const text of texts) {
      expect(text).not.toMatch(/office\.|SERVER ENGLISH|\b(At|corrections|confirmed|wrote off)\b/)
    }
  })

  it('keeps the server sentence when the figures are missing', () => {
    expect(anomalyText(i18next.getFixedT('de'), createFormatters('de'), { ...findings[0]!, metrics: {} })).toBe('SERVER ENGLISH')
  })

  it('categories of the catalog in both languages, unknown ones as they are', () => {
    expect(categoryLabel(i18next.getFixedT('en'), 'groceries')).toBe('Groceries')
    expect(categoryLabel(i18next.getFixedT('de'), 'groceries')).toBe('Lebensmittel')
    expect(categoryLabel(i18next.getFixedT('de'), 'garden')).toBe('garden')
  })
})
