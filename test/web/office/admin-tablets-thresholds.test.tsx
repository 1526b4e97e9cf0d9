import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { routes } from '../../../web/app/router'
import { fakeFetch, json, me, store } from '../support/fake-api'
import { renderRoutes } from '../support/render'

type Routes = Parameters<typeof fakeFetch>[0]

const BASE = ['item.read', 'movement.read', 'correction.read']
const adminMe = me({
  user: { id: 'u-admin', name: 'Ada Admin', employeeNo: 'E9001', locale: 'en' },
  stores: [store({ roles: ['admin'], actions: [...BASE, 'policy.read', 'policy.manage'] })],
  device: null,
})
const managerMe = me({
  user: { id: 'u-mgr', name: 'Sabine Krüger', employeeNo: 'E1004', locale: 'en' },
  stores: [store({ roles: ['store_manager'], actions: [...BASE, 'policy.read', 'device.read', 'device.manage'] })],
})
const auditorMe = me({
  user: { id: 'u-aud', name: 'Otto Auditor', employeeNo: 'E9002', locale: 'en' },
  stores: [store({ roles: ['auditor'], actions: [...BASE, 'report.read', 'policy.read', 'device.read'] })],
  device: null,
})

/** The chain's policy as the server has it: deliberately not the old hard-coded 50/500/24 h/no. */
const CHAIN = { leadMax: 7_500, storeManagerMax: 60_000, allowNegativeStockroom: true, recountUnits: 4, recountValue: 2_500, escalateAfterHours: 48 }
const DEFAULTS = { leadMax: 5_000, storeManagerMax: 50_000, allowNegativeStockroom: false, recountUnits: 10, recountValue: 10_000, escalateAfterHours: 48 }
const chainRow = { id: 'tp-chain', ...CHAIN, updatedAt: '2026-11-20T09:00:00.000Z', updatedBy: 'u-admin', updatedByName: 'Ada Admin' }
const storePolicy = (own: typeof CHAIN | null) => ({
  storeId: 'st-1',
  source: own ? 'store' : 'chain',
  effective: own ?? CHAIN,
  store: own ? { id: 'tp-1', ...own, updatedAt: '2026-11-25T09:00:00.000Z', updatedBy: 'u-admin', updatedByName: 'Ada Admin' } : null,
  chain: chainRow,
  defaults: DEFAULTS,
})

function start(session: typeof adminMe, extra: Routes) {
  const fetch = fakeFetch({ 'GET /api/me': json(200, session), ...extra })
  const user = userEvent.setup()
  return { ...renderRoutes(routes, { fetch, path: '/stores/st-1/office/admin' }), fetch, user }
}

const sent = (fetch: ReturnType<typeof fakeFetch>, method: string, path: string) =>
  fetch.mock.calls
    .filter(([url, init]) => new URL(String(url), 'http://localhost').pathname === path && (init?.method ?? 'GET').toUpperCase() === method)
    .map(([, init]) => (typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined))

afterEach(() => vi.restoreAllMocks())

describe('approval thresholds in the office', () => {
  it('the form starts from the server’s values and sends only the field the administrator changed', async () => {
    let own: typeof CHAIN | null = null
    const { fetch, user } = start(adminMe, {
      'GET /api/stores/st-1/tier-policy': () => json(200, storePolicy(own)),
      'PUT /api/stores/st-1/tier-policy': ({ body }) => {
        own = body as typeof CHAIN
        return json(200, { policy: { id: 'tp-1', storeId: 'st-1', scope: 'store', ...own, updatedBy: 'u-admin', updatedAt: '2026-11-26T10:00:00.000Z' } })
      },
    })
    const form = await screen.findByRole('form', { name: 'Approval thresholds' })
    const f = within(form)
    expect(f.getByTestId('policy-source')).toHaveTextContent("This store uses the chain's thresholds. Last changed by Ada Admin")
    expect(f.getByLabelText('Shift lead up to (€)')).toHaveValue('75')
    expect(f.getByLabelText('Store manager up to (€)')).toHaveValue('600')
    expect(f.getByLabelText('Escalate pending corrections after (hours)')).toHaveValue('48')
    expect(f.getByLabelText(/Recount when a count differs/)).toHaveValue('4')
    expect(f.getByLabelText('… or by more than (€)')).toHaveValue('25')
    expect(f.getByLabelText(/Allow the stockroom to go below zero/)).toBeChecked()
    // Nothing changed yet: nothing to save.
    expect(f.getByRole('button', { name: 'Save' })).toBeDisabled()

    await user.clear(f.getByLabelText('Shift lead up to (€)'))
    await user.type(f.getByLabelText('Shift lead up to (€)'), '80')
    await user.click(f.getByRole('button', { name: 'Save' }))

    await waitFor(() => expect(sent(fetch, 'PUT', '/api/stores/st-1/tier-policy')).toHaveLength(1))
    // Every other field is what the server had — escalation stays 48 h, negative stock stays allowed.
    expect(sent(fetch, 'PUT', '/api/stores/st-1/tier-policy')[0]).toEqual({ ...CHAIN, leadMax: 8_000 })
    expect(await f.findByText('Shift lead up to €80.00, store manager up to €600.00.')).toBeInTheDocument()
    await waitFor(() => expect(f.getByTestId('policy-source')).toHaveTextContent('This store uses its own thresholds.'))
    expect(f.getByLabelText('Shift lead up to (€)')).toHaveValue('80')
    expect(f.getByRole('button', { name: 'Save' })).toBeDisabled()
  })

  it('the chain scope starts from the chain’s row; only the changed field differs', async () => {
    const { fetch, user } = start(adminMe, {
      'GET /api/stores/st-1/tier-policy': json(200, storePolicy({ ...CHAIN, leadMax: 1_000, escalateAfterHours: 12 })),
      'PUT /api/tier-policy': ({ body }) => json(200, { policy: { id: 'tp-chain', storeId: null, scope: 'chain', ...(body as typeof CHAIN), updatedBy: 'u-admin', updatedAt: '2026-11-26T10:00:00.000Z' } }),
    })
    const form = await screen.findByRole('form', { name: 'Approval thresholds' })
    const f = within(form)
    expect(f.getByLabelText('Shift lead up to (€)')).toHaveValue('10')
    expect(f.getByLabelText('Escalate pending corrections after (hours)')).toHaveValue('12')
    await user.selectOptions(f.getByLabelText('Applies to'), 'chain')
    expect(f.getByLabelText('Shift lead up to (€)')).toHaveValue('75')
    expect(f.getByLabelText('Escalate pending corrections after (hours)')).toHaveValue('48')
    await user.click(f.getByLabelText(/Allow the stockroom to go below zero/))
    await user.click(f.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(sent(fetch, 'PUT', '/api/tier-policy')).toEqual([{ ...CHAIN, allowNegativeStockroom: false }]))
    expect(sent(fetch, 'PUT', '/api/stores/st-1/tier-policy')).toEqual([])
  })

  it('a store override can be removed: the chain’s thresholds apply again', async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(true)
    const { fetch, user } = start(adminMe, {
      'GET /api/stores/st-1/tier-policy': json(200, storePolicy({ ...CHAIN, leadMax: 1_000 })),
      'DELETE /api/stores/st-1/tier-policy': json(200, { ...storePolicy(null), removed: true }),
    })
    const f = within(await screen.findByRole('form', { name: 'Approval thresholds' }))
    expect(f.getByTestId('policy-source')).toHaveTextContent('This store uses its own thresholds.')
    await user.click(f.getByRole('button', { name: "Use the chain's thresholds again" }))
    expect(window.confirm).toHaveBeenCalledWith('Remove the own thresholds of Berlin Mitte? The chain\'s apply to it from now on.')
    expect(await f.findByText("Berlin Mitte now uses the chain's thresholds.")).toBeInTheDocument()
    expect(sent(fetch, 'DELETE', '/api/stores/st-1/tier-policy')).toHaveLength(1)
    expect(f.getByTestId('policy-source')).toHaveTextContent("This store uses the chain's thresholds.")
    expect(f.getByLabelText('Shift lead up to (€)')).toHaveValue('75')
    expect(f.queryByRole('button', { name: "Use the chain's thresholds again" })).not.toBeInTheDocument()
  })

  it('a store manager reads the thresholds in force, without a form', async () => {
    start(managerMe, { 'GET /api/stores/st-1/tier-policy': json(200, storePolicy(null)), 'GET /api/stores/st-1/devices': json(200, { devices: [] }) })
    expect(await screen.findByText("This store uses the chain's thresholds.")).toBeInTheDocument()
    expect(screen.getByText('€75.00')).toBeInTheDocument()
    expect(screen.getByText('48 hours')).toBeInTheDocument()
    expect(screen.getByText('Allowed (the item is flagged for a count)')).toBeInTheDocument()
    expect(screen.getByText('Only an administrator changes the thresholds.')).toBeInTheDocument()
    expect(screen.queryByRole('form', { name: 'Approval thresholds' })).not.toBeInTheDocument()
  })
})

const device = (over: Record<string, unknown> = {}) => ({
  id: '3f2a9c1e'.padEnd(64, '0'),
  shortId: '3f2a9c1e',
  storeId: 'st-1',
  userAgent: 'Mozilla/5.0 (Linux; Android 14; SM-X710) Chrome/131.0.0.0 Safari/537.36',
  browser: 'Chrome 131',
  os: 'Android 14',
  registeredBy: { id: 'u-stock', name: 'Mehmet Yılmaz', employeeNo: 'E1002' },
  registeredAt: '2026-11-01T08:00:00.000Z',
  lastUsedAt: '2026-11-26T08:00:00.000Z',
  lastUsedBy: { id: 'u-lead', name: 'Lea Lead', employeeNo: 'E1003' },
  openSessions: 1,
  revokedAt: null,
  revokedBy: null,
  thisDevice: false,
  ...over,
})

describe('the store’s tablets in the office', () => {
  it('lists them and removes one (with a reason) behind a big button; the list then shows it removed', async () => {
    let revoked = false
    const old = device({ id: 'aa11bb22'.padEnd(64, '0'), shortId: 'aa11bb22', os: 'iPadOS 17', browser: 'Safari 17', revokedAt: '2026-11-10T08:00:00.000Z', revokedBy: { id: 'u-mgr', name: 'Sabine Krüger', employeeNo: 'E1004' }, openSessions: 0 })
    const { fetch, user } = start(managerMe, {
      'GET /api/stores/st-1/tier-policy': json(200, storePolicy(null)),
      'GET /api/stores/st-1/devices': () => json(200, { devices: revoked ? [old, device({ revokedAt: '2026-11-26T10:00:00.000Z', revokedBy: { id: 'u-mgr', name: 'Sabine Krüger', employeeNo: 'E1004' }, openSessions: 0 })] : [device(), device({ id: 'cc33'.padEnd(64, '0'), shortId: 'cc33dd44', thisDevice: true, lastUsedBy: null }), old] }),
      [`POST /api/stores/st-1/devices/${'3f2a9c1e'.padEnd(64, '0')}/revoke`]: () => {
        revoked = true
        return json(200, { device: device({ revokedAt: '2026-11-26T10:00:00.000Z' }) })
      },
    })
    const list = await screen.findByRole('list', { name: 'Tablets' })
    const rows = within(list).getAllByTestId('tablet')
    expect(rows).toHaveLength(3)
    expect(rows[0]).toHaveTextContent('Chrome 131 on Android 14 · 3f2a9c1e')
    expect(rows[0]).toHaveTextContent('Registered by Mehmet Yılmaz')
    expect(rows[0]).toHaveTextContent('by Lea Lead')
    expect(rows[0]).toHaveTextContent('1 person signed in')
    expect(rows[1]).toHaveTextContent('This tablet')
    expect(rows[2]).toHaveTextContent('Safari 17 on iPadOS 17 · aa11bb22')
    expect(rows[2]).toHaveTextContent('removed')
    expect(within(rows[2]!).queryByRole('button')).not.toBeInTheDocument()
    expect(screen.getByText(/Disabling a person does not remove the tablets they registered/)).toBeInTheDocument()

    const remove = within(rows[0]!).getByRole('button', { name: 'Remove the tablet Chrome 131 on Android 14 · 3f2a9c1e' })
    expect(remove).toHaveClass('btn-lg') // a big touch target
    await user.click(remove)
    const dialog = screen.getByRole('dialog')
    expect(dialog).toHaveTextContent('everyone signed in on it is signed out now')
    await user.type(within(dialog).getByLabelText('Reason (optional)'), 'Lost in the car park')
    await user.click(within(dialog).getByRole('button', { name: 'Remove tablet' }))

    await waitFor(() => expect(sent(fetch, 'POST', `/api/stores/st-1/devices/${'3f2a9c1e'.padEnd(64, '0')}/revoke`)).toEqual([{ reason: 'Lost in the car park' }]))
    await waitFor(() => expect(within(screen.getByRole('list', { name: 'Tablets' })).queryAllByRole('button')).toHaveLength(0))
    expect(within(screen.getByRole('list', { name: 'Tablets' })).getAllByTestId('tablet')[1]).toHaveTextContent('removed')
  })

  it('warns before removing the tablet in use', async () => {
    const { user } = start(managerMe, {
      'GET /api/stores/st-1/tier-policy': json(200, storePolicy(null)),
      'GET /api/stores/st-1/devices': json(200, { devices: [device({ thisDevice: true })] }),
    })
    await user.click(await screen.findByRole('button', { name: /Remove the tablet/ }))
    expect(within(screen.getByRole('dialog')).getByText('This is the tablet you are using: you will be signed out.')).toBeInTheDocument()
  })

  it('the auditor sees the tablets but no button to remove one', async () => {
    start(auditorMe, {
      'GET /api/stores/st-1/tier-policy': json(200, storePolicy(null)),
      'GET /api/stores/st-1/devices': json(200, { devices: [device()] }),
    })
    const list = await screen.findByRole('list', { name: 'Tablets' })
    expect(within(list).getAllByTestId('tablet')).toHaveLength(1)
    expect(screen.queryByRole('button', { name: /Remove/ })).not.toBeInTheDocument()
    expect(screen.getByText(/removing one needs a store manager/)).toBeInTheDocument()
  })
})
