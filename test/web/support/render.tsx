import { QueryClient } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import type { ReactElement } from 'react'
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router'
import { AppProvider } from '../../../web/app/provider'
import { createApiClient } from '../../../web/lib/api-client'

export function testQueryClient() {
  return new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity }, mutations: { retry: false } } })
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
