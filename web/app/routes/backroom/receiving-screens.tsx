import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { DeliveryList } from '../../../features/receiving/components/delivery-list'
import { ReceivingSession } from '../../../features/receiving/components/receiving-session'
import { ItemPicker } from '../../../features/scanning/components/item-picker'
import { useWedgeScan } from '../../../features/scanning/hooks/use-wedge-scan'
import { signal } from '../../../lib/feedback'
import { useCurrentStore } from '../../guards'
import { ScreenHeader } from './screen-header'
import './backroom.css'

export function DeliveriesScreen() {
  const { t } = useTranslation()
  const store = useCurrentStore()
  const base = `/stores/${store.id}/backroom`
  return (
    <div className="screen screen-padded">
      <ScreenHeader back={base} title={t('backroom.receive')} sub={t('receive.lead')} />
      <DeliveryList storeId={store.id} pathFor={(id) => `${base}/receiving/${id}`} />
    </div>
  )
}

/**
 * One delivery at the receiving door. A wedge scan anywhere on the page counts (+1 or with a
 * quantity); the camera and the search field do the same. Offline, a scan of an item this device
 * never saw still goes out by its barcode and is matched by the server once back online.
 */
export function ReceivingScreen() {
  const { t } = useTranslation()
  const store = useCurrentStore()
  const { deliveryId = '' } = useParams()
  const [scanned, setScanned] = useState<{ code: string; at: number } | null>(null)
  const [last, setLast] = useState<string | null>(null)
  useWedgeScan((code) => setScanned({ code, at: Date.now() }))
  const base = `/stores/${store.id}/backroom/receiving`

  return (
    <div className="screen screen-padded">
      <ScreenHeader back={base} title={t('receive.sessionTitle')} />
      <ReceivingSession
        storeId={store.id}
        deliveryId={deliveryId}
        lastScan={last}
        picker={(receive) => (
          <ItemPicker
            storeId={store.id}
            scanned={scanned}
            label={t('receive.scanLabel')}
            onPick={(item) => {
              receive(item)
              setLast(t('receive.scanned', { name: item.name }))
            }}
            onUnavailable={(code) => {
              // Offline and never seen here: send the barcode; the server knows the catalog.
              signal('success')
              receive({ barcode: code })
              setLast(t('receive.scannedCode', { code }))
            }}
          />
        )}
      />
    </div>
  )
}
