import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { Badge } from '../../../components/ui/badge'
import { BoxIcon, CheckIcon, OfficeIcon, SearchIcon, StoreIcon, SwitchUserIcon } from '../../../components/ui/icons'
import { useCorrections } from '../../../features/corrections-review/api/get-corrections'
import { useCurrentStore } from '../../guards'
import { officeSectionAllowed, officeSectionsFor, type OfficeSection } from './sections'

const ICONS: Record<OfficeSection, ReactNode> = {
  corrections: <CheckIcon size={28} />,
  review: <SearchIcon size={28} />,
  reports: <OfficeIcon size={28} />,
  evidence: <StoreIcon size={28} />,
  stock: <BoxIcon size={28} />,
  admin: <SwitchUserIcon size={28} />,
}

/** The office overview: one tile per section this person may use, with what waits for them. */
export function OfficeScreen() {
  const { t } = useTranslation()
  const store = useCurrentStore()
  const sections = officeSectionsFor(store)
  return (
    <div className="screen screen-padded">
      <header className="screen-head">
        <h1 className="screen-title">{t('workspace.office')}</h1>
        <p className="screen-sub">{t('office.lead', { store: store.name, region: store.regionName })}</p>
      </header>
      <ul className="tiles">
        {sections.map((s) => (
          <li key={s}>
            <Link to={`/stores/${store.id}/office/${s}`} className="tile tile-link">
              <span className="tile-icon" aria-hidden="true">
                {ICONS[s]}
              </span>
              <span className="tile-title">{t(`office.nav.${s}`)}</span>
              <span className="tile-text">{t(`office.sections.${s}`)}</span>
              {s === 'corrections' && officeSectionAllowed(store, 'corrections') && <WaitingBadge storeId={store.id} />}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  )
}

function WaitingBadge({ storeId }: { storeId: string }) {
  const { t } = useTranslation()
  const pending = useCorrections(storeId, { status: 'pending' })
  if (!pending.data) return null
  const mine = pending.data.corrections.filter((c) => c.canConfirm.ok).length
  const overdue = pending.data.corrections.filter((c) => c.overdue).length
  return (
    <span className="tile-badges">
      <Badge tone={mine > 0 ? 'warning' : 'success'}>{t('office.overview.waiting', { count: mine })}</Badge>
      {overdue > 0 && <Badge tone="danger">{t('office.overview.overdue', { count: overdue })}</Badge>}
    </span>
  )
}
