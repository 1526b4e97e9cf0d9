import { useTranslation } from 'react-i18next'
import { categoryLabel } from '../../../i18n/categories'
import { useFormat } from '../../../i18n/format'
import type { ItemSearchHit } from '../../../types/api'

export function ItemSearchResults({
  items,
  selectedId,
  onSelect,
}: {
  items: ItemSearchHit[]
  selectedId: string | null
  onSelect: (item: ItemSearchHit) => void
}) {
  const { t } = useTranslation()
  const f = useFormat()
  return (
    <ul className="result-list" aria-label={t('items.results')}>
      {items.map((item) => (
        <li key={item.id}>
          <button
            type="button"
            className="result"
            aria-current={item.id === selectedId ? 'true' : undefined}
            onClick={() => onSelect(item)}
          >
            <span className="result-main">
              <span className="result-name">{item.name}</span>
              <span className="result-sub">
                {item.sku} · {categoryLabel(t, item.category)} · {f.money(item.price)}
              </span>
            </span>
            <span className="result-qty" aria-label={item.floor === null ? t('items.blindCount') : t('items.qtySummary', { floor: item.floor, stockroom: item.stockroom })}>
              <span className="result-qty-cell">
                <span className="result-qty-label">{t('place.floor')}</span>
                <span className="result-qty-value">{item.floor === null ? '–' : f.number(item.floor)}</span>
              </span>
              <span className="result-qty-cell">
                <span className="result-qty-label">{t('place.stockroom')}</span>
                <span className="result-qty-value">{item.stockroom === null ? '–' : f.number(item.stockroom)}</span>
              </span>
            </span>
          </button>
        </li>
      ))}
    </ul>
  )
}
