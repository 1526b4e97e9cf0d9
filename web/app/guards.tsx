import { useEffect, useState } from 'react'
import { Navigate, Outlet, useLocation, useParams } from 'react-router'
import { useMe } from '../features/auth/api/get-me'
import { rememberLastStore } from '../features/auth/lib/device'
import { followUserLocale } from '../i18n'
import { canUseWorkspace, landingWorkspace, type Workspace } from '../lib/authorization'
import { AccountRequired } from './routes/account-required'
import { FullPageError, FullPageSpinner } from './routes/misc'

/**
 * Signed-in routes: wait for `me`, send strangers to the sign-in screen (and back afterwards), and hold back
 * a session that must first replace a temporary password or PIN.
 */
export function RequireAuth() {
  const me = useMe()
  const location = useLocation()
  useEffect(() => followUserLocale(me.data?.user.locale), [me.data?.user.locale])
  if (me.isPending) return <FullPageSpinner />
  // Offline with the person restored from this device's cache: keep working (the outbox waits).
  if (me.isError && me.data === undefined) return <FullPageError error={me.error} onRetry={() => void me.refetch()} />
  if (!me.data) {
    const next = location.pathname + location.search
    return <Navigate to={next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`} replace />
  }
  // A password (or, on a PIN switch, a PIN) someone else set: the person replaces it before anything else.
  if (me.data.account.restriction) return <AccountRequired me={me.data} />
  return <Outlet />
}

/**
 * Only stores the person holds a role in; any other id is treated as unknown. `me` may come from this
 * device's cache (restored at start, fresh for a minute), so a store added or a role granted since then
 * would look unknown: before sending the person away, `me` is asked of the server once for that id.
 */
export function RequireStore() {
  const { storeId } = useParams()
  const me = useMe()
  const store = me.data?.stores.find((s) => s.id === storeId)
  const [askedFor, setAskedFor] = useState<string | undefined>()
  const { refetch } = me
  useEffect(() => {
    if (store) rememberLastStore(store.id)
  }, [store])
  useEffect(() => {
    if (store || askedFor === storeId) return
    let live = true
    // Offline, the refetch fails and the cached answer stands.
    void refetch().finally(() => live && setAskedFor(storeId))
    return () => {
      live = false
    }
  }, [store, storeId, askedFor, refetch])
  if (!store) return askedFor === storeId ? <Navigate to="/" replace /> : <FullPageSpinner />
  return <Outlet />
}

export function useCurrentStore() {
  const { storeId } = useParams()
  const me = useMe()
  const store = me.data?.stores.find((s) => s.id === storeId)
  if (!store) throw new Error('useCurrentStore outside <RequireStore>')
  return store
}

/** A workspace the person may not use in this store sends them to one they may. */
export function RequireWorkspace({ workspace }: { workspace: Workspace }) {
  const store = useCurrentStore()
  if (!canUseWorkspace(store, workspace)) {
    const landing = landingWorkspace(store)
    return <Navigate to={landing ? `/stores/${store.id}/${landing}` : '/'} replace />
  }
  return <Outlet />
}
