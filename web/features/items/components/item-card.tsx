import { type ReactNode, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Badge } from '../../../components/ui/badge'
import { Button } from '../../../components/ui/button'
import { Card } from '../../../components/ui/card'
import { Spinner } from '../../../components/ui/spinner'
import { categoryLabel } from '../../../i18n/categories'
import { useFormat } from '../../../i18n/format'
import type { ItemDetail } from '../../../types/api'
import { useItemMovements } from '../api/get-movements'
import { MovementList } from './movement-list'

const UOMS = ['pcs', 'kg', 'g', 'l', 'ml', 'm', 'pack'] as const
const isUom = (u: string): u is (typeof UOMS)[number] => (UOMS as readonly string[]).includes(u)

function Stat({ label, value, emphasis, tone }: { label: string; value: string; emphasis?: boolean; tone?: 'warning' | 'danger' }) {
  return (
    <div className={`stat${emphasis ? ' stat-big' : ''}${tone ? ` stat-${tone}` : ''}`}>
      <span className="stat-label">{label}</span>
      <span className="stat-value">{value}</span>
    </div>
  )
}

function MovementHistory({ storeId, detail }: { storeId: string; detail: ItemDetail }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const history = useItemMovements(storeId, detail.item.id, open)
  if (!open) {
    return (
      <>
        {detail.lastMovements.length === 0 ? (
          <p className="muted">{t('items.noMovements')}</p>
        ) : (
          <MovementList movements={detail.lastMovements} />
        )}
        {detail.lastMovements.length > 0 && (
          <Button variant="ghost" onClick={() => setOpen(true)}>
            {t('items.showHistory')}
          </Button>
        )}
      </>
    )
  }
  if (history.isPending) return <Spinner label={t('common.loading')} />
  if (history.isError) return <p className="field-error">{t('errors.generic')}</p>
  const movements = history.data.pages.flatMap((p) => p.movements)
  return (
    <>
      <MovementList movements={movements} />
      {history.hasNextPage && (
        <Button variant="ghost" loading={history.isFetchingNextPage} onClick={() => void history.fetchNextPage()}>
          {t('items.loadMore')}
        </Button>
      )}
    </>
  )
}

export function ItemCard({ storeId, detail, actions }: { storeId: string; detail: ItemDetail; actions?: ReactNode }) {
  const { t } = useTranslation()
  const f = useFormat()
  const { item, stock, shelf, nearby, countFlag } = detail
  const belowMin = stock !== null && shelf.min > 0 && stock.floor < shelf.min
  const negative = stock !== null && stock.floor < 0
  const uomLabel = isUom(item.uom) ? t(`uom.${item.uom}`) : item.uom
  return (
    <article className="item-card" aria-labelledby="item-card-title" data-testid="item-card">
      <header className="item-head">
        <div className="item-head-main">
          <p className="item-category">{categoryLabel(t, item.category)}</p>
          <h2 id="item-card-title" className="item-name">
            {item.name}
          </h2>
          <p className="item-ids">
            <span>
              {t('items.sku')} <strong>{item.sku}</strong>
            </span>
            {item.barcodes[0] && (
              <span>
                {t('items.barcode')} <strong>{item.barcodes[0]}</strong>
                {item.barcodes.length > 1 && ` +${item.barcodes.length - 1}`}
              </span>
            )}
          </p>
        </div>
        <div className="item-price">
          <span className="item-price-value">{f.money(item.price)}</span>
          <span className="item-price-uom">{t('items.perUom', { uom: uomLabel })}</span>
        </div>
      </header>

      {(countFlag || belowMin) && (
        <div className="item-flags">
          {countFlag && <Badge tone="warning">{t('items.countFlag')}</Badge>}
          {belowMin && <Badge tone="danger">{t('items.belowMin')}</Badge>}
        </div>
      )}

      {stock === null ? (
        <p className="item-blind" role="note" data-testid="blind-count">
          {t('items.blindCount')}
        </p>
      ) : (
        <div className="stats-primary">
          <Stat label={t('place.floor')} value={f.number(stock.floor)} emphasis tone={negative ? 'danger' : belowMin ? 'warning' : undefined} />
          <Stat label={t('place.stockroom')} value={f.number(stock.stockroom)} emphasis />
        </div>
      )}
      {actions && <div className="item-actions">{actions}</div>}

      <div className="stats-secondary">
        {stock !== null && (
          <>
            <Stat label={t('place.in_transit')} value={f.number(stock.inTransit)} />
            <Stat label={t('place.receiving')} value={f.number(stock.receiving)} />
            <Stat label={t('place.quarantine')} value={f.number(stock.quarantine)} />
          </>
        )}
        <Stat label={t('items.shelfMinTarget')} value={`${f.number(shelf.min)} / ${f.number(shelf.target)}`} />
      </div>

      <div className="item-sections">
        <Card title={t('items.nearby')} className="card-flat">
          {nearby.length === 0 ? (
            <p className="muted">{t('items.noNearby')}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('items.store')}</th>
                  <th scope="col" className="num">
                    {t('place.floor')}
                  </th>
                  <th scope="col" className="num">
                    {t('place.stockroom')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {nearby.map((n) => (
                  <tr key={n.storeId}>
                    <th scope="row">
                      <span className="cell-title">{n.storeName}</span>
                      <span className="cell-sub">
                        {n.storeCode} · {n.city}
                      </span>
                    </th>
                    <td className="num">{f.number(n.floor)}</td>
                    <td className="num">{f.number(n.stockroom)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
        <Card title={t('items.lastMovements')} className="card-flat">
          <MovementHistory key={item.id} storeId={storeId} detail={detail} />
        </Card>
      </div>
    </article>
  )
}
