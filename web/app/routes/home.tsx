import { useTranslation } from 'react-i18next'
import { Navigate } from 'react-router'
import { Button } from '../../components/ui/button'
import { EmptyState } from '../../components/ui/empty-state'
import { StoreIcon } from '../../components/ui/icons'
import { useSession } from '../../features/auth/api/use-session'
import { useSignOut } from '../../features/auth/api/sign-out'
import { lastStoreId } from '../../features/auth/lib/device'
import { defaultStore, landingWorkspace } from '../../lib/authorization'
import { useCurrentStore } from '../guards'

/** After sign-in (or at "/"): the default store, in the workspace of the person's role there. */
export function HomeRedirect() {
  const me = useSession()
  const store = defaultStore(me, lastStoreId())
  if (!store) return <NoAccess />
  return <Navigate to={`/stores/${store.id}/${landingWorkspace(store)}`} replace />
}

export function StoreIndexRedirect() {
  const store = useCurrentStore()
  const landing = landingWorkspace(store)
  return <Navigate to={landing ? `/stores/${store.id}/${landing}` : '/'} replace />
}

/** Signed in, but no store grants anything this client offers (e.g. chain-only roles). */
function NoAccess() {
  const { t } = useTranslation()
  const me = useSession()
  const signOut = useSignOut()
  return (
    <main className="page-center">
      <div className="panel">
        <EmptyState icon={<StoreIcon size={48} />} title={t('home.noAccessTitle', { name: me.user.name })}>
          {t('home.noAccessText')}
        </EmptyState>
        <Button variant="primary" block size="lg" loading={signOut.isPending} onClick={() => signOut.mutate()}>
          {t('shell.signOut')}
        </Button>
      </div>
    </main>
  )
}
