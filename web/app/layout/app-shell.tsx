import { useTranslation } from 'react-i18next'
import { Link, Outlet, useNavigation } from 'react-router'
import { useSession } from '../../features/auth/api/use-session'
import { useCurrentStore } from '../guards'
import { Logo } from './logo'
import { StorePicker } from './store-picker'
import { UserMenu } from './user-menu'
import { WorkspaceNav } from './workspace-nav'

export function AppShell() {
  const { t } = useTranslation()
  const me = useSession()
  const store = useCurrentStore()
  const navigation = useNavigation()
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <header className="topbar">
        <Link to="/" className="topbar-logo" aria-label={`Backstore · ${t('common.home')}`}>
          <Logo />
        </Link>
        <StorePicker stores={me.stores} current={store} />
        <WorkspaceNav store={store} className="topbar-nav" />
        <UserMenu me={me} store={store} />
        {navigation.state === 'loading' && <div className="progress" role="progressbar" aria-label={t('common.loading')} />}
      </header>
      <main id="main" className="shell-main" tabIndex={-1}>
        <Outlet />
      </main>
      <WorkspaceNav store={store} className="bottom-nav" />
    </div>
  )
}
