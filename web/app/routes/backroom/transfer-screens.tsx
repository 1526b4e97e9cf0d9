import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import { PlusIcon } from '../../../components/ui/icons'
import { Segmented } from '../../../components/ui/segmented'
import { useSession } from '../../../features/auth/api/use-session'
import { useResolveCode } from '../../../features/scanning/api/resolve-item'
import { ItemPicker } from '../../../features/scanning/components/item-picker'
import { useWedgeScan } from '../../../features/scanning/hooks/use-wedge-scan'
import type { Direction } from '../../../features/transfers/api/transfers'
import { NewTransfer, type StoreOption, type TransferItem } from '../../../features/transfers/components/new-transfer'
import { TransferDetail } from '../../../features/transfers/components/transfer-detail'
import { TransferList } from '../../../features/transfers/components/transfer-list'
import { can } from '../../../lib/authorization'
import { useCurrentStore } from '../../guards'
import { ScreenHeader } from './screen-header'
import './backroom.css'

export function TransfersScreen() {
  const { t } = useTranslation()
  const store = useCurrentStore()
  const [direction, setDirection] = useState<Direction>(can(store, 'transfer.receive') ? 'incoming' : 'outgoing')
  const base = `/stores/${store.id}/backroom/transfers`
  return (
    <div className="screen screen-padded">
      <ScreenHeader
        back={`/stores/${store.id}/backroom`}
        title={t('backroom.transfer')}
        sub={t('transfer.lead')}
        actions={
          can(store, 'transfer.ship') && (
            <Link to={`${base}/new`} className="btn btn-primary btn-lg">
              <PlusIcon />
              <span className="btn-label">{t('transfer.new')}</span>
            </Link>
          )
        }
      />
      <div className="stack">
        <Segmented<Direction>
          label={t('transfer.direction')}
          value={direction}
          onChange={setDirection}
          options={[
            { value: 'incoming', label: t('transfer.incoming') },
            { value: 'outgoing', label: t('transfer.outgoing') },
          ]}
        />
        <TransferList storeId={store.id} direction={direction} pathFor={(id) => `${base}/${id}`} />
      </div>
    </div>
  )
}

export function NewTransferScreen() {
  const { t } = useTranslation()
  const store = useCurrentStore()
  const me = useSession()
  const navigate = useNavigate()
  const resolve = useResolveCode(store.id)
  const [lines, setLines] = useState<Array<{ item: TransferItem; quantity: number | null }>>([])
  const [nearby, setNearby] = useState<StoreOption[]>([])
  const [scanned, setScanned] = useState<{ code: string; at: number } | null>(null)
  useWedgeScan((code) => setScanned({ code, at: Date.now() }))
  const base = `/stores/${store.id}/backroom/transfers`
  // Where it can go: my other stores, and stores near here that carry these items.
  const destinations = [...me.stores.filter((s) => s.id !== store.id).map((s) => ({ id: s.id, code: s.code, name: s.name })), ...nearby].filter(
    (d, i, all) => all.findIndex((x) => x.id === d.id) === i,
  )
  return (
    <div className="screen screen-padded screen-narrow">
      <ScreenHeader back={base} title={t('transfer.new')} sub={t('transfer.newLead')} />
      <NewTransfer
        storeId={store.id}
        destinations={destinations}
        lines={lines}
        onLinesChange={setLines}
        onCreated={(tr) => navigate(`${base}/${tr.id}`, { replace: true })}
        picker={
          <ItemPicker
            storeId={store.id}
            scanned={scanned}
            label={t('correct.addItem')}
            onPick={(item) => {
              const same = lines.find((l) => l.item.id === item.id)
              if (same) setLines(lines.map((l) => (l === same ? { ...l, quantity: (l.quantity ?? 0) + 1 } : l)))
              else setLines([...lines, { item: { id: item.id, sku: item.sku, name: item.name }, quantity: 1 }])
              const add = (stores: StoreOption[] | undefined) => stores && setNearby((prev) => [...prev, ...stores.filter((s) => !prev.some((p) => p.id === s.id))])
              if (item.nearby) add(item.nearby)
              else void resolve(item.sku).then((r) => r.kind === 'item' && add(r.item.nearby))
            }}
          />
        }
      />
    </div>
  )
}

export function TransferScreen() {
  const { t } = useTranslation()
  const store = useCurrentStore()
  const { transferId = '' } = useParams()
  const [scanned, setScanned] = useState<{ code: string; at: number } | null>(null)
  useWedgeScan((code) => setScanned({ code, at: Date.now() }))
  return (
    <div className="screen screen-padded">
      <ScreenHeader back={`/stores/${store.id}/backroom/transfers`} title={t('transfer.title')} />
      <TransferDetail
        storeId={store.id}
        transferId={transferId}
        picker={(arrived) => (
          <ItemPicker
            storeId={store.id}
            scanned={scanned}
            label={t('receive.scanLabel')}
            onPick={(item) => arrived({ id: item.id, name: item.name })}
            onUnavailable={(code) => arrived({ barcode: code })}
          />
        )}
      />
    </div>
  )
}
