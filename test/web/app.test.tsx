import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { routes } from '../../web/app/router'
import { ACTIONS_BY_ROLE, apiError, fakeFetch, json, me, store } from './support/fake-api'
import { milk } from './support/items'
import { managerMe, stockroomMe } from './office/fixtures'
import { renderRoutes } from './support/render'

type Routes = Parameters<typeof fakeFetch>[0]

function start({ session = me(), path = '/', extra = {} }: { session?: ReturnType<typeof me> | null; path?: string; extra?: Routes } = {}) {
  let current = session
  const fetch = fakeFetch({
    'GET /api/me': () => (current ? json(200, current) : apiError(401, 'UNAUTHENTICATED')),
    'POST /api/auth/logout': () => {
      current = null
      return json(204)
    },
    'GET /api/stores/st-1/items/lookup': ({ url }) =>
      url.searchParams.get('code') === '4001234567890' ? json(200, milk) : apiError(404, 'NOT_FOUND', 'Item not found'),
    'GET /api/stores/st-1/items/search': ({ url }) =>
      json(200, {
        items: url.searchParams.get('q')?.toLowerCase().includes('milk')
          ? [{ id: 'it-1', sku: 'SKU-0001', name: 'Whole Milk 1 L', category: 'Dairy', price: 129, barcodes: ['4001234567890'], floor: 12, stockroom: 30 }]
          : [],
      }),
    'GET /api/stores/st-1/items/it-1': json(200, milk),
    ...extra,
  })
  const user = userEvent.setup()
  return { ...renderRoutes(routes, { fetch, path }), fetch, user }
}

describe('app shell', () => {
  it('sends strangers to the sign-in screen', async () => {
    const { router } = start({ session: null, path: '/stores/st-1/floor' })
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/sign-in')
    expect(router.state.location.search).toBe('?next=%2Fstores%2Fst-1%2Ffloor')
  })

  it('opens a clerk on the sales floor of their store, name in the top bar', async () => {
    const { router } = start()
    expect(await screen.findByPlaceholderText('Name, SKU or barcode')).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/stores/st-1/floor')
    const banner = screen.getByRole('banner')
    expect(within(banner).getByText('Clara Clerk')).toBeInTheDocument()
    expect(within(banner).getByRole('button', { name: 'Sign out' })).toBeInTheDocument()
    expect(within(banner).getByRole('button', { name: 'Switch user' })).toBeInTheDocument()
    // A clerk has one workspace: no switcher, and the office is out of reach.
    expect(screen.queryByRole('navigation', { name: 'Workspaces' })).not.toBeInTheDocument()
  })

  it('shows only the workspaces the actions allow', async () => {
    start({ session: me({ stores: [store({ roles: ['stockroom'], actions: ACTIONS_BY_ROLE.stockroom! })] }) })
    const [nav] = await screen.findAllByRole('navigation', { name: 'Workspaces' })
    expect(within(nav!).getByRole('link', { name: 'Sales floor' })).toBeInTheDocument()
    expect(within(nav!).getByRole('link', { name: 'Back room' })).toBeInTheDocument()
    expect(within(nav!).queryByRole('link', { name: 'Office' })).not.toBeInTheDocument()
  })

  it.each([
    ['stockroom staff', stockroomMe, '/', '/stores/st-1/backroom'],
    ['a store manager', managerMe, '/', '/stores/st-1/office'],
    ['a store manager opening the store itself', managerMe, '/stores/st-1', '/stores/st-1/office'],
  ])('after sign-in, %s lands in the workspace of their role (the switcher offers the others)', async (_, session, path, landing) => {
    const { router } = start({ session, path })
    await waitFor(() => expect(router.state.location.pathname).toBe(landing))
    const [nav] = await screen.findAllByRole('navigation', { name: 'Workspaces' })
    expect(within(nav!).getByRole('link', { name: 'Sales floor' })).toBeInTheDocument()
    expect(within(nav!).getByRole('link', { name: 'Back room' })).toBeInTheDocument()
  })

  it('redirects a workspace the person may not use', async () => {
    const { router } = start({ path: '/stores/st-1/office' })
    await screen.findByPlaceholderText('Name, SKU or barcode')
    expect(router.state.location.pathname).toBe('/stores/st-1/floor')
  })

  it('treats a store the person has no role in as unknown, after asking the server once', async () => {
    const { router, fetch } = start({ path: '/stores/st-9/floor' })
    await screen.findByPlaceholderText('Name, SKU or barcode')
    expect(router.state.location.pathname).toBe('/stores/st-1/floor')
    const meCalls = () => fetch.mock.calls.filter(([url]) => new URL(String(url), 'http://localhost').pathname === '/api/me').length
    expect(meCalls()).toBe(2)
  })

  it('opens a store added since `me` was cached instead of sending the person away', async () => {
    // The first answer is what a reload restores from the device (fresh for a minute); the store came later.
    const second = store({ id: 'st-2', code: 'S002', name: 'Berlin Kreuzberg' })
    let calls = 0
    const { router } = start({
      path: '/stores/st-2/floor',
      extra: { 'GET /api/me': () => json(200, ++calls === 1 ? me() : me({ stores: [store(), second] })) },
    })
    await screen.findByPlaceholderText('Name, SKU or barcode')
    expect(router.state.location.pathname).toBe('/stores/st-2/floor')
    expect(calls).toBe(2)
  })

  it('offers a store picker with several stores and keeps the workspace', async () => {
    const second = store({ id: 'st-2', code: 'S002', name: 'Berlin Kreuzberg' })
    const { user, router } = start({ session: me({ stores: [store(), second], device: null }) })
    await user.click(await screen.findByRole('button', { name: /Change store/ }))
    await user.click(screen.getByRole('button', { name: /S002 · Berlin Kreuzberg/ }))
    await waitFor(() => expect(router.state.location.pathname).toBe('/stores/st-2/floor'))
    // No store tablet: no PIN switching offered.
    expect(screen.queryByRole('button', { name: 'Switch user' })).not.toBeInTheDocument()
  })

  it('signs out to the sign-in screen', async () => {
    const { user, router, fetch } = start()
    await user.click(await screen.findByRole('button', { name: 'Sign out' }))
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/sign-in')
    expect(fetch.mock.calls.some(([url, init]) => String(url) === '/api/auth/logout' && init?.method === 'POST')).toBe(true)
  })

  it('a session that ends meanwhile leads back to sign-in, remembering the screen', async () => {
    let alive = true
    const { user, router } = start({
      extra: {
        'GET /api/me': () => (alive ? json(200, me()) : apiError(401, 'UNAUTHENTICATED')),
        'GET /api/stores/st-1/items/lookup': () => apiError(401, 'SESSION_EXPIRED', 'Session expired'),
      },
    })
    await screen.findByPlaceholderText('Name, SKU or barcode')
    alive = false
    await user.keyboard('4001234567890{Enter}')
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/sign-in')
    expect(new URLSearchParams(router.state.location.search).get('next')).toBe('/stores/st-1/floor?code=4001234567890')
  })

  it('switch user signs out and opens the PIN mode', async () => {
    localStorage.setItem('backstore.deviceStoreId', 'st-1')
    const { user, router } = start()
    await user.click(await screen.findByRole('button', { name: 'Switch user' }))
    expect(await screen.findByRole('radio', { name: 'PIN' })).toHaveAttribute('aria-checked', 'true')
    expect(router.state.location.search).toBe('?mode=pin')
  })
})

describe('floor look-up', () => {
  it('looks up a scanned barcode and shows the item card', async () => {
    const vibrate = vi.fn(() => true)
    Object.defineProperty(navigator, 'vibrate', { value: vibrate, configurable: true })
    const { user } = start()
    await screen.findByPlaceholderText('Name, SKU or barcode')
    // A wedge scanner: a fast burst of keys and Enter, wherever the focus is.
    await user.keyboard('4001234567890{Enter}')
    const card = await screen.findByTestId('item-card')
    expect(within(card).getByRole('heading', { name: 'Whole Milk 1 L' })).toBeInTheDocument()
    expect(within(card).getByText('Floor', { selector: '.stat-label' }).nextSibling).toHaveTextContent('12')
    expect(within(card).getByText('Stockroom', { selector: '.stat-label' }).nextSibling).toHaveTextContent('30')
    expect(within(card).getByText('In transit').nextSibling).toHaveTextContent('6')
    expect(within(card).getByText('8 / 24')).toBeInTheDocument()
    expect(within(card).getByText('Berlin Kreuzberg')).toBeInTheDocument()
    expect(within(card).getByText('Refill')).toBeInTheDocument()
    // Scanned without looking at the screen: a short buzz (and beep) says it worked.
    await waitFor(() => expect(vibrate).toHaveBeenCalledWith(60))
    expect(screen.getByRole('status', { name: '' })).toHaveTextContent('Whole Milk 1 L: floor 12, stockroom 30')
  })

  it('ignores scans while a dialog is open', async () => {
    const { user, fetch } = start()
    await screen.findByPlaceholderText('Name, SKU or barcode')
    await user.click(screen.getByRole('button', { name: /Clara Clerk/ }))
    await user.keyboard('4001234567890{Enter}')
    expect(fetch.mock.calls.some(([url]) => String(url).includes('/items/lookup'))).toBe(false)
  })

  it('says clearly when a barcode is unknown, with an error buzz', async () => {
    const vibrate = vi.fn(() => true)
    Object.defineProperty(navigator, 'vibrate', { value: vibrate, configurable: true })
    const { user } = start()
    await screen.findByPlaceholderText('Name, SKU or barcode')
    await user.keyboard('4009999999999{Enter}')
    expect(await screen.findByRole('alert')).toHaveTextContent('Unknown barcode 4009999999999')
    await waitFor(() => expect(vibrate).toHaveBeenCalledWith([80, 60, 80]))
  })

  it('searches by name as you type and opens a result', async () => {
    const { user, router } = start()
    const field = await screen.findByPlaceholderText('Name, SKU or barcode')
    await user.type(field, 'milk')
    const results = await screen.findByRole('list', { name: 'Search results' })
    await user.click(within(results).getByRole('button', { name: /Whole Milk 1 L/ }))
    expect(await screen.findByTestId('item-card')).toBeInTheDocument()
    expect(router.state.location.search).toBe('?item=it-1')
    expect(field).toHaveValue('')
  })

  it('names the category in words: the server sends a key ("dairy"), not a label', async () => {
    const { user } = start({
      extra: {
        'GET /api/stores/st-1/items/search': json(200, { items: [{ id: 'it-1', sku: 'SKU-0001', name: 'Whole Milk 1 L', category: 'dairy', price: 129, barcodes: [], floor: 12, stockroom: 30 }] }),
        'GET /api/stores/st-1/items/it-1': json(200, { ...milk, item: { ...milk.item, category: 'dairy' } }),
      },
    })
    await user.type(await screen.findByPlaceholderText('Name, SKU or barcode'), 'milk')
    const result = within(await screen.findByRole('list', { name: 'Search results' })).getByRole('button', { name: /Whole Milk 1 L/ })
    expect(result).toHaveTextContent('SKU-0001 · Dairy · €1.29')
    await user.click(result)
    expect(within(await screen.findByTestId('item-card')).getByText('Dairy')).toBeInTheDocument()
  })

  it('looks up a barcode typed by hand into the field', async () => {
    start()
    const field = await screen.findByPlaceholderText('Name, SKU or barcode')
    // A person types slower than a scanner: the field's own Enter does the look-up.
    await userEvent.setup({ delay: 60 }).type(field, '4001234567890{Enter}')
    expect(await screen.findByTestId('item-card')).toBeInTheDocument()
  })
})
