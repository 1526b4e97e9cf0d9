import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { AlertIcon } from '../../../components/ui/icons'
import { useFormat } from '../../../i18n/format'
import type { Anomaly } from '../api/get-anomalies'
import { anomalyText } from '../lib/anomaly-text'

const KINDS = ['pair_concentration', 'just_under_threshold', 'repeated_write_off', 'after_own_count', 'outside_store_hours', 'store_shrink_outlier'] as const
type Kind = (typeof KINDS)[number]
const known = (k: string): k is Kind => (KINDS as readonly string[]).includes(k)

/**
 * Each anomaly in words: what pattern, where, who, and a link to exactly the corrections behind it.
 * The heading says which pattern it is; the sentence gives the figures in the UI language.
 */
export function AnomalyList({ anomalies, hrefFor }: { anomalies: Anomaly[]; hrefFor: (a: Anomaly) => string }) {
  const { t } = useTranslation()
  const f = useFormat()
  if (anomalies.length === 0) return <p className="muted">{t('office.anomalies.none')}</p>
  return (
    <ul className="anomalies" aria-label={t('office.anomalies.title')}>
      {anomalies.map((a, i) => (
        <li key={`${a.kind}-${a.storeId}-${i}`} className="anomaly" data-testid="anomaly">
          <span className="anomaly-icon" aria-hidden="true">
            <AlertIcon />
          </span>
          <div className="anomaly-body">
            <p className="anomaly-title">
              {known(a.kind) ? t(`office.anomalies.kinds.${a.kind}`) : a.kind} · {a.storeCode} {a.storeName}
            </p>
            <p className="anomaly-text">{anomalyText(t, f, a)}</p>
            {a.people.length > 0 && <p className="cell-sub">{a.people.map((p) => p.name).join(' · ')}</p>}
            <Link to={hrefFor(a)} className="anomaly-link">
              {t('office.anomalies.show', { count: a.correctionCount })}
            </Link>
          </div>
        </li>
      ))}
    </ul>
  )
}
