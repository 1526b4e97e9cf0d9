import { vi } from 'vitest'
import type { Me, StoreAccess } from '../../../web/types/api'

type Handler = (req: { method: string; url: URL; body: unknown; init: RequestInit }) => { status: number; body?: unknown }

export const json = (status: number, body?: unknown) => ({ status, body })
export const apiError = (status: number, code: string, message = code, details?: Record<string, unknown>) =>
  json(status, { error: details ? { code, message, details } : { code, message } })

/**
 * A fetch double routed by "METHOD /path"; unmatched requests answer 404 NOT_FOUND.
 * Keeps every call so tests can assert what the client sent.
 */
export function fakeFetch(routes: Record<string, Handler | ReturnType<typeof json>>) {
  const fn = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost')
    const method = (init.method ?? 'GET').toUpperCase()
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined
    const route = routes[`${method} ${url.pathname}`]
    const answer = typeof route === 'function' ? route({ method, url, body, init }) : (route ?? apiError(404, 'NOT_FOUND'))
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: answer.body === undefined ? {} : { 'Content-Type': 'application/json' },
    })
  })
  return fn
}

export const ACTIONS_BY_ROLE: Record<string, string[]> = {
  clerk: ['item.read', 'movement.read', 'replenishment.request', 'replenishment.read', 'correction.report'],
  stockroom: [
    'item.read',
    'movement.read',
    'replenishment.request',
    'replenishment.read',
    'correction.report',
    'replenishment.pick',
    'delivery.read',
    'delivery.receive',
    'count.read',
    'count.enter',
    'correction.enter',
    'transfer.read',
    'transfer.ship',
    'transfer.receive',
    'correction.read',
  ],
  regional_manager: ['item.read', 'movement.read', 'replenishment.read', 'correction.read', 'correction.decide', 'report.read', 'evidence.export', 'audit.read'],
  auditor: ['item.read', 'movement.read', 'report.read', 'evidence.export', 'audit.read', 'correction.read'],
}

export const store = (overrides: Partial<StoreAccess> = {}): StoreAccess => ({
  id: 'st-1',
  code: 'S001',
  name: 'Berlin Mitte',
  city: 'Berlin',
  regionId: 'rg-1',
  regionName: 'East',
  roles: ['clerk'],
  actions: ACTIONS_BY_ROLE.clerk!,
  ...overrides,
})

export const me = (overrides: Partial<Me> = {}): Me => ({
  user: { id: 'u-1', name: 'Clara Clerk', employeeNo: 'E1001', locale: 'en' },
  stores: [store()],
  chainActions: [],
  device: { storeId: 'st-1' },
  account: { mustChangePassword: false, mustChangePin: false, hasPin: true, restriction: null },
  ...overrides,
})
