import { useQueryClient } from '@tanstack/react-query'
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useSyncExternalStore } from 'react'
import { type NewOutboxItem, Outbox, type OutboxItem } from './outbox'
import { createHttpSender } from './outbox-http'

let appInstance: Outbox | null = null

/** The app's one outbox (IndexedDB `backstore-outbox`), created on first use. */
export const appOutbox = () => (appInstance ??= new Outbox({ send: createHttpSender() }))

/** Tests start each case with a fresh outbox of their own. */
export function setAppOutbox(outbox: Outbox | null) {
  appInstance?.close()
  appInstance = outbox
}

type OutboxContextValue = { outbox: Outbox; userId: string }
const OutboxContext = createContext<OutboxContextValue | null>(null)

/**
 * Runs the outbox for the signed-in person: sends their items now, when the connection returns and
 * when the tab comes back to the front; refreshes what a sent item changed.
 */
export function OutboxProvider({
  userId,
  outbox = appOutbox(),
  onSessionGone,
  children,
}: {
  userId: string
  outbox?: Outbox
  onSessionGone?: () => void
  children: ReactNode
}) {
  const queryClient = useQueryClient()
  useEffect(() => {
    outbox.onEvent = (event) => {
      if (event.type === 'sent') for (const queryKey of event.item.invalidate) void queryClient.invalidateQueries({ queryKey })
      if (event.type === 'session') onSessionGone?.()
    }
    return () => {
      outbox.onEvent = undefined
    }
  }, [outbox, queryClient, onSessionGone])
  useEffect(() => {
    outbox.setUser(userId)
    return () => outbox.setUser(null)
  }, [outbox, userId])
  useEffect(() => {
    const wake = () => {
      if (document.visibilityState !== 'hidden') void outbox.flush()
    }
    window.addEventListener('online', wake)
    document.addEventListener('visibilitychange', wake)
    return () => {
      window.removeEventListener('online', wake)
      document.removeEventListener('visibilitychange', wake)
    }
  }, [outbox])
  const value = useMemo(() => ({ outbox, userId }), [outbox, userId])
  return <OutboxContext.Provider value={value}>{children}</OutboxContext.Provider>
}

function useOutboxContext() {
  const value = useContext(OutboxContext)
  if (!value) throw new Error('useOutbox outside <OutboxProvider>')
  return value
}

/** Queue a write for the signed-in person; it is sent at once when online, later otherwise. */
export function useEnqueue() {
  const { outbox, userId } = useOutboxContext()
  return useCallback((input: Omit<NewOutboxItem, 'userId'>) => outbox.enqueue({ ...input, userId }), [outbox, userId])
}

export function useOutbox() {
  return useOutboxContext().outbox
}

/** All items of the outbox (every person's), oldest first; re-renders on every change. */
export function useOutboxItems(): readonly OutboxItem[] {
  const { outbox } = useOutboxContext()
  return useSyncExternalStore(
    useCallback((cb) => outbox.subscribe(cb), [outbox]),
    () => outbox.items,
  )
}

/** The signed-in person's items of one kind that match `where` (for "waiting to sync" rows and totals). */
export function usePendingItems(kind: string, where: (item: OutboxItem) => boolean = () => true) {
  const { userId } = useOutboxContext()
  const items = useOutboxItems()
  return items.filter((i) => i.kind === kind && i.userId === userId && where(i))
}
