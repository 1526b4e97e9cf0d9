import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { QueryFallback } from '../../../components/ui/query-fallback'
import { Badge } from '../../../components/ui/badge'
import { EmptyState } from '../../../components/ui/empty-state'
import { BoxIcon } from '../../../components/ui/icons'
import { useFormat } from '../../../i18n/format'
import { useOpenDeliveries } from '../api/deliveries'

/** Expected deliveries of the store; one tap opens the receiving screen. */
export function DeliveryList({ storeId, pathFor }: { storeId: string; pathFor: (id: string) => string }) {
  const { t } = useTranslation()
  const f = useFormat()
  const list = useOpenDeliveries(storeId)
  if (!list.data) return <QueryFallback query={list} />
  if (list.data.length === 0)
    return (
      <EmptyState icon={<BoxIcon size={48} />} title={t('receive.emptyTitle')}>
        {t('receive.emptyText')}
      </EmptyState>
    )
  return (
    <ul className="work-list">
      {list.data.map((d) => (
        <li key={d.id}>
          <Link to={pathFor(d.id)} className="work-row work-link-row" data-testid="delivery-row">
            <span className="work-main">
              <span className="work-title">{d.supplier}</span>
              <span className="work-sub">
                {t('receive.reference', { ref: d.reference })} · {t('receive.lineCount', { count: d.lineCount })}
                {d.expectedAt && <> · {t('receive.due', { date: f.date(d.expectedAt) })}</>}
              </span>
            </span>
            <span className="work-figures">
              <span className="figure">
                <span className="figure-label">{t('receive.expected')}</span>
                <span className="figure-value">{f.number(d.totals.expected)}</span>
              </span>
              <span className="figure">
                <span className="figure-label">{t('receive.received')}</span>
                <span className="figure-value">{f.number(d.totals.received + d.totals.damaged)}</span>
              </span>
            </span>
            <Badge tone={d.status === 'receiving' ? 'warning' : 'info'}>{t(`receive.status.${d.status}`)}</Badge>
          </Link>
        </li>
      ))}
    </ul>
  )
}
