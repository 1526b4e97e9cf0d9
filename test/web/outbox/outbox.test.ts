import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../../web/lib/api-client'
import { classify, Outbox, type OutboxEvent, type OutboxItem, type OutboxSender } from '../../../web/lib/outbox'
import { createHttpSender } from '../../../web/lib/outbox-http'

let n = 0
const open: Outbox[] = []

function make(send: OutboxSender, { name = `outbox-${++n}`, now = () => Date.now(), events = [] as OutboxEvent[] } = {}) {
  const outbox = new Outbox({ send, name, now, backoff: (a) => 1000 * a, onEvent: (e) => events.push(e) })
  open.push(outbox)
  return { outbox, name, events }
}

const entry = (quantity = 3, userId = 'u-1') => ({
  kind: 'count.entry',
  userId,
  storeId: 'st-1',
  request: { method: 'POST' as const, path: '/stores/st-1/counts/c-1/entries', body: { barcode: '4001234567890', quantity } },
  meta: { countId: 'c-1', quantity },
})

const setOnline = (online: boolean) => vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(online)

afterEach(() => {
  for (const o of open.splice(0)) o.close()
})

describe('outbox', () => {
  it('keeps what was entered offline across a reload and sends it once when back online', async () => {
    setOnline(false)
    const send = vi.fn<OutboxSender>(async () => ({ ok: true }))
    const first = make(send)
    first.outbox.setUser('u-1')
    const item = await first.outbox.enqueue(entry())
    await first.outbox.flush()
    expect(send).not.toHaveBeenCalled()
    expect(item.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/) // UUID v7
    first.outbox.close()

    // "Reload": a new instance over the same database.
    const second = make(send, { name: first.name })
    await second.outbox.ready
    expect(second.outbox.items.map((i) => i.id)).toEqual([item.id])
    expect(second.outbox.items[0]!.state).toBe('pending')

    setOnline(true)
    second.outbox.setUser('u-1')
    await second.outbox.flush()
    await second.outbox.flush()
    expect(send).toHaveBeenCalledTimes(1)
    expect(send.mock.calls[0]![0].id).toBe(item.id)
    expect(second.outbox.items).toEqual([])
    expect(second.events.map((e) => e.type)).toEqual(['sent'])
  })

  it('closing while a send is under way lets the pass finish before the store closes (no use of a closed database)', async () => {
    setOnline(true)
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    const send = vi.fn<OutboxSender>(async () => {
      await gate
      return { ok: true }
    })
    const { outbox, name } = make(send)
    await outbox.enqueue(entry(1))
    await outbox.enqueue(entry(2))
    outbox.setUser('u-1')
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(1))
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown) => unhandled.push(reason)
    process.on('unhandledRejection', onUnhandled)
    try {
      outbox.close()
      release()
      await outbox.flush() // closed: resolves at once
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(unhandled).toEqual([])
      // The item in flight was sent and removed; the second waits for the next session, unsent.
      expect(send).toHaveBeenCalledTimes(1)
      const reopened = make(send, { name })
      await reopened.outbox.ready
      expect(reopened.outbox.items.map((i) => i.meta.quantity)).toEqual([2])
    } finally {
      process.off('unhandledRejection', onUnhandled)
    }
  })

  it('sends oldest first and only the signed-in person’s items', async () => {
    setOnline(true)
    const sent: string[] = []
    const { outbox } = make(async (i) => sent.push(`${i.userId}:${String(i.meta.quantity)}`))
    await outbox.enqueue(entry(1, 'u-1'))
    await outbox.enqueue(entry(2, 'u-2'))
    await outbox.enqueue(entry(3, 'u-1'))
    outbox.setUser('u-1')
    await outbox.flush()
    expect(sent).toEqual(['u-1:1', 'u-1:3'])
    expect(outbox.items.map((i) => i.userId)).toEqual(['u-2'])
    outbox.setUser('u-2')
    await outbox.flush()
    expect(sent).toEqual(['u-1:1', 'u-1:3', 'u-2:2'])
  })

  it('marks an item failed with the server’s message on a 4xx and does not retry it', async () => {
    setOnline(true)
    const send = vi.fn<OutboxSender>(async () => {
      throw new ApiError(409, 'INVALID_STATE', 'This count is submitted; it takes no more entries')
    })
    const { outbox, events } = make(send)
    outbox.setUser('u-1')
    await outbox.enqueue(entry())
    await outbox.flush()
    await outbox.flush()
    expect(send).toHaveBeenCalledTimes(1)
    const [failed] = outbox.items
    expect(failed!.state).toBe('failed')
    expect(failed!.lastError).toMatchObject({ status: 409, code: 'INVALID_STATE', message: 'This count is submitted; it takes no more entries' })
    expect(events.map((e) => e.type)).toEqual(['failed'])

    // A person may put it back in the queue (or discard it).
    send.mockResolvedValueOnce({})
    await outbox.retry(failed!.id)
    await outbox.flush()
    expect(outbox.items).toEqual([])
  })

  it('retries 5xx and network failures with backoff, then sends', async () => {
    setOnline(true)
    let clock = 1_000_000
    const send = vi
      .fn<OutboxSender>()
      .mockRejectedValueOnce(new ApiError(503, 'INTERNAL', 'busy'))
      .mockRejectedValueOnce(new ApiError(0, 'NETWORK_ERROR', 'Failed to fetch'))
      .mockResolvedValue({})
    const { outbox } = make(send, { now: () => clock })
    outbox.setUser('u-1')
    await outbox.enqueue(entry())
    await outbox.flush()
    expect(outbox.items[0]).toMatchObject({ state: 'pending', attempts: 1, nextAttemptAt: clock + 1000 })
    await outbox.flush() // not due yet
    expect(send).toHaveBeenCalledTimes(1)
    clock += 1000
    await outbox.flush()
    expect(outbox.items[0]).toMatchObject({ state: 'pending', attempts: 2, lastError: { code: 'NETWORK_ERROR' } })
    clock += 2000
    await outbox.flush()
    expect(send).toHaveBeenCalledTimes(3)
    expect(outbox.items).toEqual([])
  })

  it('leaves items pending when the session is gone (401) and reports it', async () => {
    setOnline(true)
    const send = vi.fn<OutboxSender>().mockRejectedValue(new ApiError(401, 'SESSION_EXPIRED', 'expired'))
    const { outbox, events } = make(send)
    outbox.setUser('u-1')
    await outbox.enqueue(entry())
    await outbox.flush()
    expect(outbox.items[0]).toMatchObject({ state: 'pending', attempts: 0 })
    expect(events.map((e) => e.type)).toEqual(['session'])
  })

  it('never has one item in flight twice, however often flush is called', async () => {
    setOnline(true)
    const inFlight = new Set<string>()
    let overlap = false
    const calls: string[] = []
    const send = vi.fn<OutboxSender>(async (item: OutboxItem) => {
      if (inFlight.has(item.id)) overlap = true
      inFlight.add(item.id)
      calls.push(item.id)
      await new Promise((r) => setTimeout(r, 20))
      inFlight.delete(item.id)
      return {}
    })
    const { outbox } = make(send)
    await Promise.all([outbox.enqueue(entry(1)), outbox.enqueue(entry(2))])
    outbox.setUser('u-1')
    await Promise.all([outbox.flush(), outbox.flush(), outbox.flush(), outbox.enqueue(entry(3)).then(() => outbox.flush())])
    await outbox.flush()
    expect(overlap).toBe(false)
    expect(new Set(calls).size).toBe(3)
    expect(calls).toHaveLength(3)
    expect(outbox.items).toEqual([])
  })

  it('classifies answers', () => {
    const e = (status: number) => ({ status, code: 'X', message: 'x' })
    expect([0, 500, 503, 408, 429].map((s) => classify(e(s)))).toEqual(['retry', 'retry', 'retry', 'retry', 'retry'])
    expect([400, 403, 404, 409, 422].map((s) => classify(e(s)))).toEqual(['fail', 'fail', 'fail', 'fail', 'fail'])
    expect(classify(e(401))).toBe('session')
    // A session held back until its person replaced a password or PIN someone else set: the item waits, as for a 401.
    expect(classify({ status: 403, code: 'PASSWORD_CHANGE_REQUIRED', message: 'x' })).toBe('session')
    expect(classify({ status: 403, code: 'PIN_CHANGE_REQUIRED', message: 'x' })).toBe('session')
  })
})

describe('http sender', () => {
  it('posts the body with the item id as Idempotency-Key', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ entry: { id: 'x' } }), { status: 201, headers: { 'Content-Type': 'application/json' } }))
    const send = createHttpSender({ fetch })
    const item = { ...entry(), id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' } as unknown as OutboxItem
    await expect(send(item)).resolves.toEqual({ entry: { id: 'x' } })
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('/api/stores/st-1/counts/c-1/entries')
    expect(init.method).toBe('POST')
    expect(new Headers(init.headers).get('Idempotency-Key')).toBe(item.id)
    expect(JSON.parse(String(init.body))).toEqual({ barcode: '4001234567890', quantity: 3 })
  })

  it('turns an error body into an ApiError the outbox can classify', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ error: { code: 'NOT_ON_DOCUMENT', message: 'This item is not on the count sheet' } }), { status: 409 }))
    await expect(createHttpSender({ fetch })({ ...entry(), id: 'abcdefgh' } as unknown as OutboxItem)).rejects.toMatchObject({
      status: 409,
      code: 'NOT_ON_DOCUMENT',
      message: 'This item is not on the count sheet',
    })
  })
})
