import { Fragment, useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { THRESHOLD_NAMES, THRESHOLD_SPECS, validThreshold, type ThresholdName } from '../../../../server/core/anomalies/rules'
import { Alert } from '../../../components/ui/alert'
import { Badge } from '../../../components/ui/badge'
import { Button } from '../../../components/ui/button'
import { Card } from '../../../components/ui/card'
import { Input } from '../../../components/ui/input'
import { Spinner } from '../../../components/ui/spinner'
import {
  type AnomalyThresholdInput,
  type AnomalyThresholdSettings,
  useAnomalyThresholds,
  useResetAnomalyThresholds,
  useSetAnomalyThresholds,
} from '../../../features/admin/api/anomaly-thresholds'
import { useSession } from '../../../features/auth/api/use-session'
import { useFormat } from '../../../i18n/format'
import { LoadError } from './corrections-screen'

/** The thresholds grouped by the detector they tune (the group titles are the anomaly kinds' names). */
const GROUPS: ReadonlyArray<{ kind: 'pair_concentration' | 'just_under_threshold' | 'repeated_write_off' | 'after_own_count' | 'outside_store_hours' | 'store_shrink_outlier'; names: ThresholdName[] }> = [
  { kind: 'pair_concentration', names: ['pairMaxShare', 'pairMinStoreCorrections', 'pairMinPairCorrections'] },
  { kind: 'just_under_threshold', names: ['nearBand', 'nearMinCount'] },
  { kind: 'repeated_write_off', names: ['repeatMinCount'] },
  { kind: 'after_own_count', names: ['countWindowHours'] },
  { kind: 'outside_store_hours', names: ['hoursGraceMinutes'] },
  { kind: 'store_shrink_outlier', names: ['shrinkFactor', 'shrinkMinPeers'] },
]

/** Shares are fractions on the wire (0.5) and percentages in the form (50). */
const PERCENT = new Set<ThresholdName>(['pairMaxShare', 'nearBand'])
const toForm = (name: ThresholdName, value: number) => (PERCENT.has(name) ? Math.round(value * 100 * 1e6) / 1e6 : value)
const fromForm = (name: ThresholdName, value: number) => (PERCENT.has(name) ? Math.round((value / 100) * 1e9) / 1e9 : value)

type Edits = Partial<Record<ThresholdName, string>>

/** A typed number, with a decimal comma or point; null when it is not a number at all. */
export function parseNumber(text: string): number | null {
  const t = text.trim().replace(',', '.')
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null
  return Number(t)
}

/** The value of a field as the API wants it, or null when what was typed is not allowed. */
function fieldValue(name: ThresholdName, text: string): number | null {
  const n = parseNumber(text)
  if (n === null) return null
  const value = fromForm(name, n)
  return validThreshold(name, value) ? value : null
}

/**
 * The body to save: every threshold that differs from its default (the defaults stay in code, so a
 * threshold set back to its default follows any later change of it). Null while a field is invalid.
 */
export function thresholdsBody(effective: Record<ThresholdName, number>, defaults: Record<ThresholdName, number>, edits: Edits): AnomalyThresholdInput | null {
  const body: Partial<Record<ThresholdName, number>> = {}
  for (const name of THRESHOLD_NAMES) {
    const text = edits[name]
    const value = text === undefined ? effective[name] : fieldValue(name, text)
    if (value === null) return null
    if (value !== defaults[name]) body[name] = value
  }
  return body
}

/**
 * The chain's anomaly thresholds (GET /reports/anomalies uses them; a report request may still set its
 * own). Administrators (policy.manage) edit them; those who read anomaly reports see them.
 */
export function AnomalyThresholdsCard() {
  const me = useSession()
  const canRead = me.chainActions.includes('policy.read') || me.chainActions.includes('policy.manage')
  return canRead ? <Thresholds canManage={me.chainActions.includes('policy.manage')} /> : null
}

function Thresholds({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation()
  const settings = useAnomalyThresholds()
  return (
    <Card title={t('office.anomalyThresholds.title')}>
      <p className="muted card-lead">{t('office.anomalyThresholds.text')}</p>
      {settings.isPending ? (
        <Spinner label={t('common.loading')} />
      ) : settings.isError ? (
        <LoadError onRetry={() => void settings.refetch()} />
      ) : canManage ? (
        <ThresholdsForm data={settings.data} />
      ) : (
        <>
          <Source data={settings.data} />
          <ThresholdFacts data={settings.data} />
          <p className="muted">{t('office.anomalyThresholds.readOnly')}</p>
        </>
      )}
    </Card>
  )
}

function Source({ data }: { data: AnomalyThresholdSettings }) {
  const { t } = useTranslation()
  const f = useFormat()
  const count = Object.keys(data.overrides).length
  return (
    <p data-testid="anomaly-thresholds-source">
      <strong>{count === 0 ? t('office.anomalyThresholds.allDefaults') : t('office.anomalyThresholds.someOwn', { count })}</strong>
      {data.updatedAt && data.updatedByName && <> {t('office.anomalyThresholds.updated', { name: data.updatedByName, at: f.dateTime(data.updatedAt) })}</>}
    </p>
  )
}

/** A threshold in words with its unit, e.g. "50 %", "24 h", "2×". */
function useShow() {
  const { t, i18n } = useTranslation()
  const decimal = (n: number) => (i18n.language === 'de' ? String(n).replace('.', ',') : String(n))
  return {
    decimal,
    value: (name: ThresholdName, value: number) => t(`office.anomalyThresholds.units.${name}`, { value: decimal(toForm(name, value)) }),
  }
}

function ThresholdFacts({ data }: { data: AnomalyThresholdSettings }) {
  const { t } = useTranslation()
  const show = useShow()
  return (
    <dl className="facts">
      {THRESHOLD_NAMES.map((name) => (
        <Fragment key={name}>
          <dt>{t(`office.anomalyThresholds.fields.${name}`)}</dt>
          <dd>
            {show.value(name, data.effective[name])} {data.sources[name] === 'chain' && <Badge tone="info">{t('office.anomalyThresholds.own')}</Badge>}
          </dd>
        </Fragment>
      ))}
    </dl>
  )
}

function ThresholdsForm({ data }: { data: AnomalyThresholdSettings }) {
  const { t } = useTranslation()
  const show = useShow()
  const save = useSetAnomalyThresholds()
  const reset = useResetAnomalyThresholds()
  const [edits, setEdits] = useState<Edits>({})
  const idBase = useId()
  const body = thresholdsBody(data.effective, data.defaults, edits)
  const dirty = THRESHOLD_NAMES.some((name) => edits[name] !== undefined && fieldValue(name, edits[name]) !== data.effective[name])

  const text = (name: ThresholdName) => edits[name] ?? show.decimal(toForm(name, data.effective[name]))
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!body || !dirty) return
    reset.reset()
    save.mutate(body, { onSuccess: () => setEdits({}) })
  }
  const backToDefaults = () => {
    if (!window.confirm(t('office.anomalyThresholds.resetConfirm'))) return
    save.reset()
    reset.mutate(undefined, { onSuccess: () => setEdits({}) })
  }

  return (
    <form className="step-up" onSubmit={submit} noValidate aria-label={t('office.anomalyThresholds.title')}>
      <Source data={data} />
      {data.ignored.length > 0 && <Alert tone="warning" title={t('office.anomalyThresholds.ignoredTitle')}>{t('office.anomalyThresholds.ignored', { names: data.ignored.join(', ') })}</Alert>}
      {GROUPS.map((group) => (
        <div key={group.kind} role="group" aria-labelledby={`${idBase}-${group.kind}`}>
          <h3 id={`${idBase}-${group.kind}`} className="cell-title">
            {t(`office.anomalies.kinds.${group.kind}`)}
          </h3>
          {group.names.map((name) => {
            const spec = THRESHOLD_SPECS[name]
            const invalid = edits[name] !== undefined && fieldValue(name, edits[name]) === null
            const range = { min: show.value(name, spec.min), max: show.value(name, spec.max) }
            return (
              <Input
                key={name}
                label={t(`office.anomalyThresholds.fields.${name}`)}
                inputMode={spec.int ? 'numeric' : 'decimal'}
                value={text(name)}
                onChange={(e) => setEdits((prev) => ({ ...prev, [name]: e.target.value }))}
                hint={
                  <>
                    {t('office.anomalyThresholds.hint', { value: show.value(name, spec.default), ...range })}
                    {data.sources[name] === 'chain' && edits[name] === undefined && <> · {t('office.anomalyThresholds.own')}</>}
                  </>
                }
                error={invalid ? t(spec.int ? 'office.anomalyThresholds.invalidWhole' : 'office.anomalyThresholds.invalid', range) : undefined}
              />
            )
          })}
        </div>
      ))}
      {save.isSuccess && <Alert tone="success" title={t('office.common.saved')}>{t('office.anomalyThresholds.saved')}</Alert>}
      {reset.isSuccess && reset.data.removed && <Alert tone="success" title={t('office.common.saved')}>{t('office.anomalyThresholds.resetDone')}</Alert>}
      {save.isError && <Alert tone="danger" title={t('office.stock.refused')}>{save.error.message}</Alert>}
      {reset.isError && <Alert tone="danger" title={t('office.stock.refused')}>{reset.error.message}</Alert>}
      <div className="item-actions">
        {data.updatedAt !== null && (
          <Button onClick={backToDefaults} loading={reset.isPending} disabled={save.isPending}>
            {t('office.anomalyThresholds.reset')}
          </Button>
        )}
        {Object.keys(edits).length > 0 && (
          <Button onClick={() => setEdits({})} disabled={save.isPending}>
            {t('office.common.reset')}
          </Button>
        )}
        <Button type="submit" variant="primary" loading={save.isPending} disabled={!dirty || body === null || reset.isPending}>
          {t('office.common.save')}
        </Button>
      </div>
    </form>
  )
}
