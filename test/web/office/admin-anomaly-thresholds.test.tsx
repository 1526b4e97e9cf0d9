import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { thresholdsBody } from '../../../web/app/routes/office/admin-anomaly-thresholds'
import { routes } from '../../../web/app/router'
import { fakeFetch, json, me, store } from '../support/fake-api'
import { renderRoutes } from '../support/render'

type Routes = Parameters<typeof fakeFetch>[0]

const BASE = ['item.read', 'movement.read', 'correction.read']
const adminMe = me({
  user: { id: 'u-admin', name: 'Ada Admin', employeeNo: 'E9001', locale: 'en' },
  stores: [store({ roles: ['admin'], actions: [...BASE, 'policy.read', 'policy.manage'] })],
  chainActions: ['item.read', 'policy.read', 'policy.manage'],
  device: null,
})
const managerMe = me({
  user: { id: 'u-mgr', name: 'Sabine Krüger', employeeNo: 'E1004', locale: 'en' },
  stores: [store({ roles: ['store_manager'], actions: [...BASE, 'report.read', 'policy.read'] })],
  chainActions: [...BASE, 'report.read', 'policy.read'],
})

const DEFAULTS = {
  pairMaxShare: 0.5,
  pairMinStoreCorrections: 10,
  pairMinPairCorrections: 5,
  nearBand: 0.1,
  nearMinCount: 3,
  repeatMinCount: 3,
  countWindowHours: 24,
  hoursGraceMinutes: 30,
  shrinkFactor: 2,
  shrinkMinPeers: 2,
}
type Values = typeof DEFAULTS

/** The server's answer for some stored overrides (none: every default). */
function settings(overrides: Partial<Values>, updated = Object.keys(overrides).length > 0) {
  const effective = { ...DEFAULTS, ...overrides }
  return {
    effective,
    sources: Object.fromEntries(Object.keys(DEFAULTS).map((k) => [k, k in overrides ? 'chain' : 'default'])),
    overrides,
    defaults: DEFAULTS,
    ignored: [],
    updatedAt: updated ? '2026-11-20T09:00:00.000Z' : null,
    updatedBy: updated ? 'u-admin' : null,
    updatedByName: updated ? 'Ada Admin' : null,
  }
}

function start(session: typeof adminMe, extra: Routes) {
  const fetch = fakeFetch({
    'GET /api/me': json(200, session),
    'GET /api/stores/st-1/tier-policy': json(404, { error: { code: 'NOT_FOUND', message: 'not in this test' } }),
    'GET /api/stores/st-1/devices': json(200, { devices: [] }),
    ...extra,
  })
  const user = userEvent.setup()
  return { ...renderRoutes(routes, { fetch, path: '/stores/st-1/office/admin' }), fetch, user }
}

const sent = (fetch: ReturnType<typeof fakeFetch>, method: string, path: string) =>
  fetch.mock.calls
    .filter(([url, init]) => new URL(String(url), 'http://localhost').pathname === path && (init?.method ?? 'GET').toUpperCase() === method)
    .map(([, init]) => (typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined))

const PATH = '/api/admin/anomaly-thresholds'

afterEach(() => vi.restoreAllMocks())

describe('anomaly thresholds in the office', () => {
  it('the form starts from the server’s values; saving sends the values that differ from the defaults', async () => {
    let stored: Partial<Values> = { repeatMinCount: 5 }
    const { fetch, user } = start(adminMe, {
      [`GET ${PATH}`]: () => json(200, settings(stored)),
      [`PUT ${PATH}`]: ({ body }) => {
        stored = body as Partial<Values>
        return json(200, { ...settings(stored), updatedAt: '2026-11-26T10:00:00.000Z' })
      },
    })
    const form = await screen.findByRole('form', { name: 'Anomaly thresholds' })
    const f = within(form)
    expect(f.getByTestId('anomaly-thresholds-source')).toHaveTextContent('1 threshold is set for the chain; the others are at their defaults. Last changed by Ada Admin')
    // Shares in percent; every field labelled, with its default and range.
    const share = f.getByLabelText("Flag one pair above this share of a store's confirmed corrections (%)")
    expect(share).toHaveValue('50')
    expect(share).toHaveAccessibleDescription('Default 50% · allowed 0% to 100%')
    const repeat = f.getByLabelText('Flag one item written off by one person in at least this many corrections')
    expect(repeat).toHaveValue('5')
    expect(repeat).toHaveAccessibleDescription('Default 3 · allowed 2 to 10000 · set for the chain')
    expect(f.getByLabelText('Grace before opening and after closing (minutes)')).toHaveValue('30')
    expect(f.getByRole('group', { name: 'Same item written off again and again by one person' })).toContainElement(repeat)
    // Nothing changed yet: nothing to save.
    expect(f.getByRole('button', { name: 'Save' })).toBeDisabled()
    // Every button is a touch target (the .btn class is at least 44 px tall).
    for (const button of f.getAllByRole('button')) expect(button).toHaveClass('btn')

    await user.clear(share)
    await user.type(share, '40')
    await user.clear(f.getByLabelText(/Flag a store's shrink above this multiple/))
    await user.type(f.getByLabelText(/Flag a store's shrink above this multiple/), '2,5')
    await user.click(f.getByRole('button', { name: 'Save' }))

    await waitFor(() => expect(sent(fetch, 'PUT', PATH)).toHaveLength(1))
    // The untouched stored value is kept; the changed ones are sent as the API wants them (a share as a fraction).
    expect(sent(fetch, 'PUT', PATH)[0]).toEqual({ repeatMinCount: 5, pairMaxShare: 0.4, shrinkFactor: 2.5 })
    expect(await f.findByText('The anomaly reports use the new thresholds from now on.')).toBeInTheDocument()
    expect(share).toHaveValue('40')
    expect(f.getByTestId('anomaly-thresholds-source')).toHaveTextContent('3 thresholds are set for the chain')
    expect(f.getByRole('button', { name: 'Save' })).toBeDisabled()
  })

  it('a value set back to its default is no longer stored', async () => {
    const { fetch, user } = start(adminMe, {
      [`GET ${PATH}`]: json(200, settings({ repeatMinCount: 5, nearMinCount: 4 })),
      [`PUT ${PATH}`]: ({ body }) => json(200, settings(body as Partial<Values>)),
    })
    const f = within(await screen.findByRole('form', { name: 'Anomaly thresholds' }))
    const repeat = f.getByLabelText('Flag one item written off by one person in at least this many corrections')
    await user.clear(repeat)
    await user.type(repeat, '3')
    await user.click(f.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(sent(fetch, 'PUT', PATH)).toEqual([{ nearMinCount: 4 }]))
  })

  it('refuses values outside the range before sending, naming the range', async () => {
    const { fetch, user } = start(adminMe, { [`GET ${PATH}`]: json(200, settings({})) })
    const f = within(await screen.findByRole('form', { name: 'Anomaly thresholds' }))
    const repeat = f.getByLabelText('Flag one item written off by one person in at least this many corrections')
    await user.clear(repeat)
    await user.type(repeat, '1')
    expect(repeat).toHaveAccessibleDescription('Enter a whole number from 2 to 10000.')
    expect(repeat).toBeInvalid()
    expect(f.getByRole('button', { name: 'Save' })).toBeDisabled()
    await user.clear(repeat)
    await user.type(repeat, '3.5')
    expect(repeat).toHaveAccessibleDescription('Enter a whole number from 2 to 10000.')
    const share = f.getByLabelText("Flag one pair above this share of a store's confirmed corrections (%)")
    await user.clear(share)
    await user.type(share, '120')
    expect(share).toHaveAccessibleDescription('Enter a number from 0% to 100%.')
    // Undo brings the server's values back.
    await user.click(f.getByRole('button', { name: 'Reset' }))
    expect(repeat).toHaveValue('3')
    expect(share).toHaveValue('50')
    expect(sent(fetch, 'PUT', PATH)).toEqual([])
  })

  it('back to the defaults, after asking', async () => {
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true)
    const { fetch, user } = start(adminMe, {
      [`GET ${PATH}`]: json(200, settings({ repeatMinCount: 5 })),
      [`DELETE ${PATH}`]: json(200, { ...settings({}), removed: true }),
    })
    const f = within(await screen.findByRole('form', { name: 'Anomaly thresholds' }))
    await user.click(f.getByRole('button', { name: 'Back to the defaults' }))
    expect(confirm).toHaveBeenCalledWith('Set every anomaly threshold back to its default? The anomaly reports use the defaults from now on.')
    expect(await f.findByText('Every anomaly threshold is back at its default.')).toBeInTheDocument()
    expect(sent(fetch, 'DELETE', PATH)).toHaveLength(1)
    expect(f.getByLabelText('Flag one item written off by one person in at least this many corrections')).toHaveValue('3')
    expect(f.getByTestId('anomaly-thresholds-source')).toHaveTextContent('Every threshold is at its default.')
    expect(f.queryByRole('button', { name: 'Back to the defaults' })).not.toBeInTheDocument()
  })

  it('shows a refusal from the server in words, and keeps what was typed', async () => {
    const { user } = start(adminMe, {
      [`GET ${PATH}`]: json(200, settings({})),
      [`PUT ${PATH}`]: json(403, { error: { code: 'FORBIDDEN', message: 'Your role does not allow this (policy.manage)' } }),
    })
    const f = within(await screen.findByRole('form', { name: 'Anomaly thresholds' }))
    const repeat = f.getByLabelText('Flag one item written off by one person in at least this many corrections')
    await user.clear(repeat)
    await user.type(repeat, '4')
    await user.click(f.getByRole('button', { name: 'Save' }))
    expect(await f.findByRole('alert')).toHaveTextContent('Your role does not allow this (policy.manage)')
    expect(repeat).toHaveValue('4')
  })

  it('a store manager reads the thresholds, without a form', async () => {
    const { fetch } = start(managerMe, { [`GET ${PATH}`]: json(200, settings({ shrinkFactor: 3 })) })
    expect(await screen.findByText('1 threshold is set for the chain; the others are at their defaults.')).toBeInTheDocument()
    expect(screen.getByText('Only an administrator changes the anomaly thresholds.')).toBeInTheDocument()
    expect(screen.getByText('3×')).toBeInTheDocument()
    expect(screen.getByText('24 h')).toBeInTheDocument()
    expect(screen.queryByRole('form', { name: 'Anomaly thresholds' })).not.toBeInTheDocument()
    expect(sent(fetch, 'PUT', PATH)).toEqual([])
  })

  it('is not shown (nor asked for) without policy.read', async () => {
    const keysOnly = me({ stores: [store({ roles: ['store_manager'], actions: [...BASE, 'pos.keys'] })], chainActions: [...BASE, 'pos.keys'] })
    const { fetch } = start(keysOnly, { 'GET /api/stores/st-1/pos-keys': json(200, { keys: [] }) })
    expect(await screen.findByText('No keys yet.', { exact: false })).toBeInTheDocument()
    expect(screen.queryByText('Anomaly thresholds')).not.toBeInTheDocument()
    expect(sent(fetch, 'GET', PATH)).toEqual([])
  })
})

describe('thresholdsBody', () => {
  it('keeps only values that differ from the defaults, converting percentages', () => {
    expect(thresholdsBody(DEFAULTS, DEFAULTS, {})).toEqual({})
    expect(thresholdsBody({ ...DEFAULTS, repeatMinCount: 4 }, DEFAULTS, { nearBand: '7' })).toEqual({ repeatMinCount: 4, nearBand: 0.07 })
    expect(thresholdsBody(DEFAULTS, DEFAULTS, { countWindowHours: '1,5' })).toEqual({ countWindowHours: 1.5 })
  })

  it('is null while a field is not allowed', () => {
    for (const edits of [{ repeatMinCount: '1' }, { nearMinCount: '2.5' }, { pairMaxShare: 'abc' }, { shrinkFactor: '' }, { hoursGraceMinutes: '-5' }]) {
      expect(thresholdsBody(DEFAULTS, DEFAULTS, edits), JSON.stringify(edits)).toBeNull()
    }
  })
})
