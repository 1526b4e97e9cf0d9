import { useTranslation } from 'react-i18next'
import { NavLink, Outlet } from 'react-router'
import { useCurrentStore } from '../../guards'
import { officeSectionsFor } from './sections'
import './office.css'

/** The office's own tabs (a scrollable row on a tablet), above whichever section is open. */
export function OfficeLayout() {
  const { t } = useTranslation()
  const store = useCurrentStore()
  const sections = officeSectionsFor(store)
  const base = `/stores/${store.id}/office`
  return (
    <div className="office">
      {sections.length > 0 && (
        <nav className="office-nav" aria-label={t('office.nav.label')}>
          <NavLink end to={base} className="office-tab">
            {t('office.nav.overview')}
          </NavLink>
          {sections.map((s) => (
            <NavLink key={s} to={`${base}/${s}`} className="office-tab">
              {t(`office.nav.${s}`)}
            </NavLink>
          ))}
        </nav>
      )}
      <Outlet />
    </div>
  )
}
