import { render } from '@testing-library/react'
import type { ReactElement } from 'react'
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router'
import { AppProvider } from '../../../web/app/provider'
import { createQueryClient } from '../../../web/app/query-client'
import { createApiClient } from '../../../web/lib/api-client'

/** The app's own query client (its session-expiry handling included), without retries. */
export function testQueryClient() {
  const client = createQueryClient()
  const defaults = client.getDefaultOptions()
  client.setDefaultOptions({ ...defaults, queries: { ...defaults.queries, retry: false, gcTime: Infinity } })
  return client
}

/** Renders routes in a memory router inside the real providers, with an injected fetch. */
export function renderRoutes(routes: RouteObject[], { fetch, path = '/' }: { fetch: typeof globalThis.fetch; path?: string }) {
  const router = createMemoryRouter(routes, { initialEntries: [path] })
  const queryClient = testQueryClient()
  const utils = render(
    <AppProvider api={createApiClient({ fetch })} queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProvider>,
  )
  return { ...utils, router, queryClient }
}

export function renderWithProviders(ui: ReactElement, { fetch, path = '/' }: { fetch: typeof globalThis.fetch; path?: string }) {
  return renderRoutes([{ path: '*', element: ui }], { fetch, path })
}
