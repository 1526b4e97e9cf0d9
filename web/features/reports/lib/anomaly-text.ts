import type { TFunction } from 'i18next'
import type { Formatters } from '../../../i18n/format'
import type { Anomaly } from '../api/get-anomalies'

const num = (m: Anomaly['metrics'], k: string) => (typeof m[k] === 'number' ? m[k] : null)
const str = (m: Anomaly['metrics'], k: string) => (typeof m[k] === 'string' ? m[k] : null)

/**
 * A finding in the UI language, worded from its `kind` and `metrics` (the server's `explanation` is
 * English, for API users). A finding whose figures are missing keeps the server's sentence.
 */
export function anomalyText(t: TFunction, f: Formatters, a: Anomaly): string {
  const m = a.metrics
  const store = `${a.storeName} (${a.storeCode})`
  const person = a.people[0]?.name ?? '—'
  const share = (x: number) => new Intl.NumberFormat(f.locale, { style: 'percent', maximumFractionDigits: 0 }).format(x)
  const decimal = (x: number, digits: number) => new Intl.NumberFormat(f.locale, { maximumFractionDigits: digits }).format(x)
  switch (a.kind) {
    case 'pair_concentration': {
      const [pair, total, ratio, threshold] = [num(m, 'pairCorrections'), num(m, 'storeCorrections'), num(m, 'share'), num(m, 'threshold')]
      if (pair === null || total === null || ratio === null || threshold === null || a.people.length < 2) break
      return t('office.anomalies.text.pair_concentration', {
        store,
        count: total,
        pair: f.number(pair),
        total: f.number(total),
        share: share(ratio),
        enterer: a.people[0]!.name,
        confirmer: a.people[1]!.name,
        threshold: share(threshold),
      })
    }
    case 'just_under_threshold': {
      const [near, entered, band, leadMax, managerMax] = [num(m, 'nearCount'), num(m, 'enteredCount'), num(m, 'band'), num(m, 'leadMax'), num(m, 'storeManagerMax')]
      if (near === null || entered === null || band === null || leadMax === null || managerMax === null) break
      const underLead = num(m, 'nearLeadMax')
      const underManager = num(m, 'nearStoreManagerMax')
      const which =
        underLead === null || underManager === null
          ? t('office.anomalies.text.limits', { lead: f.money(leadMax), manager: f.money(managerMax) })
          : [
              underLead > 0 ? t('office.anomalies.text.underLead', { count: underLead, limit: f.money(leadMax) }) : '',
              underManager > 0 ? t('office.anomalies.text.underManager', { count: underManager, limit: f.money(managerMax) }) : '',
            ]
              .filter(Boolean)
              .join(', ')
      return t('office.anomalies.text.just_under_threshold', { store, person, count: near, total: f.number(entered), band: share(band), which })
    }
    case 'repeated_write_off': {
      const [corrections, units] = [num(m, 'corrections'), num(m, 'units')]
      if (corrections === null || units === null) break
      return t('office.anomalies.text.repeated_write_off', {
        store,
        person,
        item: a.itemName ?? t('office.anomalies.text.oneItem'),
        count: corrections,
        units: t('office.anomalies.text.units', { count: units }),
      })
    }
    case 'after_own_count': {
      const [corrections, items, fastest, hours] = [num(m, 'corrections'), num(m, 'items'), num(m, 'fastestMinutes'), num(m, 'windowHours')]
      if (corrections === null || items === null || fastest === null || hours === null) break
      const what = items === 1 && a.itemName ? t('office.anomalies.text.sameItem', { item: a.itemName }) : t('office.anomalies.text.sameItems', { count: items })
      return t('office.anomalies.text.after_own_count', { store, person, count: corrections, hours: f.number(hours), what, minutes: f.number(fastest) })
    }
    case 'outside_store_hours': {
      const [corrections, grace] = [num(m, 'corrections'), num(m, 'graceMinutes')]
      const [opens, closes, timezone] = [str(m, 'opensAt'), str(m, 'closesAt'), str(m, 'timezone')]
      if (corrections === null || grace === null || !opens || !closes || !timezone) break
      const times = str(m, 'localTimes')
      return t(times ? 'office.anomalies.text.outside_store_hours' : 'office.anomalies.text.outside_store_hours_noTimes', {
        store,
        person,
        count: corrections,
        opens,
        closes,
        timezone,
        grace: f.number(grace),
        times: times ?? '',
      })
    }
    case 'store_shrink_outlier': {
      const [value, median, ratio, peers, factor] = [num(m, 'value'), num(m, 'peerMedian'), num(m, 'ratio'), num(m, 'peers'), num(m, 'factor')]
      const measure = str(m, 'measure')
      if (value === null || median === null || ratio === null || peers === null || factor === null || !measure) break
      const shown = (x: number) => (measure === 'shrink_pct_of_sales' ? t('office.anomalies.text.ofSales', { pct: `${decimal(x, 2)} %` }) : f.money(x))
      return t('office.anomalies.text.store_shrink_outlier', {
        store,
        value: shown(value),
        ratio: decimal(ratio, 1),
        count: peers,
        median: shown(median),
        factor: decimal(factor, 2),
      })
    }
  }
  return a.explanation
}
