import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { NavLink, Outlet, useLocation } from 'react-router'
import { useCurrentStore } from '../../guards'
import { officeSectionsFor } from './sections'
import './office.css'

/**
 * The office's own tabs above whichever section is open: wrapped onto a second row on a tablet (at
 * 768 px eight German tabs do not fit in one), a scrollable row on a phone with the open one scrolled into view.
 */
export function OfficeLayout() {
  const { t } = useTranslation()
  const store = useCurrentStore()
  const sections = officeSectionsFor(store)
  const base = `/stores/${store.id}/office`
  const nav = useRef<HTMLElement>(null)
  const { pathname } = useLocation()
  useEffect(() => {
    // Only the row scrolls (sideways, to centre the open tab); the page stays where it is.
    const row = nav.current
    const tab = row?.querySelector('.office-tab.active')
    if (!row || !tab || row.scrollWidth <= row.clientWidth) return
    const r = row.getBoundingClientRect()
    const a = tab.getBoundingClientRect()
    row.scrollLeft += a.left - r.left - (r.width - a.width) / 2
  }, [pathname])
  return (
    <div className="office">
      {sections.length > 0 && (
        <nav ref={nav} className="office-nav" aria-label={t('office.nav.label')}>
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
