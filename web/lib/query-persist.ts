import { dehydrate, hydrate, type Query, type QueryClient } from '@tanstack/react-query'
import { openDB } from 'idb'

/**
 * Keeps the data a back room needs offline (who is signed in, count sheets, deliveries, reason
 * codes, locations, pick list…) in IndexedDB, so a reload without network still shows the screens and
 * the outbox can take new work. Restored before the first render; saved (throttled) on every change.
 * Sign-out clears the query cache, and with it this copy.
 */
const DB = 'backstore-cache'
const KEY = 'queries'
const MAX_AGE_MS = 12 * 3_600_000 // a session never lives longer
const SAVE_DELAY_MS = 1000

type Stored = { at: number; buster: string; state: ReturnType<typeof dehydrate> }

const open = () =>
  openDB(DB, 1, {
    upgrade(db) {
      db.createObjectStore('kv')
    },
  })

/** Item searches and movement pages are large and only useful online. */
const worthKeeping = (query: Query) => {
  if (query.state.status !== 'success') return false
  const key = query.queryKey
  if (key[0] === 'me') return true
  if (key[0] !== 'stores') return false
  return !(key[2] === 'items' && (key[3] === 'search' || key.includes('movements')))
}

export async function restoreQueries(client: QueryClient, buster: string, timeoutMs = 1500) {
  if (typeof indexedDB === 'undefined') return
  const read = (async () => {
    const db = await open()
    const stored = (await db.get('kv', KEY)) as Stored | undefined
    db.close()
    if (stored && stored.buster === buster && Date.now() - stored.at < MAX_AGE_MS) hydrate(client, stored.state)
  })()
  // A slow or broken IndexedDB must not keep the app from starting.
  await Promise.race([read.catch(() => {}), new Promise((r) => setTimeout(r, timeoutMs))])
}

export function persistQueries(client: QueryClient, buster: string) {
  if (typeof indexedDB === 'undefined') return () => {}
  let timer: ReturnType<typeof setTimeout> | null = null
  const save = async () => {
    timer = null
    try {
      const state = dehydrate(client, { shouldDehydrateQuery: worthKeeping })
      const db = await open()
      await db.put('kv', { at: Date.now(), buster, state } satisfies Stored, KEY)
      db.close()
    } catch {
      /* storage full or blocked: offline start is a convenience */
    }
  }
  const unsubscribe = client.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' && event.type !== 'removed') return
    if (!timer) timer = setTimeout(() => void save(), SAVE_DELAY_MS)
  })
  const flushNow = () => {
    if (document.visibilityState === 'hidden' && timer) {
      clearTimeout(timer)
      void save()
    }
  }
  document.addEventListener('visibilitychange', flushNow)
  return () => {
    unsubscribe()
    document.removeEventListener('visibilitychange', flushNow)
  }
}

/**
 * Erases the stored copy at once. Called when the person changes (sign-in, PIN switch, sign-out):
 * saving is throttled, so without this a reload right after a switch would bring back the previous
 * person's data on a shared tablet.
 */
export async function forgetPersistedQueries() {
  if (typeof indexedDB === 'undefined') return
  try {
    const db = await open()
    await db.delete('kv', KEY)
    db.close()
  } catch {
    /* nothing stored, or storage blocked */
  }
}
