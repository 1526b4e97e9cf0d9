import userEvent from '@testing-library/user-event'
import { fireEvent } from '@testing-library/react'
import { routes } from '../../../web/app/router'
import { Outbox } from '../../../web/lib/outbox'
import { createHttpSender } from '../../../web/lib/outbox-http'
import { setAppOutbox } from '../../../web/lib/outbox-react'
import { ACTIONS_BY_ROLE, fakeFetch, json, me, store } from '../support/fake-api'
import { renderRoutes } from '../support/render'

type Routes = Parameters<typeof fakeFetch>[0]

export const stockroomMe = me({
  user: { id: 'u-2', name: 'Sam Stock', employeeNo: 'E1002', locale: 'en' },
  stores: [store({ roles: ['stockroom'], actions: ACTIONS_BY_ROLE.stockroom! })],
})

export const LOCATIONS = {
  locations: [
    { id: 'loc-floor', kind: 'floor', code: 'F', name: 'Sales floor' },
    { id: 'loc-stock', kind: 'stockroom', code: 'S', name: 'Stockroom' },
    { id: 'loc-q', kind: 'quarantine', code: 'Q', name: 'Quarantine' },
  ],
}
export const REASONS = {
  reasonCodes: [
    { code: 'damaged', label: { en: 'Damaged', de: 'Beschädigt' }, requiresNote: false },
    { code: 'theft', label: { en: 'Theft (shrink)', de: 'Diebstahl' }, requiresNote: false },
    { code: 'other', label: { en: 'Other (note required)', de: 'Sonstiges' }, requiresNote: true },
  ],
}

/** The whole app in a memory router over a fake API; the app outbox sends through the same fake fetch. */
export function startApp({ session = stockroomMe, path, api }: { session?: ReturnType<typeof me>; path: string; api: Routes }) {
  const fetch = fakeFetch({
    'GET /api/me': json(200, session),
    'GET /api/stores/st-1/locations': json(200, LOCATIONS),
    'GET /api/stores/st-1/reason-codes': json(200, REASONS),
    'GET /api/stores/st-1/replenishment/requests': json(200, { requests: [] }),
    ...api,
  })
  const outbox = new Outbox({ send: createHttpSender({ fetch }), name: `test-outbox-${Math.random()}` })
  setAppOutbox(outbox)
  const user = userEvent.setup()
  return { ...renderRoutes(routes, { fetch, path }), fetch, user, outbox }
}

/** A wedge scanner: the code's key presses and Enter in one burst on the focused element. */
export function scan(code: string) {
  const target = document.activeElement ?? document.body
  for (const key of [...code, 'Enter']) fireEvent.keyDown(target, { key })
}

export const calls = (fetch: ReturnType<typeof fakeFetch>, method: string, path: string) =>
  fetch.mock.calls
    .map(([input, init]) => ({ url: new URL(String(input), 'http://localhost'), init: (init ?? {}) as RequestInit }))
    .filter((c) => (c.init.method ?? 'GET').toUpperCase() === method && c.url.pathname === path)
    .map((c) => ({ body: typeof c.init.body === 'string' ? JSON.parse(c.init.body) : undefined, headers: new Headers(c.init.headers) }))
