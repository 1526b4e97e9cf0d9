import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { routes } from '../../../web/app/router'
import { apiError, fakeFetch, json, me, store } from '../support/fake-api'
import { renderRoutes } from '../support/render'

/** The office's user list: whose password or PIN is still someone else's, and a temporary password reset. */

const managerMe = me({
  user: { id: 'u-mgr', name: 'Sabine Krüger', employeeNo: 'E1004', locale: 'en' },
  stores: [store({ roles: ['store_manager'], actions: ['item.read', 'movement.read', 'correction.read', 'store.users'] })],
  chainActions: ['store.users'],
})

const user = (over: Record<string, unknown>) => ({
  locale: 'en',
  active: true,
  disabledAt: null,
  createdAt: '2026-11-20T09:00:00.000Z',
  hasPin: true,
  passwordTemporary: false,
  pinTemporary: false,
  roles: [{ id: 'ra-1', role: 'lead', storeId: 'st-1', regionId: null, grantedAt: '2026-11-20T09:00:00.000Z', grantedBy: 'u-mgr' }],
  ...over,
})

describe('users in the office', () => {
  it('flags temporary secrets and sets a temporary password (refused ones are said in the dialog)', async () => {
    let jonas = user({ id: 'u-jonas', employeeNo: 'E1003', name: 'Jonas Becker', pinTemporary: true })
    const answers = [apiError(403, 'FORBIDDEN', 'This person also works elsewhere or above store level: ask a chain administrator')]
    const fetch = fakeFetch({
      'GET /api/me': json(200, managerMe),
      'GET /api/admin/users': () => json(200, { users: [jonas, user({ id: 'u-lena', employeeNo: 'E1001', name: 'Lena Petersen' })], nextOffset: null }),
      'POST /api/admin/users/u-jonas/password': () => {
        const refused = answers.shift()
        if (refused) return refused
        jonas = { ...jonas, passwordTemporary: true }
        return json(200, { id: 'u-jonas', mustChangePassword: true, sessionsEnded: 1 })
      },
    })
    const ui = userEvent.setup()
    renderRoutes(routes, { fetch, path: '/stores/st-1/office/admin' })
    const row = (await screen.findAllByTestId('user-row')).find((r) => r.textContent?.includes('Jonas Becker'))!
    expect(within(row).getByText('Temporary PIN')).toBeInTheDocument()
    expect(within(row).queryByText('Temporary password')).not.toBeInTheDocument()
    const lena = (await screen.findAllByTestId('user-row')).find((r) => r.textContent?.includes('Lena Petersen'))!
    expect(within(lena).queryByText(/Temporary/)).not.toBeInTheDocument()

    await ui.click(within(row).getByRole('button', { name: 'Reset password' }))
    const dialog = await screen.findByRole('dialog', { name: 'Temporary password for Jonas Becker' })
    expect(within(dialog).getByText(/Their sessions end now/)).toBeInTheDocument()
    await ui.type(within(dialog).getByLabelText('Temporary password'), 'short')
    await ui.click(within(dialog).getByRole('button', { name: 'Set temporary password' }))
    expect(within(dialog).getAllByText('At least 8 characters.').length).toBeGreaterThan(0)
    await ui.clear(within(dialog).getByLabelText('Temporary password'))
    await ui.type(within(dialog).getByLabelText('Temporary password'), 'temp-pass-4826')
    await ui.click(within(dialog).getByRole('button', { name: 'Set temporary password' }))
    expect(await within(dialog).findByRole('alert')).toBeInTheDocument()
    await ui.click(within(dialog).getByRole('button', { name: 'Set temporary password' }))
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Temporary password for Jonas Becker' })).not.toBeInTheDocument())
    const after = (await screen.findAllByTestId('user-row')).find((r) => r.textContent?.includes('Jonas Becker'))!
    expect(await within(after).findByText('Temporary password')).toBeInTheDocument()
    const posts = fetch.mock.calls.filter(([url, init]) => String(url).endsWith('/api/admin/users/u-jonas/password') && init?.method === 'POST')
    expect(posts.map(([, init]) => JSON.parse(String(init!.body)))).toEqual([{ password: 'temp-pass-4826' }, { password: 'temp-pass-4826' }])
  })
})
