import { type DBSchema, type IDBPDatabase, openDB } from 'idb'
import { uuidv7 } from 'uuidv7'

/**
 * The offline outbox: writes a back room must not lose (count entries, receiving scans, picks,
 * correction entries) are stored in IndexedDB first and sent from there, in the order they were made.
 *
 * - Every item has a client-generated UUID v7 id, sent as the body's client id and as the
 *   Idempotency-Key: however often an item is sent (a lost answer, a reload mid-send, two tabs), the
 *   server applies it once.
 * - An item belongs to the person who made it and is only sent under their session: a shared tablet
 *   must never post one person's count as another's.
 * - A 4xx answer is final: the item becomes `failed` with the server's message and waits for a person
 *   (discard or try again). Network trouble and 5xx are retried with backoff; 401 waits for sign-in.
 * - Within one instance an item is never in flight twice; across tabs, the Web Locks API (where the
 *   browser has it) lets one tab flush at a time.
 */

export type OutboxRequest = { method: 'POST' | 'PUT'; path: string; body?: unknown }
export type OutboxError = { status: number; code: string; message: string; details?: Record<string, unknown> }
export type OutboxMeta = Record<string, string | number | boolean | null>

export type OutboxItem = {
  id: string
  /** What it is, for the screens that show pending work (`count.entry`, `delivery.scan`…). */
  kind: string
  userId: string
  storeId: string
  request: OutboxRequest
  /** Small facts for display and for merging into live totals (item name, count id, quantity…). */
  meta: OutboxMeta
  /** Query keys to refresh once the server took it. */
  invalidate: unknown[][]
  state: 'pending' | 'failed'
  attempts: number
  createdAt: number
  nextAttemptAt: number
  lastError: OutboxError | null
}

export type NewOutboxItem = Pick<OutboxItem, 'kind' | 'userId' | 'storeId' | 'request'> &
  Partial<Pick<OutboxItem, 'id' | 'meta' | 'invalidate'>>

/** Sends one item; resolves with the server's body or throws something with `status` (ApiError). */
export type OutboxSender = (item: OutboxItem) => Promise<unknown>

export type OutboxEvent =
  | { type: 'sent'; item: OutboxItem; response: unknown }
  | { type: 'failed'; item: OutboxItem }
  | { type: 'session'; item: OutboxItem }

type Schema = DBSchema & { items: { key: string; value: OutboxItem } }

export type OutboxOptions = {
  send: OutboxSender
  /** IndexedDB database name; tests use their own. */
  name?: string
  now?: () => number
  /** Backoff for the n-th failed attempt, in ms. */
  backoff?: (attempts: number) => number
  onEvent?: (event: OutboxEvent) => void
}

export const defaultBackoff = (attempts: number) => {
  const base = Math.min(60_000, 1_000 * 2 ** Math.max(0, attempts - 1))
  return Math.round(base * (0.8 + Math.random() * 0.4))
}

const errorOf = (err: unknown): OutboxError => {
  const e = err as Partial<OutboxError> & { message?: string }
  return {
    status: typeof e?.status === 'number' ? e.status : 0,
    code: typeof e?.code === 'string' ? e.code : 'NETWORK_ERROR',
    message: typeof e?.message === 'string' ? e.message : String(err),
    ...(e?.details ? { details: e.details } : {}),
  }
}

/**
 * A session that must first replace a password or PIN someone else set (a reset meanwhile): like a 401, the
 * item waits for its person — who sets their own secret, then it is sent.
 */
const HELD_BACK = new Set(['PASSWORD_CHANGE_REQUIRED', 'PIN_CHANGE_REQUIRED'])

/** What to do after a failed send. */
export function classify(error: OutboxError): 'retry' | 'fail' | 'session' {
  if (error.status === 0 || error.status >= 500) return 'retry'
  if (error.status === 401) return 'session'
  if (error.status === 403 && HELD_BACK.has(error.code)) return 'session'
  if (error.status === 408 || error.status === 425 || error.status === 429) return 'retry'
  return 'fail'
}

export class Outbox {
  readonly #send: OutboxSender
  readonly #now: () => number
  readonly #backoff: (attempts: number) => number
  readonly #db: Promise<IDBPDatabase<Schema>>
  readonly #listeners = new Set<() => void>()
  readonly #inflight = new Set<string>()
  #onEvent: ((event: OutboxEvent) => void) | undefined
  #items: OutboxItem[] = []
  #flushing: Promise<void> | null = null
  #again = false
  #timer: ReturnType<typeof setTimeout> | null = null
  #user: string | null = null
  /** The session of this person answered 401: wait for a new sign-in before trying again. */
  #sessionGone: string | null = null
  #closed = false
  /** Resolves once the stored items were read (a fresh instance after a reload). */
  readonly ready: Promise<void>

  constructor({ send, name = 'backstore-outbox', now = Date.now, backoff = defaultBackoff, onEvent }: OutboxOptions) {
    this.#send = send
    this.#now = now
    this.#backoff = backoff
    this.#onEvent = onEvent
    this.#db = openDB<Schema>(name, 1, {
      upgrade(db) {
        db.createObjectStore('items', { keyPath: 'id' })
      },
    })
    this.ready = this.#refresh()
  }

  /** The items, oldest first (a snapshot; it changes identity on every change). */
  get items(): readonly OutboxItem[] {
    return this.#items
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  set onEvent(handler: ((event: OutboxEvent) => void) | undefined) {
    this.#onEvent = handler
  }

  /** Stores a new item (it survives a reload from here on) and tries to send it at once. */
  async enqueue(input: NewOutboxItem): Promise<OutboxItem> {
    const now = this.#now()
    const item: OutboxItem = {
      id: input.id ?? uuidv7(),
      kind: input.kind,
      userId: input.userId,
      storeId: input.storeId,
      request: input.request,
      meta: input.meta ?? {},
      invalidate: input.invalidate ?? [],
      state: 'pending',
      attempts: 0,
      createdAt: now,
      nextAttemptAt: now,
      lastError: null,
    }
    await (await this.#db).put('items', item)
    await this.#refresh()
    void this.flush()
    return item
  }

  /** A person gave up on a failed (or pending) item. */
  async discard(id: string) {
    await (await this.#db).delete('items', id)
    await this.#refresh()
  }

  /** A failed item goes back into the queue (e.g. after fixing what the server complained about). */
  async retry(id: string) {
    const db = await this.#db
    const item = await db.get('items', id)
    if (!item) return
    await db.put('items', { ...item, state: 'pending', nextAttemptAt: this.#now(), lastError: null })
    await this.#refresh()
    void this.flush()
  }

  /** Whose items may be sent now (the signed-in person), or null to send nothing. */
  setUser(userId: string | null) {
    const changed = userId !== this.#user
    this.#user = userId
    this.#sessionGone = null
    if (changed && userId) void this.flush()
  }

  /**
   * Sends the signed-in person's due items, oldest first. Concurrent calls share one run (and ask for
   * another pass if items came in meanwhile), so an item is never sent twice at once.
   */
  flush(): Promise<void> {
    if (this.#closed) return Promise.resolve()
    if (this.#flushing) {
      this.#again = true
      return this.#flushing
    }
    const run = async () => {
      await this.ready
      do {
        this.#again = false
        await this.#exclusive(() => this.#pass())
      } while (this.#again && !this.#closed)
    }
    this.#flushing = run().finally(() => {
      this.#flushing = null
    })
    return this.#flushing
  }

  /** Stops timers (tests, sign-out); stored items stay. A pass under way finishes before the store closes. */
  close() {
    this.#closed = true
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
    const running = this.#flushing ?? Promise.resolve()
    void running
      .catch(() => undefined)
      .then(() => this.#db)
      .then((db) => db.close())
  }

  async #exclusive(fn: () => Promise<void>) {
    const locks = typeof navigator !== 'undefined' ? (navigator as Navigator & { locks?: LockManager }).locks : undefined
    if (!locks) return fn()
    await locks.request('backstore-outbox', { ifAvailable: true }, async (lock) => {
      // Another tab is flushing: it sends these items; this tab looks again on its next trigger.
      if (lock) await fn()
    })
  }

  async #pass() {
    const user = this.#user
    if (!user || this.#sessionGone === user) return
    if (typeof navigator !== 'undefined' && navigator.onLine === false) return
    const db = await this.#db
    if (this.#closed) return
    const due = (await db.getAll('items')).filter((i) => i.state === 'pending' && i.userId === user).sort(byAge)
    for (const stored of due) {
      if (this.#closed || this.#user !== user) return
      if (stored.nextAttemptAt > this.#now()) continue
      if (this.#inflight.has(stored.id)) continue
      // Re-read: another pass (or a discard) may have dealt with it since the list was taken.
      const item = await db.get('items', stored.id)
      if (!item || item.state !== 'pending') continue
      this.#inflight.add(item.id)
      try {
        const response = await this.#send(item)
        await db.delete('items', item.id)
        await this.#refresh()
        this.#onEvent?.({ type: 'sent', item, response })
      } catch (err) {
        const error = errorOf(err)
        const verdict = classify(error)
        if (verdict === 'fail') {
          const failed: OutboxItem = { ...item, state: 'failed', attempts: item.attempts + 1, lastError: error }
          await db.put('items', failed)
          await this.#refresh()
          this.#onEvent?.({ type: 'failed', item: failed })
          continue
        }
        if (verdict === 'session') {
          // Signed out meanwhile: the item waits, untouched, for its person to sign in again.
          this.#sessionGone = user
          this.#onEvent?.({ type: 'session', item })
          return
        }
        const attempts = item.attempts + 1
        await db.put('items', { ...item, attempts, lastError: error, nextAttemptAt: this.#now() + this.#backoff(attempts) })
        await this.#refresh()
        // No connection: the rest would fail the same way. A 5xx may be this item only: go on.
        if (error.status === 0) break
      } finally {
        this.#inflight.delete(item.id)
      }
    }
    this.#schedule()
  }

  /** Wakes up for the earliest item still waiting for its backoff. */
  #schedule() {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
    if (this.#closed) return
    const waiting = this.#items.filter((i) => i.state === 'pending' && i.userId === this.#user)
    if (waiting.length === 0) return
    const next = Math.min(...waiting.map((i) => i.nextAttemptAt))
    this.#timer = setTimeout(() => {
      this.#timer = null
      void this.flush()
    }, Math.max(50, next - this.#now()))
  }

  async #refresh() {
    if (this.#closed) return
    const all = await (await this.#db).getAll('items')
    this.#items = all.sort(byAge)
    for (const listener of this.#listeners) listener()
  }
}

/** UUID v7 ids sort by creation time. */
const byAge = (a: OutboxItem, b: OutboxItem) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
