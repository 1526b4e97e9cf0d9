import { type ClientResponse, hc } from 'hono/client'
import type { SuccessStatusCode } from 'hono/utils/http-status'
import { createContext, useContext } from 'react'
import type { AppType } from '../../server/app'

/**
 * The typed API client: `hc<AppType>` over an injectable fetch (tests, and later the offline outbox).
 * Every request is same-origin with the session cookie; `unwrap` turns answers into their success
 * body or an ApiError built from the one error shape `{ error: { code, message, details? } }`.
 */

export type ApiErrorBody = { error: { code: string; message: string; details?: Record<string, unknown> } }

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/** No HTTP answer at all (offline, server down, DNS): status 0. */
export const NETWORK_ERROR = 'NETWORK_ERROR'

export const isApiError = (err: unknown, code?: string): err is ApiError =>
  err instanceof ApiError && (code === undefined || err.code === code)

const isErrorBody = (body: unknown): body is ApiErrorBody =>
  typeof body === 'object' &&
  body !== null &&
  typeof (body as ApiErrorBody).error === 'object' &&
  (body as ApiErrorBody).error !== null &&
  typeof (body as ApiErrorBody).error.code === 'string'

/** The body of the 2xx answers a typed `hc` call may give. */
export type SuccessBody<R> =
  R extends ClientResponse<infer T, infer S, infer _F> ? (S extends SuccessStatusCode ? T : never) : never

type ResponseLike = Pick<Response, 'ok' | 'status' | 'text'>

/** Resolves to the success body, or throws an ApiError. Works on any fetch Response. */
export async function unwrap<R extends ResponseLike>(response: R | Promise<R>): Promise<SuccessBody<R>> {
  const res = await response
  const text = await res.text()
  let body: unknown = undefined
  if (text) {
    try {
      body = JSON.parse(text)
    } catch {
      body = undefined
    }
  }
  if (res.ok) return body as SuccessBody<R>
  if (isErrorBody(body)) throw new ApiError(res.status, body.error.code, body.error.message, body.error.details)
  throw new ApiError(res.status, res.status >= 500 ? 'INTERNAL' : `HTTP_${res.status}`, text.slice(0, 200) || `HTTP ${res.status}`)
}

const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** The fetch every API call goes through: same-origin cookies, JSON on writes, network failures typed. */
export function apiFetch(fetchImpl?: typeof fetch): typeof fetch {
  const doFetch = fetchImpl ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init))
  return async (input, init = {}) => {
    const headers = new Headers(init.headers)
    if (!headers.has('Accept')) headers.set('Accept', 'application/json')
    if (WRITE.has((init.method ?? 'GET').toUpperCase()) && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json')
    try {
      return await doFetch(input, { ...init, headers, credentials: 'same-origin' })
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') throw err
      throw new ApiError(0, NETWORK_ERROR, err instanceof Error ? err.message : 'Network error')
    }
  }
}

// Instantiated once so the compiler computes the client type once (hono's RPC guide).
const typed = (...args: Parameters<typeof hc>) => hc<AppType>(...args)
export type ApiClient = ReturnType<typeof typed>

export type ApiClientOptions = {
  /** Injected for tests and for the offline outbox; defaults to the global fetch. */
  fetch?: typeof fetch
  /** Origin (or path prefix) the API lives under; same origin by default. */
  baseUrl?: string
}

export const createApiClient = ({ fetch, baseUrl = '' }: ApiClientOptions = {}): ApiClient =>
  typed(`${baseUrl}/api`, { fetch: apiFetch(fetch) })

/** Path parameters go into the URL as they are: encode them. */
export const seg = (value: string | number) => encodeURIComponent(String(value))

export const ApiClientContext = createContext<ApiClient | null>(null)

export function useApiClient(): ApiClient {
  const client = useContext(ApiClientContext)
  if (!client) throw new Error('useApiClient outside <ApiClientContext.Provider>')
  return client
}
