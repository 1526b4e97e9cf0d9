import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { routes } from '../../web/app/router'
import { ApiError } from '../../web/lib/api-client'
import { describeDecisionError } from '../../web/features/step-up/lib/decision-errors'
import { apiError, fakeFetch, json, me } from './support/fake-api'
import { renderRoutes } from './support/render'

/**
 * The account screens: the forced "choose your own" screen after a sign-in with a temporary password (or a
 * PIN switch with a temporary PIN), the Password & PIN dialog from the header, and the reminder to replace a
 * PIN someone else set — with the server's rules checked before sending and its answers in words.
 */

type Routes = Parameters<typeof fakeFetch>[0]
type Account = ReturnType<typeof me>['account']

const free: Account = { mustChangePassword: false, mustChangePin: false, hasPin: true, restriction: null }

function start(account: Account, extra: Routes = {}, path = '/') {
  let current: ReturnType<typeof me> | null = me({ account })
  const fetch = fakeFetch({
    'GET /api/me': () => (current ? json(200, current) : apiError(401, 'UNAUTHENTICATED')),
    'POST /api/auth/logout': () => {
      current = null
      return json(204)
    },
    'GET /api/stores/st-1/items/search': json(200, { items: [] }),
    ...extra,
  })
  const user = userEvent.setup()
  const setAccount = (next: Partial<Account>) => {
    current = me({ account: { ...(current ?? me()).account, ...next } })
  }
  return { ...renderRoutes(routes, { fetch, path }), fetch, user, setAccount }
}

const sent = (fetch: ReturnType<typeof fakeFetch>, path: string) =>
  fetch.mock.calls.filter(([url, init]) => String(url).endsWith(path) && init?.method === 'POST').map(([, init]) => JSON.parse(String(init!.body)))

const changed = (account: Partial<Account>, sessionsEnded = 0) =>
  json(200, { changedAt: '2026-11-02T10:00:00.000Z', sessionsEnded, account: { ...free, ...account } })

describe('after a sign-in with a temporary password', () => {
  it('only the "choose your own password" screen shows; the new password is checked before it is sent; then the app opens', async () => {
    let app: ReturnType<typeof start>
    const routesWithChange: Routes = {
      'POST /api/me/password': ({ body }) => {
        const b = body as { currentPassword: string; newPassword: string }
        if (b.currentPassword !== 'given-pass-1') return apiError(401, 'INVALID_CREDENTIALS', 'Your current password is not correct', { proof: 'password' })
        app.setAccount({ mustChangePassword: false, restriction: null })
        return changed({ mustChangePin: true })
      },
    }
    app = start({ mustChangePassword: true, mustChangePin: true, hasPin: true, restriction: 'password' }, routesWithChange)
    const { user, fetch, router } = app
    expect(await screen.findByRole('heading', { name: 'Choose your own password' })).toBeInTheDocument()
    expect(screen.getByText(/Clara Clerk, your password was set by someone else/)).toBeInTheDocument()
    expect(screen.queryByPlaceholderText('Name, SKU or barcode')).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /Clara Clerk/ })).not.toBeInTheDocument() // no app shell behind it

    const save = screen.getByRole('button', { name: 'Save new password' })
    await user.click(save)
    expect(screen.getAllByText('Fill in this field.')).toHaveLength(2)

    await user.type(screen.getByLabelText('Password you were given'), 'given-pass-1')
    await user.type(screen.getByLabelText('New password'), 'Passwort2026!')
    await user.type(screen.getByLabelText('New password again'), 'Passwort2026!')
    await user.click(save)
    expect(screen.getByText(/Too easy to guess: a common word/)).toBeInTheDocument()
    await user.clear(screen.getByLabelText('New password'))
    await user.type(screen.getByLabelText('New password'), 'claras own pass 7')
    await user.click(save)
    expect(screen.getByText('The two entries are not the same.')).toBeInTheDocument()
    expect(sent(fetch, '/api/me/password')).toEqual([]) // nothing went out yet

    // A wrong given password: said at its field, which is cleared (the new ones are kept).
    await user.clear(screen.getByLabelText('Password you were given'))
    await user.type(screen.getByLabelText('Password you were given'), 'wrong-given')
    await user.clear(screen.getByLabelText('New password again'))
    await user.type(screen.getByLabelText('New password again'), 'claras own pass 7')
    await user.click(save)
    expect(await screen.findByText('Your current password is not correct.')).toBeInTheDocument()
    expect(screen.getByLabelText('Password you were given')).toHaveValue('')
    expect(screen.getByLabelText('Password you were given')).toHaveFocus()

    await user.type(screen.getByLabelText('Password you were given'), 'given-pass-1')
    await user.click(save)
    expect(await screen.findByPlaceholderText('Name, SKU or barcode')).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/stores/st-1/floor')
    expect(sent(fetch, '/api/me/password').at(-1)).toEqual({ currentPassword: 'given-pass-1', newPassword: 'claras own pass 7' })
    // The PIN someone else set is still to be replaced: a reminder with a way to do it.
    expect(await screen.findByText(/Your PIN was set by someone else/)).toBeInTheDocument()
  })

  it('signing out is always possible there', async () => {
    const { user, router } = start({ mustChangePassword: true, mustChangePin: false, hasPin: true, restriction: 'password' })
    await user.click(await screen.findByRole('button', { name: 'Sign out' }))
    await waitFor(() => expect(router.state.location.pathname).toBe('/sign-in'))
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument()
  })
})

describe('after a PIN switch with a temporary PIN', () => {
  it('the new PIN is confirmed with the password; trivial PINs are refused before sending', async () => {
    let app: ReturnType<typeof start>
    app = start({ mustChangePassword: false, mustChangePin: true, hasPin: true, restriction: 'pin' }, {
      'POST /api/me/pin': () => {
        app.setAccount({ mustChangePin: false, restriction: null })
        return changed({})
      },
    })
    const { user, fetch } = app
    expect(await screen.findByRole('heading', { name: 'Set your own PIN' })).toBeInTheDocument()
    expect(screen.getByText('Your PIN was set by someone else, so confirm with your password.')).toBeInTheDocument()
    expect(screen.queryByRole('radiogroup', { name: 'Confirm with' })).not.toBeInTheDocument()
    await user.type(screen.getByLabelText('Your password'), 'claras own pass 7')
    for (const [pin, message] of [
      ['1111', /no repeated digits/],
      ['1234', /no runs like 1234/],
      ['1001', /digits of your employee number/],
      ['2024', /no years/],
    ] as const) {
      await user.clear(screen.getByLabelText('New PIN'))
      await user.type(screen.getByLabelText('New PIN'), pin)
      await user.click(screen.getByRole('button', { name: 'Save new PIN' }))
      expect(screen.getByText(message)).toBeInTheDocument()
    }
    expect(sent(fetch, '/api/me/pin')).toEqual([])
    await user.clear(screen.getByLabelText('New PIN'))
    await user.type(screen.getByLabelText('New PIN'), '82a64')
    expect(screen.getByLabelText('New PIN')).toHaveValue('8264') // digits only
    await user.type(screen.getByLabelText('New PIN again'), '8264')
    await user.click(screen.getByRole('button', { name: 'Save new PIN' }))
    expect(await screen.findByPlaceholderText('Name, SKU or barcode')).toBeInTheDocument()
    expect(sent(fetch, '/api/me/pin')).toEqual([{ currentPassword: 'claras own pass 7', newPin: '8264' }])
  })
})

describe('Password & PIN from the header', () => {
  it('changes the PIN with the current PIN, and the password (saying how many other sessions ended)', async () => {
    const { user, fetch } = start(free, {
      'POST /api/me/pin': ({ body }) =>
        (body as { currentPin?: string }).currentPin === '1001' ? changed({}) : apiError(401, 'INVALID_CREDENTIALS', 'wrong', { proof: 'pin' }),
      'POST /api/me/password': changed({}, 2),
    })
    const banner = await screen.findByRole('banner')
    await user.click(within(banner).getByRole('button', { name: /Clara Clerk/ }))
    await user.click(await screen.findByRole('button', { name: 'Password & PIN' }))
    const dialog = await screen.findByRole('dialog', { name: 'Your password and PIN' })
    await user.click(within(dialog).getByRole('button', { name: 'Change PIN' }))
    expect(within(dialog).getByRole('radio', { name: 'Current PIN' })).toHaveAttribute('aria-checked', 'true')
    await user.type(within(dialog).getByLabelText('Current PIN'), '9999')
    await user.type(within(dialog).getByLabelText('New PIN'), '8264')
    await user.type(within(dialog).getByLabelText('New PIN again'), '8264')
    await user.click(within(dialog).getByRole('button', { name: 'Save new PIN' }))
    expect(await within(dialog).findByText('Your current PIN is not correct.')).toBeInTheDocument()
    await user.type(within(dialog).getByLabelText('Current PIN'), '1001')
    await user.click(within(dialog).getByRole('button', { name: 'Save new PIN' }))
    expect(await within(dialog).findByText('Your PIN was changed. Use it from now on to switch users and to confirm.')).toBeInTheDocument()
    expect(sent(fetch, '/api/me/pin').at(-1)).toEqual({ currentPin: '1001', newPin: '8264' })

    await user.click(within(dialog).getByRole('button', { name: 'Change password' }))
    await user.type(within(dialog).getByLabelText('Current password'), 'claras own pass 7')
    await user.type(within(dialog).getByLabelText('New password'), 'claras newer pass 8')
    await user.type(within(dialog).getByLabelText('New password again'), 'claras newer pass 8')
    await user.click(within(dialog).getByRole('button', { name: 'Save new password' }))
    expect(await within(dialog).findByText('Your password was changed. 2 other sessions were signed out.')).toBeInTheDocument()
    // Touch targets: every button in the dialog is a big one.
    for (const button of within(dialog).getAllByRole('button', { name: /Change|Done/ })) expect(button).toHaveClass('btn-lg')
  })

  it("says the server's refusals in words: weak, unchanged, locked; a PIN that proves nothing switches to the password", async () => {
    const answers = [
      apiError(422, 'WEAK_SECRET', 'weak', { secret: 'pin', reason: 'common' }),
      apiError(422, 'SAME_SECRET', 'same', { secret: 'pin' }),
      apiError(403, 'PIN_CHANGE_REQUIRED', 'temporary', { proof: 'password' }),
      apiError(423, 'ACCOUNT_LOCKED', 'locked', { retryAfterSeconds: 900 }),
    ]
    const { user } = start(free, { 'POST /api/me/pin': () => answers.shift()! })
    await user.click(within(await screen.findByRole('banner')).getByRole('button', { name: /Clara Clerk/ }))
    await user.click(await screen.findByRole('button', { name: 'Password & PIN' }))
    const dialog = await screen.findByRole('dialog', { name: 'Your password and PIN' })
    await user.click(within(dialog).getByRole('button', { name: 'Change PIN' }))
    const fill = async (current: string) => {
      await user.type(within(dialog).getByLabelText(/Current PIN|Your password/), current)
      for (const label of ['New PIN', 'New PIN again']) {
        await user.clear(within(dialog).getByLabelText(label))
        await user.type(within(dialog).getByLabelText(label), '8264')
      }
      await user.click(within(dialog).getByRole('button', { name: 'Save new PIN' }))
    }
    await fill('1001')
    expect(await within(dialog).findByText(/no years and no straight lines on the keypad/)).toBeInTheDocument()
    await fill('1001')
    expect(await within(dialog).findByText('That is your current PIN. Choose a different one.')).toBeInTheDocument()
    await fill('1001')
    expect(await within(dialog).findByText(/so it does not prove who you are. Confirm with your password/)).toBeInTheDocument()
    expect(within(dialog).getByRole('radio', { name: 'Password' })).toHaveAttribute('aria-checked', 'true')
    await fill('claras own pass 7')
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Too many wrong attempts: this account is locked for a while.')
  })

  it('a PIN someone else set: a reminder above every screen opens the PIN form, confirmed with the password', async () => {
    const { user } = start({ mustChangePassword: false, mustChangePin: true, hasPin: true, restriction: null })
    expect(await screen.findByText(/Your PIN was set by someone else\. Set your own/)).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Set my own PIN' }))
    const dialog = await screen.findByRole('dialog', { name: 'Your password and PIN' })
    expect(within(dialog).getByText('Your PIN was set by someone else, so confirm with your password.')).toBeInTheDocument()
    expect(within(dialog).getByLabelText('Your password')).toBeInTheDocument()
    expect(within(dialog).queryByRole('radiogroup')).not.toBeInTheDocument()
  })
})

describe('a session held back meanwhile', () => {
  it('any call answered 403 PASSWORD_CHANGE_REQUIRED (a reset meanwhile) asks who is here: the forced screen follows', async () => {
    let app: ReturnType<typeof start>
    app = start(free, {
      'GET /api/stores/st-1/items/search': () => {
        app.setAccount({ mustChangePassword: true, restriction: 'password' })
        return apiError(403, 'PASSWORD_CHANGE_REQUIRED', 'Your password was set by someone else')
      },
    })
    const { user } = app
    await user.type(await screen.findByPlaceholderText('Name, SKU or barcode'), 'milk')
    expect(await screen.findByRole('heading', { name: 'Choose your own password' })).toBeInTheDocument()
  })

  it('the hand-over dialog says why a temporary PIN cannot sign a decision', () => {
    expect(describeDecisionError(new ApiError(403, 'PIN_CHANGE_REQUIRED', ''))).toMatchObject({ key: 'pinChangeRequired', field: 'employeeNo', handOver: true })
    expect(describeDecisionError(new ApiError(403, 'PASSWORD_CHANGE_REQUIRED', ''))).toMatchObject({ key: 'passwordChangeRequired' })
  })
})
