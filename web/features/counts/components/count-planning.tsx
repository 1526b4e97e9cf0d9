import { useTranslation } from 'react-i18next'
import { Alert } from '../../../components/ui/alert'
import { Spinner } from '../../../components/ui/spinner'
import { useFormat } from '../../../i18n/format'
import { isApiError } from '../../../lib/api-client'
import { useFlaggedItems, type FlagReason } from '../api/flagged'

/** One reason an item is flagged for a count, in words. */
export function useFlagReasonText() {
  const { t } = useTranslation()
  const f = useFormat()
  return (reason: FlagReason) =>
    reason.kind === 'high_shrink'
      ? t('office.stock.flagReason.highShrink', { count: reason.writeOffUnits, units: f.number(reason.writeOffUnits), value: f.money(reason.writeOffValue), days: reason.days })
      : reason.flag === 'negative_floor' || reason.flag === 'negative_stockroom'
        ? t(`office.stock.flagReason.${reason.flag}`)
        : t('office.stock.flagReason.other', { flag: reason.flag })
}

/** Planning a flagged count: which items it would cover now, and why each one is flagged. */
export function FlaggedItemsPreview({ storeId }: { storeId: string }) {
  const { t } = useTranslation()
  const f = useFormat()
  const flagged = useFlaggedItems(storeId)
  const reasonText = useFlagReasonText()
  if (flagged.isPending) return <Spinner size="sm" label={t('common.loading')} />
  if (flagged.isError) return null
  const { items, shrinkPolicy } = flagged.data
  const title = t('office.stock.flaggedTitle', { count: items.length })
  return (
    <section className="stack" aria-label={title} data-testid="flagged-preview">
      <p className="field-label">{title}</p>
      {items.length === 0 ? (
        <p className="muted">{t('office.stock.flaggedEmpty')}</p>
      ) : (
        <ul className="simple-list">
          {items.map((entry) => (
            <li key={entry.item.id} data-testid="flagged-item">
              <span className="cell-title">{entry.item.name}</span>
              <span className="cell-sub">
                {entry.item.sku} · {entry.reasons.map(reasonText).join(' · ')}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p className="muted">
        {t('office.stock.shrinkPolicy', { units: f.number(shrinkPolicy.units), value: f.money(shrinkPolicy.value), days: shrinkPolicy.days })}
      </p>
    </section>
  )
}

type Overlap = { sku: string; name: string; locationKind: string; blockedBy: { type: 'count' | 'correction'; id: string } }

/** A refused count (409 COUNT_OVERLAP): which items are already being counted, or wait for a correction's decision. */
export function CountOverlapDetails({ error }: { error: Error | null }) {
  const { t } = useTranslation()
  if (!isApiError(error, 'COUNT_OVERLAP')) return null
  const overlaps = (Array.isArray(error.details?.overlaps) ? error.details.overlaps : []) as Overlap[]
  const openCounts = Array.isArray(error.details?.openCounts) ? error.details.openCounts.length : 0
  return (
    <Alert tone="warning" title={t('office.stock.overlapTitle')}>
      {overlaps.length === 0 ? (
        t('office.stock.overlapFull', { count: openCounts })
      ) : (
        <ul className="row-errors" data-testid="count-overlaps">
          {overlaps.slice(0, 20).map((o, i) => (
            <li key={i}>
              {t(o.blockedBy.type === 'count' ? 'office.stock.overlapCount' : 'office.stock.overlapCorrection', {
                item: `${o.sku} ${o.name}`,
                place: t(`place.${o.locationKind}` as 'place.floor', { defaultValue: o.locationKind }),
              })}
            </li>
          ))}
          {(overlaps.length > 20 || error.details?.truncated === true) && <li>{t('office.stock.overlapMore')}</li>}
        </ul>
      )}
    </Alert>
  )
}
