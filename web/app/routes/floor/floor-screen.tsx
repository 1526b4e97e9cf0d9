import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { Button } from '../../../components/ui/button'
import { AlertIcon, BoxIcon } from '../../../components/ui/icons'
import { ReportDamageDialog } from '../../../features/corrections-entry/components/report-damage-dialog'
import { ItemLookup } from '../../../features/items/components/item-lookup'
import { MyRequests } from '../../../features/replenishment/components/my-requests'
import { RefillDialog } from '../../../features/replenishment/components/refill-dialog'
import { can } from '../../../lib/authorization'
import type { ItemDetail } from '../../../types/api'
import { useCurrentStore } from '../../guards'
import './floor.css'

type Open = { kind: 'refill' | 'report'; detail: ItemDetail } | null

/**
 * The sales floor: look an item up (scan anywhere, or search), then "get it from the back" or
 * "report damaged / missing" right on its card; "my requests" shows where each refill stands.
 */
export function FloorScreen() {
  const { t } = useTranslation()
  const store = useCurrentStore()
  const [, setParams] = useSearchParams()
  const [open, setOpen] = useState<Open>(null)
  const mayRequest = can(store, 'replenishment.request')
  const mayReport = can(store, 'correction.report')

  const actions = (detail: ItemDetail) =>
    mayRequest || mayReport ? (
      <>
        {mayRequest && (
          <Button variant="primary" size="lg" icon={<BoxIcon />} onClick={() => setOpen({ kind: 'refill', detail })}>
            {t('floor.getFromBack')}
          </Button>
        )}
        {mayReport && (
          <Button variant="danger" size="lg" icon={<AlertIcon />} onClick={() => setOpen({ kind: 'report', detail })}>
            {t('floor.reportDamage')}
          </Button>
        )}
      </>
    ) : null

  return (
    <div className="screen">
      <h1 className="sr-only">{t('workspace.floor')}</h1>
      <ItemLookup
        key={store.id}
        storeId={store.id}
        actions={actions}
        aside={can(store, 'replenishment.read') ? <MyRequests storeId={store.id} onOpenItem={(id) => setParams({ item: id })} /> : null}
      />
      {open?.kind === 'refill' && (
        <RefillDialog
          storeId={store.id}
          open
          onClose={() => setOpen(null)}
          item={{
            id: open.detail.item.id,
            name: open.detail.item.name,
            stockroom: open.detail.stock?.stockroom ?? null,
            floor: open.detail.stock?.floor ?? null,
            shelfTarget: open.detail.shelf.target,
          }}
        />
      )}
      {open?.kind === 'report' && (
        <ReportDamageDialog storeId={store.id} open onClose={() => setOpen(null)} item={{ id: open.detail.item.id, name: open.detail.item.name }} />
      )}
    </div>
  )
}
