import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ArrowRightIcon, BoxIcon, CheckIcon, FloorIcon, ScanIcon } from '../../../components/ui/icons'
import { useActiveCounts } from '../../../features/counts/api/counts'
import { useCorrectionReferenceData } from '../../../features/corrections-entry/api/reference-data'
import { useOpenDeliveries } from '../../../features/receiving/api/deliveries'
import { usePickList } from '../../../features/replenishment/api/pick-list'
import { useTransfers } from '../../../features/transfers/api/transfers'
import { useFormat } from '../../../i18n/format'
import { can } from '../../../lib/authorization'
import type { StoreAccess } from '../../../types/api'
import { useCurrentStore } from '../../guards'
import './backroom.css'

type Tile = { key: string; to: string; title: string; text: string; icon: ReactNode; badge?: ReactNode }

function Pending({ n }: { n: number | undefined }) {
  const f = useFormat()
  if (!n) return null
  return <span className="tile-count">{f.number(n)}</span>
}

function PickCount({ store }: { store: StoreAccess }) {
  const list = usePickList(store.id)
  return <Pending n={list.data?.length} />
}
function DeliveryCount({ store }: { store: StoreAccess }) {
  const list = useOpenDeliveries(store.id)
  return <Pending n={list.data?.length} />
}
function CountCount({ store }: { store: StoreAccess }) {
  const list = useActiveCounts(store.id)
  return <Pending n={list.data?.length} />
}

/** Transfers other stores have shipped here, waiting to be received. */
function IncomingCount({ store }: { store: StoreAccess }) {
  const list = useTransfers(store.id, 'incoming')
  return <Pending n={list.data?.filter((x) => x.status === 'shipped').length} />
}

/** The back room's tasks, each a big tile with how much is waiting. */
export function BackroomScreen() {
  const { t } = useTranslation()
  const store = useCurrentStore()
  useCorrectionReferenceData(store.id)
  const tiles: Array<Tile | false> = [
    can(store, 'replenishment.pick') && {
      key: 'picks',
      to: 'picks',
      title: t('backroom.pick'),
      text: t('backroom.pickText'),
      icon: <FloorIcon size={28} />,
      badge: <PickCount store={store} />,
    },
    can(store, 'delivery.receive') && {
      key: 'receiving',
      to: 'receiving',
      title: t('backroom.receive'),
      text: t('backroom.receiveText'),
      icon: <BoxIcon size={28} />,
      badge: <DeliveryCount store={store} />,
    },
    can(store, 'count.enter') && {
      key: 'counts',
      to: 'counts',
      title: t('backroom.count'),
      text: t('backroom.countText'),
      icon: <ScanIcon size={28} />,
      badge: <CountCount store={store} />,
    },
    can(store, 'correction.enter') && {
      key: 'corrections',
      to: 'corrections',
      title: t('backroom.correct'),
      text: t('backroom.correctText'),
      icon: <CheckIcon size={28} />,
    },
    (can(store, 'transfer.ship') || can(store, 'transfer.receive')) && {
      key: 'transfers',
      to: 'transfers',
      title: t('backroom.transfer'),
      text: t('backroom.transferText'),
      icon: <ArrowRightIcon size={28} />,
      badge: can(store, 'transfer.receive') ? <IncomingCount store={store} /> : undefined,
    },
  ]
  return (
    <div className="screen screen-padded">
      <header className="screen-head">
        <h1 className="screen-title">{t('workspace.backroom')}</h1>
        <p className="screen-sub">{t('backroom.lead', { store: store.name })}</p>
      </header>
      <ul className="tiles">
        {tiles
          .filter((x): x is Tile => !!x)
          .map((tile) => (
            <li key={tile.key}>
              <Link to={tile.to} className="tile tile-link">
                <span className="tile-icon" aria-hidden="true">
                  {tile.icon}
                </span>
                <span className="tile-title">
                  {tile.title} {tile.badge}
                </span>
                <span className="tile-text">{tile.text}</span>
              </Link>
            </li>
          ))}
      </ul>
    </div>
  )
}
