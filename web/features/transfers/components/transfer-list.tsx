import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { QueryFallback } from '../../../components/ui/query-fallback'
import { Badge } from '../../../components/ui/badge'
import { EmptyState } from '../../../components/ui/empty-state'
import { ArrowRightIcon } from '../../../components/ui/icons'
import { useFormat } from '../../../i18n/format'
import { type Direction, useTransfers } from '../api/transfers'

const TONE = { draft: 'info', shipped: 'warning', received: 'success', cancelled: 'neutral' } as const

export function TransferList({ storeId, direction, pathFor }: { storeId: string; direction: Direction; pathFor: (id: string) => string }) {
  const { t } = useTranslation()
  const f = useFormat()
  const list = useTransfers(storeId, direction)
  if (!list.data) return <QueryFallback query={list} />
  if (list.data.length === 0)
    return (
      <EmptyState icon={<ArrowRightIcon size={48} />} title={direction === 'outgoing' ? t('transfer.emptyOut') : t('transfer.emptyIn')}>
        {direction === 'outgoing' ? t('transfer.emptyOutText') : t('transfer.emptyInText')}
      </EmptyState>
    )
  return (
    <ul className="work-list">
      {list.data.map((tr) => {
        const other = direction === 'outgoing' ? tr.toStore : tr.fromStore
        return (
          <li key={tr.id}>
            <Link to={pathFor(tr.id)} className="work-row work-link-row" data-testid="transfer-row">
              <span className="work-main">
                <span className="work-title">
                  {direction === 'outgoing' ? t('transfer.to', { store: `${other.code} · ${other.name}` }) : t('transfer.from', { store: `${other.code} · ${other.name}` })}
                </span>
                <span className="work-sub">
                  {t('transfer.lines', { count: tr.totals.lines })} · {f.relative(tr.shippedAt ?? tr.createdAt)}
                </span>
              </span>
              <span className="work-figures">
                <span className="figure">
                  <span className="figure-label">{t('transfer.quantity')}</span>
                  <span className="figure-value">{f.number(tr.totals.quantity)}</span>
                </span>
                {direction === 'incoming' && (
                  <span className="figure">
                    <span className="figure-label">{t('receive.received')}</span>
                    <span className="figure-value">{f.number(tr.totals.received)}</span>
                  </span>
                )}
              </span>
              <Badge tone={TONE[tr.status]}>{t(`transfer.status.${tr.status}`)}</Badge>
            </Link>
          </li>
        )
      })}
    </ul>
  )
}
