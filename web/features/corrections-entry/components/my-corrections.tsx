import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { Badge } from '../../../components/ui/badge'
import { Spinner } from '../../../components/ui/spinner'
import { useFormat } from '../../../i18n/format'
import { useErrorText } from '../../../lib/error-text'
import { usePendingItems } from '../../../lib/outbox-react'
import { useMyCorrections } from '../api/my-corrections'
import { useReasonText } from './reason-label'

const TONE = { pending: 'warning', confirmed: 'success', rejected: 'danger', cancelled: 'neutral' } as const

/** "My corrections": what I entered and its state, including entries still waiting to sync. */
export function MyCorrections({ storeId, detailPath }: { storeId: string; detailPath: (id: string) => string }) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const f = useFormat()
  const list = useMyCorrections(storeId)
  const reasonText = useReasonText()
  const waiting = usePendingItems('correction.enter', (i) => i.storeId === storeId)
  return (
    <section className="stack" aria-labelledby="my-corrections-title">
      <h2 id="my-corrections-title" className="card-title">
        {t('correct.mine')}
      </h2>
      {waiting.length > 0 && (
        <ul className="work-list">
          {waiting.map((w) => (
            <li key={w.id} className="work-row work-row-compact" data-testid="correction-waiting">
              <div className="work-main">
                <p className="work-title">{String(w.meta.summary)}</p>
                <p className="work-sub">{t('correct.units', { count: Number(w.meta.units) })}</p>
                {w.lastError && w.state === 'failed' && <p className="field-error">{errorText(w.lastError)}</p>}
              </div>
              <Badge tone={w.state === 'failed' ? 'danger' : 'warning'}>{w.state === 'failed' ? t('outbox.failed') : t('outbox.waiting')}</Badge>
            </li>
          ))}
        </ul>
      )}
      {list.isPending ? (
        <Spinner label={t('common.loading')} />
      ) : !list.data ? (
        <p className="muted">{t('errors.network')}</p>
      ) : list.data.length === 0 && waiting.length === 0 ? (
        <p className="muted">{t('correct.mineEmpty')}</p>
      ) : (
        <ul className="work-list">
          {list.data.map((c) => (
            <li key={c.id} className="work-row work-row-compact" data-testid="my-correction">
              <Link className="work-main work-link" to={detailPath(c.id)}>
                <span className="work-title">
                  {c.itemNames.join(', ')}
                  {c.lineCount > c.itemNames.length && ` ${t('correct.moreLines', { count: c.lineCount - c.itemNames.length })}`}
                </span>
                <span className="work-sub">
                  {reasonText(c.reasonLabel)} · {f.money(c.value)} · <time dateTime={c.enteredAt}>{f.relative(c.enteredAt)}</time>
                </span>
                {c.status === 'rejected' && c.decisionNote && <span className="work-note">“{c.decisionNote}”</span>}
              </Link>
              <Badge tone={TONE[c.status]}>{t(`correct.status.${c.status}`)}</Badge>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
