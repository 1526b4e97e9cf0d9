import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { routes } from '../../../web/app/router'
import { chooseLanguage, i18next } from '../../../web/i18n'
import { apiError, fakeFetch, json, me, store } from '../support/fake-api'
import { renderRoutes } from '../support/render'

type Routes = Parameters<typeof fakeFetch>[0]

const BASE = ['item.read', 'movement.read', 'correction.read']
const adminMe = me({
  user: { id: 'u-admin', name: 'Ada Admin', employeeNo: 'E9001', locale: 'en' },
  stores: [store({ roles: ['admin'], actions: [...BASE, 'chain.manage'] })],
  chainActions: [...BASE, 'chain.manage'],
  device: null,
})
const managerMe = me({
  user: { id: 'u-mgr', name: 'Sabine Krüger', employeeNo: 'E1004', locale: 'en' },
  stores: [store({ roles: ['store_manager'], actions: [...BASE, 'store.users', 'pos.keys'] })],
  chainActions: [...BASE, 'store.users', 'pos.keys'],
})

const NORD = { id: 'rg-nord', code: 'NORD', name: 'Nord' }
const SUED = { id: 'rg-sued', code: 'SUED', name: 'Süd' }
const ALTONA = { id: 'st-1', regionId: 'rg-nord', code: 'F1001', name: 'Hamburg Altona', city: 'Hamburg', timezone: 'Europe/Berlin', opensAt: '07:00', closesAt: '22:00', active: true }
const PASING = { id: 'st-2', regionId: 'rg-sued', code: 'F2001', name: 'München Pasing', city: 'München', timezone: 'Europe/Berlin', opensAt: '08:00', closesAt: '20:00', active: false }

/** A tiny server: GET answers what the mutations left behind, like the real list after invalidation. */
function placesApi() {
  const state = { regions: [NORD, SUED], stores: [ALTONA, PASING] }
  const routes: Routes = {
    'GET /api/admin/places': () => json(200, state),
    'POST /api/admin/regions': ({ body }) => {
      const b = body as { code: string; name: string }
      if (state.regions.some((r) => r.code === b.code)) return apiError(409, 'DUPLICATE', `A region with code ${b.code} exists already`, { code: b.code })
      const row = { id: `rg-${b.code.toLowerCase()}`, ...b }
      state.regions = [...state.regions, row]
      return json(201, row)
    },
    'POST /api/admin/stores': ({ body }) => {
      const row = { ...(body as Omit<typeof ALTONA, 'id' | 'active'>), id: 'st-new', active: true }
      state.stores = [...state.stores, row]
      return json(201, row)
    },
    'PATCH /api/admin/stores/st-1': ({ body }) => {
      const row = { ...state.stores.find((s) => s.id === 'st-1')!, ...(body as Partial<typeof ALTONA>) }
      state.stores = state.stores.map((s) => (s.id === 'st-1' ? row : s))
      return json(200, row)
    },
    'PATCH /api/admin/regions/rg-sued': ({ body }) => {
      const row = { ...SUED, ...(body as Partial<typeof SUED>) }
      state.regions = state.regions.map((r) => (r.id === SUED.id ? row : r))
      return json(200, row)
    },
  }
  return routes
}

function start(session: typeof adminMe, extra: Routes = {}) {
  const fetch = fakeFetch({ 'GET /api/me': json(200, session), ...placesApi(), ...extra })
  const user = userEvent.setup()
  return { ...renderRoutes(routes, { fetch, path: '/stores/st-1/office/admin' }), fetch, user }
}

const sent = (fetch: ReturnType<typeof fakeFetch>, method: string, path: string) =>
  fetch.mock.calls
    .filter(([url, init]) => new URL(String(url), 'http://localhost').pathname === path && (init?.method ?? 'GET').toUpperCase() === method)
    .map(([, init]) => (typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined))

const region = (name: string) => screen.getAllByTestId('region').find((r) => within(r).queryByRole('heading', { level: 3, name: new RegExp(`^${name} `) }))!

afterEach(async () => {
  await i18next.changeLanguage('en')
})

describe('regions and stores in the office', () => {
  it('lists each region with its stores, their hours and whether they are active', async () => {
    start(adminMe)
    await screen.findByRole('heading', { level: 2, name: 'Regions and stores' })
    const nord = await screen.findByRole('list', { name: 'Stores in Nord' })
    const [altona] = within(nord).getAllByTestId('store-row')
    expect(altona).toHaveTextContent('F1001 · Hamburg Altona')
    expect(altona).toHaveTextContent('Hamburg · Europe/Berlin · open 07:00–22:00')
    expect(altona).toHaveTextContent('Active')
    const sued = screen.getByRole('list', { name: 'Stores in Süd' })
    expect(within(sued).getByTestId('store-row')).toHaveTextContent('Inactive')
    // Every action has a visible label; the accessible name starts with it and says which one.
    expect(within(region('Nord')).getByRole('button', { name: 'Rename region Nord' })).toHaveTextContent('Rename')
    expect(within(nord).getByRole('button', { name: 'Edit F1001 · Hamburg Altona' })).toHaveTextContent('Edit')
  })

  it('creates a region, and says so in the screen’s words when the code is taken', async () => {
    const { fetch, user } = start(adminMe)
    await user.click(await screen.findByRole('button', { name: 'New region' }))
    const dialog = screen.getByRole('dialog')
    const d = within(dialog)
    // Checked before sending: nothing goes out with a bad code or no name.
    await user.type(d.getByLabelText('Code'), '1x')
    await user.click(d.getByRole('button', { name: 'Create region' }))
    expect(d.getByText('A letter, then up to 15 upper-case letters, digits, - or _.')).toBeInTheDocument()
    expect(d.getByText('Required.')).toBeInTheDocument()
    expect(sent(fetch, 'POST', '/api/admin/regions')).toHaveLength(0)

    await user.clear(d.getByLabelText('Code'))
    await user.type(d.getByLabelText('Code'), 'nord')
    await user.type(d.getByLabelText('Region name'), 'Nord 2')
    await user.click(d.getByRole('button', { name: 'Create region' }))
    expect(await d.findByRole('alert')).toHaveTextContent('A region with the code NORD exists already.')
    expect(sent(fetch, 'POST', '/api/admin/regions')).toEqual([{ code: 'NORD', name: 'Nord 2' }])

    await user.clear(d.getByLabelText('Code'))
    await user.type(d.getByLabelText('Code'), 'west')
    await user.clear(d.getByLabelText('Region name'))
    await user.type(d.getByLabelText('Region name'), 'West')
    await user.click(d.getByRole('button', { name: 'Create region' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(sent(fetch, 'POST', '/api/admin/regions')[1]).toEqual({ code: 'WEST', name: 'West' })
    await screen.findByRole('heading', { level: 3, name: 'West WEST' })
    expect(within(region('West')).getByText('No stores in this region yet.')).toBeInTheDocument()
  })

  it('adds a store to a region with the API’s fields', async () => {
    const { fetch, user } = start(adminMe)
    await screen.findByRole('list', { name: 'Stores in Nord' })
    await user.click(within(region('Nord')).getByRole('button', { name: 'Add store to Nord' }))
    const d = within(screen.getByRole('dialog'))
    expect(d.getByLabelText('Region')).toHaveValue('rg-nord')
    expect(d.getByLabelText('Time zone')).toHaveValue('Europe/Berlin')
    await user.type(d.getByLabelText('Store name'), 'Hamburg Wandsbek')
    await user.type(d.getByLabelText('Code'), 'f1004')
    await user.type(d.getByLabelText('City'), 'Hamburg')
    fireEvent.change(d.getByLabelText('Opens at'), { target: { value: '07:30' } })
    await user.clear(d.getByLabelText('Time zone'))
    await user.type(d.getByLabelText('Time zone'), 'Europe/Hambrug')
    await user.click(d.getByRole('button', { name: 'Create store' }))
    expect(d.getByText('Not a known time zone (e.g. Europe/Berlin).')).toBeInTheDocument()
    expect(sent(fetch, 'POST', '/api/admin/stores')).toHaveLength(0)

    await user.clear(d.getByLabelText('Time zone'))
    await user.type(d.getByLabelText('Time zone'), 'Europe/Berlin')
    await user.click(d.getByRole('button', { name: 'Create store' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(sent(fetch, 'POST', '/api/admin/stores')).toEqual([
      { regionId: 'rg-nord', code: 'F1004', name: 'Hamburg Wandsbek', city: 'Hamburg', timezone: 'Europe/Berlin', opensAt: '07:30', closesAt: '20:00' },
    ])
    const nord = screen.getByRole('list', { name: 'Stores in Nord' })
    await within(nord).findByText('Hamburg Wandsbek', { exact: false })
    // The store switcher learns of it too: `me` is asked again.
    expect(sent(fetch, 'GET', '/api/me').length).toBeGreaterThan(1)
  })

  it('changing a store sends only what changed: moved to another region and closed', async () => {
    const { fetch, user } = start(adminMe)
    await user.click(await screen.findByRole('button', { name: 'Edit F1001 · Hamburg Altona' }))
    const d = within(screen.getByRole('dialog'))
    expect(d.getByLabelText('Store name')).toHaveValue('Hamburg Altona')
    expect(d.getByLabelText('Opens at')).toHaveValue('07:00')
    // Nothing changed yet: nothing to save.
    expect(d.getByRole('button', { name: 'Save' })).toBeDisabled()
    await user.selectOptions(d.getByLabelText('Region'), 'rg-sued')
    await user.clear(d.getByLabelText('Store name'))
    await user.type(d.getByLabelText('Store name'), 'Hamburg-Altona')
    await user.click(d.getByLabelText('Store is active'))
    expect(d.getByText(/Inactive: not offered for transfers/)).toBeInTheDocument()
    await user.click(d.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(sent(fetch, 'PATCH', '/api/admin/stores/st-1')).toEqual([{ name: 'Hamburg-Altona', regionId: 'rg-sued', active: false }])
    const sued = await screen.findByRole('list', { name: 'Stores in Süd' })
    await within(sued).findByText('Hamburg-Altona', { exact: false })
    expect(screen.queryByRole('list', { name: 'Stores in Nord' })).not.toBeInTheDocument()
  })

  it('renames a region', async () => {
    const { fetch, user } = start(adminMe)
    await user.click(await screen.findByRole('button', { name: 'Rename region Süd' }))
    const d = within(screen.getByRole('dialog'))
    await user.clear(d.getByLabelText('Region name'))
    await user.type(d.getByLabelText('Region name'), 'Bayern')
    await user.click(d.getByRole('button', { name: 'Save' }))
    await screen.findByRole('heading', { level: 3, name: 'Bayern SUED' })
    expect(sent(fetch, 'PATCH', '/api/admin/regions/rg-sued')).toEqual([{ name: 'Bayern' }])
  })

  it('shows a refusal in German on a German screen', async () => {
    await chooseLanguage('de')
    const { user } = start(adminMe, { 'PATCH /api/admin/stores/st-1': apiError(409, 'DUPLICATE', 'A store with code F2001 exists already', { code: 'F2001' }) })
    await user.click(await screen.findByRole('button', { name: 'Bearbeiten: F1001 · Hamburg Altona' }))
    const d = within(screen.getByRole('dialog'))
    await user.clear(d.getByLabelText('Kürzel'))
    await user.type(d.getByLabelText('Kürzel'), 'F2001')
    await user.click(d.getByRole('button', { name: 'Speichern' }))
    const alert = await d.findByRole('alert')
    expect(alert).toHaveTextContent('Eine Filiale mit dem Kürzel F2001 gibt es schon.')
    expect(alert).not.toHaveTextContent('exists already')
  })

  it('is not there for a store manager, and nothing is asked of the server', async () => {
    const { fetch } = start(managerMe, { 'GET /api/admin/users': json(200, { users: [] }), 'GET /api/stores/st-1/pos-keys': json(200, { keys: [] }) })
    await screen.findByRole('heading', { level: 2, name: 'Users' })
    expect(screen.queryByRole('heading', { name: 'Regions and stores' })).not.toBeInTheDocument()
    expect(sent(fetch, 'GET', '/api/admin/places')).toHaveLength(0)
  })
})
