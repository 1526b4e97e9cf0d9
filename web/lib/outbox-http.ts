import { apiFetch, unwrap } from './api-client'
import type { OutboxSender } from './outbox'

/**
 * Sends an outbox item to the API on the session's cookie. The item id is the Idempotency-Key
 * (and the body's client id), so a retry after a lost answer is applied once by the server.
 */
export function createHttpSender({ fetch, baseUrl = '' }: { fetch?: typeof globalThis.fetch; baseUrl?: string } = {}): OutboxSender {
  const doFetch = apiFetch(fetch)
  return async (item) =>
    unwrap(
      await doFetch(`${baseUrl}/api${item.request.path}`, {
        method: item.request.method,
        headers: { 'Idempotency-Key': item.id },
        body: item.request.body === undefined ? undefined : JSON.stringify(item.request.body),
      }),
    )
}
