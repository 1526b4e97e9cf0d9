import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { SignInForm } from '../../web/features/auth/components/sign-in-form'
import { registeredDeviceStore, rememberDevice } from '../../web/features/auth/lib/device'
import { apiError, fakeFetch, json, me } from './support/fake-api'
import { renderWithProviders } from './support/render'

const signedIn = me()

function setup({ allowPin = false, routes = {} }: { allowPin?: boolean; routes?: Parameters<typeof fakeFetch>[0] } = {}) {
  let session = false
  const fetch = fakeFetch({
    'POST /api/auth/login': ({ body }) => {
      const b = body as { employeeNo: string; password: string }
      if (b.employeeNo === 'E1001' && b.password === 'demo1234') {
        session = true
        return json(200, { user: signedIn.user })
      }
      return apiError(401, 'INVALID_CREDENTIALS', 'Invalid credentials')
    },
    'POST /api/auth/pin': ({ body }) => {
      const b = body as { employeeNo: string; pin: string }
      if (b.employeeNo === 'E1001' && b.pin === '1001') {
        session = true
        return json(200, { user: signedIn.user })
      }
      return apiError(401, 'INVALID_CREDENTIALS', 'Invalid credentials')
    },
    'GET /api/me': () => (session ? json(200, signedIn) : apiError(401, 'UNAUTHENTICATED')),
    ...routes,
  })
  const onSignedIn = vi.fn()
  const user = userEvent.setup()
  const utils = renderWithProviders(<SignInForm allowPin={allowPin} onSignedIn={onSignedIn} />, { fetch })
  return { ...utils, fetch, onSignedIn, user }
}

const sentTo = (fetch: ReturnType<typeof fakeFetch>, path: string) =>
  fetch.mock.calls.filter(([url]) => String(url).startsWith(path)).map(([, init]) => init!)

describe('sign-in form', () => {
  it('signs in with employee number and password, then loads who is signed in', async () => {
    const { user, fetch, onSignedIn } = setup()
    await user.type(screen.getByLabelText('Employee number'), ' e1001 ')
    await user.type(screen.getByLabelText('Password'), 'demo1234')
    await user.click(screen.getByRole('button', { name: 'Sign in' }))

    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(signedIn))
    const [login] = sentTo(fetch, '/api/auth/login')
    expect(JSON.parse(String(login!.body))).toEqual({ employeeNo: 'E1001', password: 'demo1234' })
    expect(login!.credentials).toBe('same-origin')
    expect(new Headers(login!.headers).get('content-type')).toBe('application/json')
    expect(sentTo(fetch, '/api/me')).toHaveLength(1)
    expect(localStorage.getItem('backstore.deviceStoreId')).toBe('st-1')
  })

  it('asks for missing fields without calling the server', async () => {
    const { user, fetch } = setup()
    await user.click(screen.getByRole('button', { name: 'Sign in' }))
    expect(screen.getByText('Enter your employee number.')).toBeInTheDocument()
    expect(screen.getByText('Enter your password.')).toBeInTheDocument()
    expect(screen.getByLabelText('Password')).toHaveAttribute('aria-invalid', 'true')
    expect(fetch).not.toHaveBeenCalled()
  })

  it('says when the credentials are wrong and clears the password', async () => {
    const { user, onSignedIn } = setup()
    await user.type(screen.getByLabelText('Employee number'), 'E1001')
    await user.type(screen.getByLabelText('Password'), 'wrong{Enter}')
    expect(await screen.findByRole('alert')).toHaveTextContent('Employee number or password is not correct.')
    expect(screen.getByLabelText('Password')).toHaveValue('')
    // Ready for the next try: focused, and not flagged as a missing field.
    expect(screen.getByLabelText('Password')).toHaveFocus()
    expect(screen.queryByText('Enter your password.')).not.toBeInTheDocument()
    expect(onSignedIn).not.toHaveBeenCalled()
  })

  it.each([
    [apiError(423, 'ACCOUNT_LOCKED'), 'This account is locked'],
    [apiError(429, 'RATE_LIMITED', 'Too many', { retryAfterSeconds: 42 }), 'Try again in 42 seconds.'],
  ])('explains %j', async (answer, message) => {
    const { user } = setup({ routes: { 'POST /api/auth/login': answer } })
    await user.type(screen.getByLabelText('Employee number'), 'E1001')
    await user.type(screen.getByLabelText('Password'), 'demo1234{Enter}')
    expect(await screen.findByRole('alert')).toHaveTextContent(message)
  })

  it('offers the PIN mode only on a registered tablet', () => {
    setup({ allowPin: false })
    expect(screen.queryByRole('radio', { name: 'PIN' })).not.toBeInTheDocument()
  })

  it('switches user with employee number and PIN on a registered tablet', async () => {
    const { user, fetch, onSignedIn } = setup({ allowPin: true })
    await user.click(screen.getByRole('radio', { name: 'PIN' }))
    await user.type(screen.getByLabelText('Employee number'), 'E1001')
    // Only digits reach the PIN field.
    await user.type(screen.getByLabelText('PIN'), '1a0b01')
    await user.click(screen.getByRole('button', { name: 'Switch user' }))

    await waitFor(() => expect(onSignedIn).toHaveBeenCalled())
    const [pin] = sentTo(fetch, '/api/auth/pin')
    expect(JSON.parse(String(pin!.body))).toEqual({ employeeNo: 'E1001', pin: '1001' })
    expect(sentTo(fetch, '/api/auth/login')).toHaveLength(0)
  })

  it('names the PIN when a PIN is wrong', async () => {
    const { user } = setup({ allowPin: true })
    await user.click(screen.getByRole('radio', { name: 'PIN' }))
    await user.type(screen.getByLabelText('Employee number'), 'E1001')
    await user.type(screen.getByLabelText('PIN'), '9999{Enter}')
    expect(await screen.findByRole('alert')).toHaveTextContent('Employee number or PIN is not correct.')
  })

  it('tells a browser that is not a store tablet to use the password', async () => {
    const { user } = setup({ allowPin: true, routes: { 'POST /api/auth/pin': apiError(403, 'DEVICE_NOT_REGISTERED') } })
    await user.click(screen.getByRole('radio', { name: 'PIN' }))
    await user.type(screen.getByLabelText('Employee number'), 'E1001')
    await user.type(screen.getByLabelText('PIN'), '1001{Enter}')
    expect(await screen.findByRole('alert')).toHaveTextContent('PIN switching only works on a store tablet')
  })

  it('a tablet the office removed: says to use the password, and stops offering the PIN on this browser', async () => {
    rememberDevice('st-1')
    const { user } = setup({ allowPin: true, routes: { 'POST /api/auth/pin': apiError(403, 'DEVICE_REVOKED') } })
    await user.click(screen.getByRole('radio', { name: 'PIN' }))
    await user.type(screen.getByLabelText('Employee number'), 'E1001')
    await user.type(screen.getByLabelText('PIN'), '1001{Enter}')
    expect(await screen.findByRole('alert')).toHaveTextContent('PIN switching only works on a store tablet. Sign in with your password.')
    expect(registeredDeviceStore()).toBeNull()
  })

  it('rejects a PIN that is too short before sending it', async () => {
    const { user, fetch } = setup({ allowPin: true })
    await user.click(screen.getByRole('radio', { name: 'PIN' }))
    await user.type(screen.getByLabelText('Employee number'), 'E1001')
    await user.type(screen.getByLabelText('PIN'), '12{Enter}')
    expect(screen.getByText('A PIN has 4 to 8 digits.')).toBeInTheDocument()
    expect(fetch).not.toHaveBeenCalled()
  })
})
