import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { Badge } from '../../../components/ui/badge'
import { Button } from '../../../components/ui/button'
import { cx } from '../../../components/ui/cx'
import { useFormat } from '../../../i18n/format'
import type { ReviewRow } from '../api/get-review'

const STATUS_TONE: Record<string, 'warning' | 'success' | 'danger' | 'neutral'> = { pending: 'warning', confirmed: 'success', rejected: 'danger', cancelled: 'neutral' }
const TIER_TONE: Record<string, 'neutral' | 'info' | 'danger'> = { lead: 'neutral', store_manager: 'info', regional_manager: 'danger' }

export type ReviewListProps = {
  rows: ReviewRow[]
  reasonLabel: (code: string) => string
  hrefFor: (row: ReviewRow) => string
  onDecide: (row: ReviewRow, decision: 'confirm' | 'reject') => void
  /** Whether to offer "Escalate" on this row (see mayEscalate). */
  canEscalate: (row: ReviewRow) => boolean
  onEscalate: (row: ReviewRow) => void
  escalating?: string | null
  online: boolean
}

function useAgeText() {
  const { t } = useTranslation()
  return (hours: number, enteredAt: string) => {
    if (hours >= 48) return t('office.age.days', { count: Math.floor(hours / 24) })
    if (hours >= 1) return t('office.age.hours', { count: hours })
    // Under an hour: "12 minutes ago" / "just now", not "0 hours ago" (the server counts whole hours).
    const minutes = Math.min(59, Math.max(0, Math.floor((Date.now() - Date.parse(enteredAt)) / 60_000)))
    return minutes === 0 ? t('office.age.now') : t('office.age.minutes', { count: minutes })
  }
}

/**
 * The regional queue as rows: each says what it is and whether I may decide it; deciding stays one
 * correction at a time, each with its own PIN.
 */
export function ReviewList({ rows, reasonLabel, hrefFor, onDecide, canEscalate, onEscalate, escalating, online }: ReviewListProps) {
  const { t } = useTranslation()
  const f = useFormat()
  const ageText = useAgeText()
  return (
    <ul className="review-list" aria-label={t('office.review.listLabel')}>
      {rows.map((r) => (
        <li key={r.id} className={cx('review-row', r.overdue && 'is-overdue')} data-testid="review-row">
          <Link to={hrefFor(r)} className="review-open">
            <span className="review-store">
              <span className="store-code">{r.storeCode}</span>
              <span className="cell-sub">{r.storeName}</span>
            </span>
            <span className="review-value">
              <span className="corr-money">{f.money(r.value)}</span>
              <Badge tone={TIER_TONE[r.effectiveTier] ?? 'neutral'}>{t(`office.tier.${r.effectiveTier as 'lead'}`)}</Badge>
            </span>
            <span className="review-main">
              <span className="corr-reason">{reasonLabel(r.reasonCode)}</span>
              {r.itemNames.length > 0 && <span className="corr-items review-items">{r.itemNames.join(' · ')}</span>}
              {r.lineCount > r.itemNames.length && <span className="corr-items">{t('office.list.moreLines', { count: r.lineCount - r.itemNames.length })}</span>}
              <span className="corr-items">
                {t('office.list.enteredBy', { name: r.enteredBy.name })} · <time dateTime={r.enteredAt} title={f.dateTime(r.enteredAt)}>{ageText(r.ageHours, r.enteredAt)}</time>
              </span>
              {r.decidedBy && (
                <span className="corr-items">
                  {t(`office.review.decidedBy.${r.status === 'rejected' ? 'rejected' : 'confirmed'}`, { name: r.decidedBy.name })}
                </span>
              )}
            </span>
            <span className="corr-state">
              {r.overdue && <Badge tone="danger">{t('office.list.overdue')}</Badge>}
              {r.escalatedAt && <Badge tone="warning">{t('office.review.escalated')}</Badge>}
              <Badge tone={STATUS_TONE[r.status] ?? 'neutral'}>{t(`office.status.${r.status as 'pending'}`)}</Badge>
            </span>
          </Link>
          {r.status === 'pending' && (r.mayDecide || canEscalate(r)) && (
            <div className="review-actions">
              {r.mayDecide && (
                <>
                  <Button variant="primary" onClick={() => onDecide(r, 'confirm')} disabled={!online} aria-label={t('office.review.confirmRow', { store: r.storeCode, value: f.money(r.value) })}>
                    {t('office.decision.confirm')}
                  </Button>
                  <Button variant="danger" onClick={() => onDecide(r, 'reject')} disabled={!online} aria-label={t('office.review.rejectRow', { store: r.storeCode, value: f.money(r.value) })}>
                    {t('office.decision.reject')}
                  </Button>
                </>
              )}
              {canEscalate(r) && (
                <Button
                  onClick={() => onEscalate(r)}
                  loading={escalating === r.id}
                  disabled={!online}
                  aria-label={t('office.review.escalateRow', { store: r.storeCode, value: f.money(r.value) })}
                >
                  {t('office.review.escalate')}
                </Button>
              )}
            </div>
          )}
        </li>
      ))}
    </ul>
  )
}
