import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, Outlet, useNavigation } from 'react-router'
import { Alert } from '../../components/ui/alert'
import { Button } from '../../components/ui/button'
import { AccountDialog, type AccountPanel } from '../../features/account/components/account-dialog'
import { meQueryKey } from '../../features/auth/api/get-me'
import { useSession } from '../../features/auth/api/use-session'
import { SyncStatus } from '../../features/outbox/components/sync-status'
import { OutboxProvider } from '../../lib/outbox-react'
import { useCurrentStore } from '../guards'
import { IdleLock } from './idle-lock'
import { Logo } from './logo'
import { StorePicker } from './store-picker'
import { UserMenu } from './user-menu'
import { WorkspaceNav } from './workspace-nav'

export function AppShell() {
  const { t } = useTranslation()
  const me = useSession()
  const store = useCurrentStore()
  const navigation = useNavigation()
  const queryClient = useQueryClient()
  // The outbox met a 401: ask who is here (the guard then shows the sign-in screen).
  const sessionGone = useCallback(() => void queryClient.invalidateQueries({ queryKey: meQueryKey }), [queryClient])
  // The account dialog (own password and PIN): from the user menu, or from the reminder below.
  const [account, setAccount] = useState<AccountPanel | null>(null)
  return (
    <OutboxProvider userId={me.user.id} onSessionGone={sessionGone}>
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
          <UserMenu me={me} store={store} before={<SyncStatus userId={me.user.id} />} onAccount={() => setAccount('menu')} />
          {navigation.state === 'loading' && <div className="progress" role="progressbar" aria-label={t('common.loading')} />}
        </header>
        <main id="main" className="shell-main" tabIndex={-1}>
          {me.account.mustChangePin && (
            <div className="account-reminder">
              <Alert
                tone="warning"
                action={
                  <Button variant="primary" onClick={() => setAccount('pin')}>
                    {t('account.pinBannerAction')}
                  </Button>
                }
              >
                {t('account.pinTemporary')}
              </Alert>
            </div>
          )}
          <Outlet />
        </main>
        <WorkspaceNav store={store} className="bottom-nav" />
        {me.device && <IdleLock />}
        <AccountDialog open={account !== null} onClose={() => setAccount(null)} me={me} initial={account ?? 'menu'} />
      </div>
    </OutboxProvider>
  )
}
