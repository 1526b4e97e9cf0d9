import { describe, expect, it, vi } from 'vitest'
import { ApiError, createApiClient, isApiError, NETWORK_ERROR, seg, unwrap } from '../../web/lib/api-client'
import { apiError, fakeFetch, json, me } from './support/fake-api'

const headersOf = (init: RequestInit | undefined) => new Headers(init?.headers)

describe('api client (hc<AppType>)', () => {
  it('sends same-origin credentials, JSON on writes, path parameters and the query string', async () => {
    const fetch = fakeFetch({
      'GET /api/me': json(200, me()),
      'GET /api/stores/st%201/items/search': json(200, { items: [] }),
      'POST /api/auth/login': json(200, { user: { id: 'u-1' } }),
    })
    const api = createApiClient({ fetch })
    expect(await unwrap(api.me.$get())).toEqual(me())
    await unwrap(api.stores[':storeId'].items.search.$get({ param: { storeId: seg('st 1') }, query: { q: 'milk & honey', limit: '20' } }))
    expect(await unwrap(api.auth.login.$post({ json: { employeeNo: 'E1001', password: 'demo1234' } }))).toEqual({ user: { id: 'u-1' } })

    const [meUrl, meInit] = fetch.mock.calls[0]!
    expect(String(meUrl)).toBe('/api/me')
    expect(meInit).toMatchObject({ method: 'GET', credentials: 'same-origin' })
    expect(meInit?.body).toBeUndefined()

    expect(String(fetch.mock.calls[1]![0])).toBe('/api/stores/st%201/items/search?q=milk+%26+honey&limit=20')

    const [, loginInit] = fetch.mock.calls[2]!
    expect(loginInit).toMatchObject({ method: 'POST', credentials: 'same-origin', body: '{"employeeNo":"E1001","password":"demo1234"}' })
    expect(headersOf(loginInit).get('content-type')).toBe('application/json')
  })

  it('marks body-less writes as JSON too', async () => {
    const fetch = fakeFetch({ 'POST /api/auth/logout': json(204) })
    await expect(unwrap(createApiClient({ fetch }).auth.logout.$post())).resolves.toBeUndefined()
    expect(headersOf(fetch.mock.calls[0]![1]).get('content-type')).toBe('application/json')
  })

  it('turns the error shape into an ApiError with status, code, message and details', async () => {
    const fetch = fakeFetch({ 'POST /api/auth/login': apiError(429, 'RATE_LIMITED', 'Slow down', { retryAfterSeconds: 30 }) })
    const api = createApiClient({ fetch })
    const err = await unwrap(api.auth.login.$post({ json: { employeeNo: 'E1', password: 'x' } })).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ status: 429, code: 'RATE_LIMITED', message: 'Slow down', details: { retryAfterSeconds: 30 } })
    expect(isApiError(err, 'RATE_LIMITED')).toBe(true)
  })

  it('copes with non-JSON error pages', async () => {
    const html = vi.fn(async () => new Response('<h1>Bad gateway</h1>', { status: 502 }))
    const err = await unwrap(createApiClient({ fetch: html }).me.$get()).catch((e: unknown) => e)
    expect(err).toMatchObject({ status: 502, code: 'INTERNAL' })
  })

  it('reports a failed connection as NETWORK_ERROR', async () => {
    const down = vi.fn(async () => {
      throw new TypeError('Failed to fetch')
    })
    const err = await unwrap(createApiClient({ fetch: down }).me.$get()).catch((e: unknown) => e)
    expect(err).toMatchObject({ status: 0, code: NETWORK_ERROR })
  })
})
