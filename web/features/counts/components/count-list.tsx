import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { QueryFallback } from '../../../components/ui/query-fallback'
import { Badge } from '../../../components/ui/badge'
import { EmptyState } from '../../../components/ui/empty-state'
import { ScanIcon } from '../../../components/ui/icons'
import { useFormat } from '../../../i18n/format'
import { useActiveCounts } from '../api/counts'

export function CountList({ storeId, pathFor }: { storeId: string; pathFor: (id: string) => string }) {
  const { t } = useTranslation()
  const f = useFormat()
  const list = useActiveCounts(storeId)
  if (!list.data) return <QueryFallback query={list} />
  if (list.data.length === 0)
    return (
      <EmptyState icon={<ScanIcon size={48} />} title={t('count.emptyTitle')}>
        {t('count.emptyText')}
      </EmptyState>
    )
  return (
    <ul className="work-list">
      {list.data.map((c) => (
        <li key={c.id}>
          <Link to={pathFor(c.id)} className="work-row work-link-row" data-testid="count-row">
            <span className="work-main">
              <span className="work-title">
                {t(`count.kind.${c.kind}`)}
                {c.location && ` · ${t(`place.${c.location.kind as 'floor'}`, { defaultValue: c.location.name })}`}
              </span>
              <span className="work-sub">
                {c.note ? `${c.note} · ` : ''}
                {t('count.opened', { when: f.relative(c.createdAt) })}
              </span>
            </span>
            <span className="work-figures">
              <span className="figure">
                <span className="figure-label">{t('count.progress')}</span>
                <span className="figure-value">
                  {f.number(c.progress.counted)} / {f.number(c.progress.lines)}
                </span>
              </span>
            </span>
            <Badge tone={c.status === 'recount' ? 'danger' : 'info'}>{t(`count.status.${c.status}`)}</Badge>
          </Link>
        </li>
      ))}
    </ul>
  )
}
