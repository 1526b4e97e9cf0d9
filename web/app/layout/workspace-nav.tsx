import { useTranslation } from 'react-i18next'
import { NavLink } from 'react-router'
import { BoxIcon, FloorIcon, OfficeIcon } from '../../components/ui/icons'
import { workspacesFor, type Workspace } from '../../lib/authorization'
import type { StoreAccess } from '../../types/api'

const ICONS: Record<Workspace, typeof FloorIcon> = { floor: FloorIcon, backroom: BoxIcon, office: OfficeIcon }

/** Only the workspaces this person may use in this store. */
export function WorkspaceNav({ store, className }: { store: StoreAccess; className?: string }) {
  const { t } = useTranslation()
  const workspaces = workspacesFor(store)
  if (workspaces.length < 2) return null
  return (
    <nav className={className ? `workspace-nav ${className}` : 'workspace-nav'} aria-label={t('shell.workspaces')}>
      {workspaces.map((w) => {
        const Icon = ICONS[w]
        return (
          <NavLink key={w} to={`/stores/${store.id}/${w}`} className="workspace-link">
            <Icon size={22} />
            <span>{t(`workspace.${w}`)}</span>
          </NavLink>
        )
      })}
    </nav>
  )
}
