import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { Card } from '../../../components/ui/card'
import { Input } from '../../../components/ui/input'
import { Segmented } from '../../../components/ui/segmented'
import { Select } from '../../../components/ui/select'
import { Spinner } from '../../../components/ui/spinner'
import { useSession } from '../../../features/auth/api/use-session'
import { MAX_ANOMALY_DAYS, useAnomalies } from '../../../features/reports/api/get-anomalies'
import { useCorrectionReport, type CorrectionReport, type Drill } from '../../../features/reports/api/get-report'
import { AnomalyList } from '../../../features/reports/components/anomaly-list'
import { BarChart, ColumnChart, type Bar } from '../../../features/reports/components/bar-chart'
import { categoryLabel } from '../../../features/reports/lib/categories'
import { periodFrom, PRESETS, presetOf, presetPeriod } from '../../../features/reports/lib/period'
import { regionsOf, scopeParams, scopeValue } from '../../../features/reports/lib/scope'
import { useFormat, type Formatters } from '../../../i18n/format'
import { can } from '../../../lib/authorization'
import { useCurrentStore } from '../../guards'
import { LoadError } from './corrections-screen'
import { SectionGate } from './section-gate'

export function ReportsScreen() {
  return (
    <SectionGate section="reports">
      <Reports />
    </SectionGate>
  )
}

type Metric = 'writeOff' | 'value' | 'count'
/** What every breakdown row has: figures and the drill-down to its corrections. */
type Slice = { writeOffValue: number; value: number; corrections: number; drill: Drill }

const pct = (f: Formatters, n: number | null) => (n === null ? '—' : `${new Intl.NumberFormat(f.locale, { maximumFractionDigits: 2 }).format(n)} %`)

/** Where stock is lost and why, for a period: charts first, every bar leads to its corrections. */
function Reports() {
  const { t, i18n } = useTranslation()
  const f = useFormat()
  const me = useSession()
  const store = useCurrentStore()
  const [search, setSearch] = useSearchParams()
  const period = periodFrom(search)
  const scope = scopeValue(search)
  const { regionId, storeIds } = scopeParams(scope)
  const params = { ...period, ...(storeIds ? { storeIds } : regionId ? { regionId } : {}) }
  const report = useCorrectionReport(params)
  const days = Math.round((Date.parse(period.to) - Date.parse(period.from)) / 86_400_000) + 1
  const anomalies = useAnomalies(params, days <= MAX_ANOMALY_DAYS)
  const [metric, setMetric] = useState<Metric>('writeOff')
  const readable = me.stores.filter((s) => can(s, 'report.read'))
  const regions = regionsOf(readable)
  const preset = presetOf(period)

  const setParams = (changes: Record<string, string | null>) =>
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev)
        for (const [k, v] of Object.entries(changes)) {
          if (v === null || v === '') next.delete(k)
          else next.set(k, v)
        }
        return next
      },
      { replace: true },
    )

  const drillHref = (drill: Drill) => `/stores/${store.id}/office/review?${new URLSearchParams(drill).toString()}`
  const measure = (x: { writeOffValue: number; value: number; corrections: number }) =>
    metric === 'writeOff' ? x.writeOffValue : metric === 'value' ? x.value : x.corrections
  const show = (x: { writeOffValue: number; value: number; corrections: number }) =>
    metric === 'count' ? f.number(x.corrections) : f.money(measure(x))
  const bar = (key: string, label: string, x: Slice, sub?: string): Bar => ({
    key,
    label,
    value: measure(x),
    display: show(x),
    sub: sub ?? t('office.reports.corrections', { count: x.corrections }),
    href: drillHref(x.drill),
    more: t('office.reports.showThem'),
    count: x.corrections,
  })

  return (
    <div className="screen screen-padded">
      <header className="screen-head">
        <h1 className="screen-title">{t('office.reports.title')}</h1>
        <p className="screen-sub">{t('office.reports.lead')}</p>
      </header>

      <div className="filters" role="group" aria-label={t('office.reports.periodLabel')}>
        <Select
          label={t('office.reports.period')}
          value={preset ?? 'custom'}
          onChange={(e) => {
            if (e.target.value !== 'custom') setParams(presetPeriod(Number(e.target.value)))
          }}
          options={[...PRESETS.map((p) => ({ value: p, label: t(`office.reports.presets.${p}`) })), { value: 'custom', label: t('office.reports.presets.custom') }]}
        />
        <Input label={t('office.reports.from')} type="date" value={period.from} max={period.to} onChange={(e) => e.target.value && setParams({ from: e.target.value, to: period.to })} />
        <Input label={t('office.reports.to')} type="date" value={period.to} min={period.from} onChange={(e) => e.target.value && setParams({ from: period.from, to: e.target.value })} />
        {readable.length > 1 && (
          <Select
            label={t('office.reports.scope')}
            value={scope}
            onChange={(e) => setParams(scopeParams(e.target.value))}
            options={[
              { value: '', label: t('office.review.allStores') },
              // One region is the same as all my stores: regions are offered when there are several.
              ...(regions.length > 1 ? regions.map((r) => ({ value: `region:${r.id}`, label: t('office.reports.regionOption', { name: r.name, count: r.storeCount }) })) : []),
              ...readable.map((s) => ({ value: `store:${s.id}`, label: `${s.code} · ${s.name}` })),
            ]}
          />
        )}
      </div>

      {report.isPending ? (
        <Spinner size="lg" label={t('common.loading')} />
      ) : report.isError ? (
        <LoadError onRetry={() => void report.refetch()} />
      ) : (
        <ReportBody report={report.data} metric={metric} setMetric={setMetric} bar={bar} drillHref={drillHref} pct={(n) => pct(f, n)} language={i18n.language} />
      )}

      <Card title={t('office.anomalies.title')}>
        <p className="muted card-lead">{t('office.anomalies.lead')}</p>
        {days > MAX_ANOMALY_DAYS ? (
          <p className="muted">{t('office.anomalies.tooLong', { days: MAX_ANOMALY_DAYS })}</p>
        ) : anomalies.isPending ? (
          <Spinner label={t('common.loading')} />
        ) : anomalies.isError ? (
          <LoadError onRetry={() => void anomalies.refetch()} />
        ) : (
          <>
            <AnomalyList anomalies={anomalies.data.anomalies} hrefFor={(a) => drillHref(a.drill)} />
            <ThresholdsUsed sources={anomalies.data.thresholdSources} />
          </>
        )}
      </Card>
    </div>
  )
}

type BodyProps = {
  report: CorrectionReport
  metric: Metric
  setMetric: (m: Metric) => void
  bar: (key: string, label: string, x: Slice, sub?: string) => Bar
  drillHref: (d: Drill) => string
  pct: (n: number | null) => string
  language: string
}

function ReportBody({ report: r, metric, setMetric, bar, drillHref, pct, language }: BodyProps) {
  const { t } = useTranslation()
  const f = useFormat()
  const empty = t('office.reports.noData')
  const accuracy = r.countAccuracy.totals
  return (
    <>
      <section className="kpis" aria-label={t('office.reports.totals')}>
        <Kpi label={t('office.reports.kpi.writeOff')} value={f.money(r.totals.writeOffValue)} tone="danger" href={drillHref({ ...r.totals.drill, writeOff: 'true' })} />
        <Kpi label={t('office.reports.kpi.shrinkPct')} value={pct(r.totals.shrinkPct)} sub={t('office.reports.kpi.ofSales', { value: f.money(r.totals.salesValue) })} />
        <Kpi label={t('office.reports.kpi.found')} value={f.money(r.totals.foundValue)} tone="success" />
        <Kpi label={t('office.reports.kpi.net')} value={f.money(r.totals.netValue)} />
        <Kpi label={t('office.reports.kpi.corrections')} value={f.number(r.totals.corrections)} href={drillHref(r.totals.drill)} />
        <Kpi
          label={t('office.reports.kpi.accuracy')}
          value={pct(accuracy.accuracyPct)}
          sub={t('office.reports.kpi.accuracySub', { lines: f.number(accuracy.linesCounted), counts: f.number(accuracy.counts) })}
        />
      </section>

      <div className="report-toolbar">
        <Segmented<Metric>
          label={t('office.reports.metric')}
          value={metric}
          onChange={setMetric}
          options={[
            { value: 'writeOff', label: t('office.reports.metrics.writeOff') },
            { value: 'value', label: t('office.reports.metrics.value') },
            { value: 'count', label: t('office.reports.metrics.count') },
          ]}
        />
        <p className="muted">{t('office.reports.drillHint')}</p>
      </div>

      <div className="report-grid">
        <Card title={t('office.reports.byReason')}>
          <BarChart
            label={t('office.reports.byReason')}
            empty={empty}
            bars={r.byReason.map((x) => bar(`reason-${x.reason}`, language === 'de' ? x.labelDe : x.labelEn, x))}
          />
        </Card>
        <Card title={t('office.reports.byStore')}>
          <BarChart
            label={t('office.reports.byStore')}
            empty={empty}
            bars={r.byStore.map((x) => bar(`store-${x.storeId}`, `${x.code} · ${x.name}`, x, t('office.reports.storeSub', { pct: pct(x.shrinkPct), count: x.corrections })))}
          />
        </Card>
        <Card title={t('office.reports.byCategory')}>
          <BarChart label={t('office.reports.byCategory')} empty={empty} bars={r.byCategory.map((x) => bar(`cat-${x.category}`, categoryLabel(t, x.category), x))} />
        </Card>
        <Card title={t('office.reports.byPerson')}>
          <BarChart label={t('office.reports.byPerson')} empty={empty} bars={r.byPerson.map((x) => bar(`person-${x.userId}`, x.name, x))} />
        </Card>
      </div>

      <Card title={t('office.reports.weekly')}>
        <ColumnChart
          label={t('office.reports.weekly')}
          empty={empty}
          columns={r.weekly.map((w) => ({
            key: w.weekStart,
            label: f.date(w.weekStart).replace(/\s?\d{4}$/, ''),
            value: w.writeOffValue,
            display: f.money(w.writeOffValue),
            href: w.corrections > 0 ? drillHref(w.drill) : undefined,
            description: t('office.reports.weekDescription', { from: f.date(w.from), to: f.date(w.to), value: f.money(w.writeOffValue), pct: pct(w.shrinkPct), count: w.corrections }),
          }))}
        />
      </Card>

      <div className="report-grid">
        <Card title={t('office.reports.topItems')}>
          {r.topItems.length === 0 ? (
            <p className="muted">{empty}</p>
          ) : (
            <div className="table-scroll">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('office.detail.item')}</th>
                    <th scope="col" className="num">
                      {t('office.reports.units')}
                    </th>
                    <th scope="col" className="num">
                      {t('office.reports.kpi.writeOff')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {r.topItems.map((i) => (
                    <tr key={i.itemId}>
                      <td>
                        <Link to={drillHref(i.drill)} className="cell-title">
                          {i.name}
                        </Link>
                        <span className="cell-sub">
                          {i.sku} · {categoryLabel(t, i.category)} · {t('office.reports.corrections', { count: i.corrections })}
                        </span>
                      </td>
                      <td className="num">{f.number(i.units)}</td>
                      <td className="num">{f.money(i.writeOffValue)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
        <Card title={t('office.reports.accuracy')}>
          <p className="muted card-lead">{t('office.reports.accuracyText')}</p>
          <BarChart
            label={t('office.reports.accuracy')}
            empty={t('office.reports.noCounts')}
            bars={r.countAccuracy.byStore
              .filter((s) => s.linesCounted > 0)
              .map((s) => ({
                key: s.storeId,
                label: `${s.code} · ${s.name}`,
                value: s.accuracyPct ?? 0,
                display: pct(s.accuracyPct),
                sub: t('office.reports.accuracyRow', { lines: f.number(s.linesCounted), variance: f.number(s.linesWithVariance), value: f.money(s.varianceValue) }),
                href: drillHref(s.drill),
              }))}
          />
        </Card>
      </div>
    </>
  )
}

function Kpi({ label, value, sub, tone, href }: { label: string; value: string; sub?: string; tone?: 'danger' | 'success'; href?: string }) {
  const body = (
    <>
      <span className="stat-label">{label}</span>
      <span className="stat-value">{value}</span>
      {sub && <span className="cell-sub">{sub}</span>}
    </>
  )
  const className = `stat kpi${tone ? ` kpi-${tone}` : ''}`
  return href ? (
    <Link className={`${className} kpi-link`} to={href}>
      {body}
    </Link>
  ) : (
    <div className={className}>{body}</div>
  )
}

/** Which thresholds the anomalies were found with: the chain's own (set under Administration) or the defaults. */
function ThresholdsUsed({ sources }: { sources: Record<string, string> | undefined }) {
  const { t } = useTranslation()
  const own = Object.values(sources ?? {}).filter((source) => source !== 'default').length
  return (
    <p className="muted" data-testid="anomaly-thresholds-used">
      {own === 0 ? t('office.anomalies.thresholdsDefault') : t('office.anomalies.thresholdsChain', { count: own })}
    </p>
  )
}
