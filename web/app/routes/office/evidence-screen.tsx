import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { Badge } from '../../../components/ui/badge'
import { Select } from '../../../components/ui/select'
import { useSession } from '../../../features/auth/api/use-session'
import { evidenceLinks, useEvidence } from '../../../features/evidence/api/evidence'
import { periodFrom, PRESETS, presetOf, presetPeriod } from '../../../features/reports/lib/period'
import { regionsOf } from '../../../features/reports/lib/scope'
import { Alert } from '../../../components/ui/alert'
import { Button } from '../../../components/ui/button'
import { Card } from '../../../components/ui/card'
import { Input } from '../../../components/ui/input'
import { useVerifyChain } from '../../../features/evidence/api/audit'
import { useFormat } from '../../../i18n/format'
import { can } from '../../../lib/authorization'
import { useCurrentStore } from '../../guards'
import { SectionGate } from './section-gate'
import { ErrorAlert } from '../../../components/ui/error-alert'

export function EvidenceScreen() {
  return (
    <SectionGate section="evidence">
      <Evidence />
    </SectionGate>
  )
}

const ANCHOR = /^\d{1,15}:[0-9a-f]{64}$/

/** For auditors: is the audit trail intact, and the anchor to keep for the next check. */
function Evidence() {
  const { t } = useTranslation()
  const store = useCurrentStore()
  return (
    <div className="screen screen-padded">
      <header className="screen-head">
        <h1 className="screen-title">{t('office.evidence.title')}</h1>
        <p className="screen-sub">{t('office.evidence.lead')}</p>
      </header>
      <div className="report-grid">
        {can(store, 'evidence.export') && <EvidenceExport />}
        {can(store, 'audit.read') && <ChainCheck />}
      </div>
    </div>
  )
}

function ChainCheck() {
  const { t } = useTranslation()
  const f = useFormat()
  const [anchorText, setAnchorText] = useState('')
  const anchor = anchorText.trim()
  const valid = anchor === '' || ANCHOR.test(anchor)
  const verify = useVerifyChain(valid && anchor ? anchor : null)
  const result = verify.data
  return (
    <Card title={t('office.evidence.chainTitle')}>
      <p className="muted card-lead">{t('office.evidence.chainText')}</p>
      <div className="step-up">
        <Input
          label={t('office.evidence.anchor')}
          hint={t('office.evidence.anchorHint')}
          value={anchorText}
          onChange={(e) => setAnchorText(e.target.value)}
          spellCheck={false}
          autoComplete="off"
          error={valid ? undefined : t('office.evidence.anchorInvalid')}
        />
        <div>
          <Button variant="primary" onClick={() => void verify.refetch()} loading={verify.isFetching} disabled={!valid}>
            {t('office.evidence.verify')}
          </Button>
        </div>
        {verify.isError && <ErrorAlert title={t('errors.genericTitle')} error={verify.error} />}
        {result && (
          <Alert
            tone={result.ok ? 'success' : 'danger'}
            title={result.ok ? t('office.evidence.intact', { count: result.events }) : t('office.evidence.broken', { count: result.problems.length })}
          >
            {result.checkedAgainst && <p>{t('office.evidence.checkedAgainst', { seq: result.checkedAgainst.seq })}</p>}
            {result.problems.length > 0 && (
              <ul className="row-errors">
                {result.problems.slice(0, 20).map((p) => (
                  <li key={`${p.seq}-${p.problem}`}>
                    #{p.seq}: {p.message}
                  </li>
                ))}
              </ul>
            )}
          </Alert>
        )}
        {result && (
          <div className="field">
            <span className="field-label">{t('office.evidence.head')}</span>
            <code className="secret-box" data-testid="audit-anchor">
              {result.head.seq}:{result.head.hash}
            </code>
            <span className="field-hint">{t('office.evidence.headHint', { at: result.head.at ? f.dateTime(result.head.at) : '—' })}</span>
          </div>
        )}
      </div>
    </Card>
  )
}

const SOD_KEYS = ['confirmed_by_enterer', 'confirmer_without_role', 'confirmed_above_tier', 'counter_confirmed_own_count', 'confirmer_administered_by_enterer', 'confirmer_disabled', 'audit_event_missing', 'movements_mismatch'] as const
type SodKey = (typeof SOD_KEYS)[number]
const knownSod = (k: string): k is SodKey => (SOD_KEYS as readonly string[]).includes(k)

/**
 * The auditor's export for a period and stores: every confirmed correction with both people, roles,
 * times, value, reason and audit position — as CSV, and as a printable report (print to PDF). The
 * summary below checks segregation of duties (each check must find nothing) and the chain.
 */
function EvidenceExport() {
  const { t } = useTranslation()
  const f = useFormat()
  const me = useSession()
  const store = useCurrentStore()
  const [search, setSearch] = useSearchParams()
  const period = periodFrom(search)
  const stores = me.stores.filter((s) => can(s, 'evidence.export'))
  const regions = regionsOf(stores)
  const regionId = regions.some((r) => r.id === search.get('regionId')) ? search.get('regionId')! : ''
  const inRegion = stores.filter((s) => !regionId || s.regionId === regionId)
  // Ticked stores (none ticked: every store of the region, or all my stores).
  const chosen = (search.get('storeIds') ?? '').split(',').filter((id) => inRegion.some((s) => s.id === id))
  const params = { ...period, ...(regionId ? { regionId } : {}), ...(chosen.length ? { storeIds: chosen.join(',') } : {}) }
  const links = evidenceLinks(params)
  const evidence = useEvidence(params)
  const toggle = (id: string, on: boolean) => set({ storeIds: (on ? [...chosen, id] : chosen.filter((c) => c !== id)).join(',') })
  const preset = presetOf(period)
  const set = (changes: Record<string, string>) =>
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev)
        for (const [k, v] of Object.entries(changes)) v ? next.set(k, v) : next.delete(k)
        return next
      },
      { replace: true },
    )
  const result = evidence.data
  return (
    <Card title={t('office.evidence.exportTitle')}>
      <p className="muted card-lead">{t('office.evidence.exportText')}</p>
      <div className="step-up">
        <Select
          label={t('office.reports.period')}
          value={preset ?? 'custom'}
          onChange={(e) => e.target.value !== 'custom' && set(presetPeriod(Number(e.target.value)))}
          options={[...PRESETS.map((p) => ({ value: p, label: t(`office.reports.presets.${p}`) })), { value: 'custom', label: t('office.reports.presets.custom') }]}
        />
        <div className="two-up">
          <Input label={t('office.reports.from')} type="date" value={period.from} max={period.to} onChange={(e) => e.target.value && set({ from: e.target.value, to: period.to })} />
          <Input label={t('office.reports.to')} type="date" value={period.to} min={period.from} onChange={(e) => e.target.value && set({ from: period.from, to: e.target.value })} />
        </div>
        {regions.length > 1 && (
          <Select
            label={t('office.evidence.region')}
            value={regionId}
            onChange={(e) => set({ regionId: e.target.value, storeIds: '' })}
            options={[
              { value: '', label: t('office.evidence.allRegions') },
              ...regions.map((r) => ({ value: r.id, label: t('office.reports.regionOption', { name: r.name, count: r.storeCount }) })),
            ]}
          />
        )}
        {inRegion.length > 1 && (
          <fieldset className="store-picks">
            <legend className="field-label">{t('office.evidence.stores')}</legend>
            <p className="field-hint">{chosen.length ? t('office.evidence.storesChosen', { count: chosen.length }) : t('office.evidence.storesAll', { count: inRegion.length })}</p>
            {inRegion.map((s) => (
              <label key={s.id} className="check">
                <input type="checkbox" checked={chosen.includes(s.id)} onChange={(e) => toggle(s.id, e.target.checked)} />
                {s.code} · {s.name}
              </label>
            ))}
          </fieldset>
        )}
        <div className="decision-actions">
          <a className="btn btn-primary btn-md" href={links.csv} download data-testid="evidence-csv">
            <span className="btn-label">{t('office.evidence.csv')}</span>
          </a>
          <a className="btn btn-secondary btn-md" href={links.html} target="_blank" rel="noopener" data-testid="evidence-html">
            <span className="btn-label">{t('office.evidence.html')}</span>
          </a>
          <Button onClick={() => void evidence.refetch()} loading={evidence.isFetching}>
            {t('office.evidence.check')}
          </Button>
        </div>
        {evidence.isError && <ErrorAlert title={t('errors.genericTitle')} error={evidence.error} />}
        {result && (
          <>
            <Alert
              tone={result.segregationOfDuties.ok && result.chain.ok ? 'success' : 'danger'}
              title={result.segregationOfDuties.ok && result.chain.ok ? t('office.evidence.held') : t('office.evidence.notHeld')}
            >
              {t('office.evidence.summary', { count: result.corrections, value: f.money(result.totalValue), seq: result.exportAuditSeq })}
            </Alert>
            <ul className="simple-list" aria-label={t('office.evidence.sodLabel')}>
              {result.segregationOfDuties.checks.map((c) => (
                <li key={c.check}>
                  <span className="cell-title">{knownSod(c.check) ? t(`office.evidence.sod.${c.check}`) : c.description}</span>
                  <span className="cell-sub">
                    {c.count > 0 ? (
                      <Link to={`/stores/${store.id}/office/review?${new URLSearchParams({ ids: c.correctionIds.join(',') })}`}>
                        {t('office.anomalies.show', { count: c.count })}
                      </Link>
                    ) : (
                      t('office.evidence.none')
                    )}
                  </span>
                  <Badge tone={c.ok ? 'success' : 'danger'}>{c.ok ? '0' : f.number(c.count)}</Badge>
                </li>
              ))}
              <li>
                <span className="cell-title">{t('office.evidence.chainRow')}</span>
                <span className="cell-sub">{result.chain.head ? `${result.chain.head.seq}:${result.chain.head.hash.slice(0, 16)}…` : '—'}</span>
                <Badge tone={result.chain.ok ? 'success' : 'danger'}>{result.chain.ok ? t('office.evidence.ok') : t('office.evidence.brokenShort')}</Badge>
              </li>
            </ul>
          </>
        )}
      </div>
    </Card>
  )
}
