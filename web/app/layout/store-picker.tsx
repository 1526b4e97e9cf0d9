import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocation, useNavigate } from 'react-router'
import { ChevronDownIcon, SearchIcon, StoreIcon } from '../../components/ui/icons'
import { Dialog } from '../../components/ui/dialog'
import { Input } from '../../components/ui/input'
import { canUseWorkspace, isWorkspace, landingWorkspace, workspacesFor } from '../../lib/authorization'
import type { StoreAccess } from '../../types/api'

const FILTER_FROM = 8

function StoreLabel({ store }: { store: StoreAccess }) {
  return (
    <span className="store-label">
      <span className="store-code">{store.code}</span>
      <span className="store-name">{store.name}</span>
    </span>
  )
}

/** Shows the current store; a picker when the person works in several (a regional manager may have hundreds). */
export function StorePicker({ stores, current }: { stores: StoreAccess[]; current: StoreAccess }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const location = useLocation()
  const [open, setOpen] = useState(false)
  const [filter, setFilter] = useState('')
  const usable = stores.filter((s) => workspacesFor(s).length > 0)

  if (usable.length < 2) {
    return (
      <div className="store-current" aria-label={t('shell.store')}>
        <StoreIcon />
        <StoreLabel store={current} />
      </div>
    )
  }

  const q = filter.trim().toLowerCase()
  const shown = q
    ? usable.filter((s) => [s.code, s.name, s.city, s.regionName].some((v) => v.toLowerCase().includes(q)))
    : usable

  const pick = (store: StoreAccess) => {
    setOpen(false)
    setFilter('')
    const here = location.pathname.split('/')[3]
    const target = isWorkspace(here) && canUseWorkspace(store, here) ? here : landingWorkspace(store)
    navigate(`/stores/${store.id}/${target}`)
  }

  return (
    <>
      <button type="button" className="store-current store-button" onClick={() => setOpen(true)} aria-haspopup="dialog">
        <StoreIcon />
        <StoreLabel store={current} />
        <ChevronDownIcon size={18} />
        <span className="sr-only">{t('shell.changeStore')}</span>
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title={t('shell.pickStore')} closeLabel={t('common.close')}>
        {usable.length >= FILTER_FROM && (
          <Input
            label={t('shell.filterStores')}
            hideLabel
            placeholder={t('shell.filterStores')}
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            leading={<SearchIcon />}
            autoFocus
          />
        )}
        <ul className="pick-list">
          {shown.map((s) => (
            <li key={s.id}>
              <button
                type="button"
                className="pick"
                aria-current={s.id === current.id ? 'true' : undefined}
                onClick={() => pick(s)}
              >
                <span className="pick-main">
                  <span className="pick-title">
                    {s.code} · {s.name}
                  </span>
                  <span className="pick-sub">
                    {s.city} · {s.regionName}
                  </span>
                </span>
                <span className="pick-roles">{s.roles.map((r) => t(`role.${r}` as 'role.clerk', { defaultValue: r })).join(', ')}</span>
              </button>
            </li>
          ))}
          {shown.length === 0 && <li className="muted pick-empty">{t('shell.noStoreMatch')}</li>}
        </ul>
      </Dialog>
    </>
  )
}
