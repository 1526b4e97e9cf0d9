import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { Badge } from '../../../components/ui/badge'
import { cx } from '../../../components/ui/cx'
import { useFormat } from '../../../i18n/format'
import type { CorrectionListItem } from '../api/get-corrections'
import { ageParts, reasonLabel, STATUS_TONE, TIER_TONE } from '../lib/labels'

export type CorrectionListProps = {
  corrections: CorrectionListItem[]
  /** Where a row leads (the correction's detail screen). */
  hrefFor: (c: CorrectionListItem) => string
  /** Show the status column (history) or the verdict (waiting list). */
  show: 'verdict' | 'status'
  label: string
}

/**
 * Corrections as a list of large rows (a whole row is the touch target): value first, then reason and
 * items, who entered it and how long ago; overdue ones are marked in words, not only in colour.
 */
export function CorrectionList({ corrections, hrefFor, show, label }: CorrectionListProps) {
  const { t, i18n } = useTranslation()
  const f = useFormat()
  return (
    <ul className="corr-list" aria-label={label}>
      {corrections.map((c) => {
        const age = ageParts(c.ageMinutes)
        return (
          <li key={c.id}>
            <Link to={hrefFor(c)} className={cx('corr-row', c.overdue && 'is-overdue')} data-testid="correction-row">
              <span className="corr-value">
                <span className="corr-money">{f.money(c.value)}</span>
                <Badge tone={TIER_TONE[c.effectiveTier] ?? 'neutral'}>{t(`office.tier.${c.effectiveTier}`)}</Badge>
              </span>
              <span className="corr-main">
                <span className="corr-reason">{reasonLabel(c.reasonLabel, c.reasonCode, i18n.language)}</span>
                <span className="corr-items">
                  {c.itemNames.join(' · ')}
                  {c.lineCount > c.itemNames.length && ` ${t('office.list.moreLines', { count: c.lineCount - c.itemNames.length })}`}
                </span>
              </span>
              <span className="corr-who">
                <span>{t('office.list.enteredBy', { name: c.enteredByName })}</span>
                <span className="corr-store">
                  {c.storeCode} · <time dateTime={c.enteredAt} title={f.dateTime(c.enteredAt)}>{age.unit === 'minutes' && age.count === 0 ? t('office.age.now') : t(`office.age.${age.unit}`, { count: age.count })}</time>
                </span>
              </span>
              <span className="corr-state">
                {c.overdue && <Badge tone="danger">{t('office.list.overdue')}</Badge>}
                {show === 'status' ? (
                  <Badge tone={STATUS_TONE[c.status] ?? 'neutral'}>{t(`office.status.${c.status}`)}</Badge>
                ) : c.canConfirm.ok ? (
                  <Badge tone="success">{t('office.list.youMayDecide')}</Badge>
                ) : (
                  <Badge>{t(`office.verdictShort.${verdictKey(c.canConfirm.code)}`)}</Badge>
                )}
              </span>
            </Link>
          </li>
        )
      })}
    </ul>
  )
}

const SHORT = ['SELF_CONFIRMATION', 'COUNTER_CONFIRMATION', 'ADMINISTERED_BY_ENTERER', 'TIER_NOT_COVERED', 'FORBIDDEN', 'INVALID_STATE'] as const
const verdictKey = (code: string): (typeof SHORT)[number] | 'OTHER' => ((SHORT as readonly string[]).includes(code) ? (code as (typeof SHORT)[number]) : 'OTHER')
