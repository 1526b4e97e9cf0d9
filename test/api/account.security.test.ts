import { sql } from 'drizzle-orm'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { call, createTestApp, disableUser, pinSwitch, signIn, type Session, type TestApp } from '../support/app'
import { createTestDatabase } from '../support/db'
import { createFixture, PASSWORD, type Fixture } from '../support/fixtures'
import { assertInvariants, expectRefused, fingerprint } from '../support/invariants'
import { decide, entered, line } from './corrections-helpers'

/**
 * Self-service credentials from the outside, the refusals: wrong proofs count toward the sign-in lockout
 * (and change nothing else), weak or unchanged secrets and forged fields change nothing at all, a session
 * holding a temporary secret reaches nothing but its own account, a temporary secret proves nothing, and an
 * administrator's password reset follows the PIN reset's scope.
 */

let database: Database
let app: TestApp
let fx: Fixture

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
})

/** Each describe its own app (its own in-memory per-IP sign-in limiter) on the one database. */
const freshApp = () =>
  beforeAll(() => {
    app = createTestApp(database)
  })

afterEach(async () => {
  await assertInvariants(database)
})

const ok = (res: { status: number; body: any }, status = 200) => {
  expect(res.status, JSON.stringify(res.body)).toBe(status)
  return res.body
}
const changePassword = (session: Session, body: unknown) => call(app, session, 'POST', '/api/me/password', { body })
const changePin = (session: Session, body: unknown) => call(app, session, 'POST', '/api/me/pin', { body })
const login = (employeeNo: string, password: string) => call(app, null, 'POST', '/api/auth/login', { body: { employeeNo, password } })

/** Every table but the two a counted failure writes (the lockout counter and its audit event). */
async function fingerprintBesidesFailures() {
  return (await fingerprint(database))
    .split('\n')
    .filter((t) => !t.startsWith('login_throttle:') && !t.startsWith('audit_events:'))
    .join('\n')
}

describe('wrong proofs count toward the sign-in lockout, and change nothing else', () => {
  freshApp()
  it('a wrong current password: 401 INVALID_CREDENTIALS, one failure and its audit event, no secret anywhere', async () => {
    const lead = await signIn(app, fx.users.lead.employeeNo)
    const before = await fingerprintBesidesFailures()
    const res = await changePassword(lead, { currentPassword: 'not-my-password', newPassword: 'leas new pass 11' })
    expect(res.status).toBe(401)
    expect(res.body.error).toMatchObject({ code: 'INVALID_CREDENTIALS', message: 'Your current password is not correct' })
    expect(await fingerprintBesidesFailures()).toBe(before)
    const [throttle] = await database.db.all<{ failures: number }>(sql`SELECT failures FROM login_throttle WHERE key = 'emp:E1003'`)
    expect(throttle).toEqual({ failures: 1 })
    const [event] = await database.db.all<{ action: string; after: string }>(sql`SELECT action, after FROM audit_events ORDER BY seq DESC LIMIT 1`)
    expect(event!.action).toBe('auth.credential_change_failed')
    expect(JSON.parse(event!.after)).toEqual({ secret: 'password', proof: 'password', locked: false })
    ok(await login('E1003', PASSWORD)) // clears the count
  })

  it('failures add up with failed sign-ins: the tenth locks the account (423) for changes and sign-in alike', async () => {
    const manager = await signIn(app, fx.users.manager.employeeNo)
    for (let i = 0; i < 7; i++) expect((await login('E1004', `wrong-${i}`)).status).toBe(401)
    expect((await changePin(manager, { currentPin: '9999', newPin: '8264' })).status).toBe(401)
    expect((await changePin(manager, { currentPassword: 'wrong-pass', newPin: '8264' })).status).toBe(401)
    const tenth = await changePassword(manager, { currentPassword: 'still-wrong', newPassword: 'maxs new pass 12' })
    expect(tenth.status).toBe(423)
    expect(tenth.body.error.code).toBe('ACCOUNT_LOCKED')
    expect((await login('E1004', PASSWORD)).status).toBe(423)
    expect((await changePassword(manager, { currentPassword: PASSWORD, newPassword: 'maxs new pass 12' })).status).toBe(423)
    expect((await call(app, manager, 'GET', '/api/me')).status).toBe(200) // like a failed sign-in, it ends no session
    // Locked: even the right password changes nothing until the lock ends.
    const other = await signIn(app, fx.users.manager.employeeNo, PASSWORD).catch((e: Error) => e)
    expect(other).toBeInstanceOf(Error)
    app.clock.advance(15 * 60_000 + 1)
    ok(await login('E1004', PASSWORD))
  })

  it('a correct proof with a weak, unchanged or malformed new secret changes nothing at all (no failure counted either)', async () => {
    const clerk = await signIn(app, fx.users.clerk.employeeNo)
    const weak = await expectRefused(database, () => changePassword(clerk, { currentPassword: PASSWORD, newPassword: 'short1' }), 422, 'WEAK_SECRET')
    expect(weak.body.error.details).toEqual({ secret: 'password', reason: 'too_short', minLength: 10 })
    for (const [newPassword, reason] of [
      ['Passwort2026!', 'common'],
      ['clara-E1001-x', 'contains_employee_no'],
      ['aaaaaaaaaaaaaa', 'too_simple'],
    ] as const) {
      const res = await expectRefused(database, () => changePassword(clerk, { currentPassword: PASSWORD, newPassword }), 422, 'WEAK_SECRET')
      expect(res.body.error.details.reason, newPassword).toBe(reason)
    }
    ok(await changePassword(clerk, { currentPassword: PASSWORD, newPassword: 'clara own pass 1' }))
    await expectRefused(database, () => changePassword(clerk, { currentPassword: 'clara own pass 1', newPassword: 'clara own pass 1' }), 422, 'SAME_SECRET')

    for (const [newPin, reason] of [
      ['1111', 'repeated'],
      ['1212', 'repeated'],
      ['1234', 'sequence'],
      ['9876', 'sequence'],
      ['1001', 'employee_no'],
      ['2580', 'common'],
    ] as const) {
      const res = await expectRefused(database, () => changePin(clerk, { currentPin: '1001', newPin }), 422, 'WEAK_SECRET')
      expect(res.body.error.details, newPin).toEqual({ secret: 'pin', reason })
    }
    ok(await changePin(clerk, { currentPin: '1001', newPin: '8264' }))
    await expectRefused(database, () => changePin(clerk, { currentPin: '8264', newPin: '8264' }), 422, 'SAME_SECRET')
    // Proven with the password, the same PIN again from this session is taken for a retry of the change it just
    // made (answered as before, nothing written); from another session it is no change at all.
    const before = await fingerprint(database)
    const retry = await changePin(clerk, { currentPassword: 'clara own pass 1', newPin: '8264' })
    expect(retry.status).toBe(200)
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    expect(await fingerprint(database)).toBe(before)
    const elsewhere = await signIn(app, fx.users.clerk.employeeNo, 'clara own pass 1')
    await expectRefused(database, () => changePin(elsewhere, { currentPassword: 'clara own pass 1', newPin: '8264' }), 422, 'SAME_SECRET')

    for (const body of [
      {},
      { newPassword: 'clara other pass 2' },
      { currentPassword: 'clara own pass 1', newPassword: 'clara other pass 2', userId: fx.users.admin.id },
      { currentPassword: 'clara own pass 1', newPassword: 'x'.repeat(257) },
      { currentPassword: 'clara own pass 1', newPassword: 12345678901 },
    ]) {
      await expectRefused(database, () => changePassword(clerk, body), 400, 'VALIDATION_FAILED')
    }
    for (const body of [
      { newPin: '7391' },
      { currentPin: '8264', currentPassword: 'clara own pass 1', newPin: '7391' },
      { currentPin: '8264', newPin: '73' },
      { currentPin: '8264', newPin: '７３９１' },
      { currentPin: '8264', newPin: '7391', employeeNo: 'E1004' },
    ]) {
      await expectRefused(database, () => changePin(clerk, body), 400, 'VALIDATION_FAILED')
    }
    // Without a session there is no "me".
    await expectRefused(database, () => call(app, null, 'POST', '/api/me/password', { body: { currentPassword: PASSWORD, newPassword: 'nobodys pass 1' } }), 401, 'UNAUTHENTICATED')
  })

  it('a PIN someone else set does not prove a PIN change (its setter knows it): 403, the password does', async () => {
    const manager = await signIn(app, fx.users.manager.employeeNo)
    ok(await call(app, manager, 'POST', `/api/admin/users/${fx.users.stockroom.id}/pin`, { body: { pin: '4242' } }))
    const stockroom = await signIn(app, fx.users.stockroom.employeeNo)
    const res = await expectRefused(database, () => changePin(stockroom, { currentPin: '4242', newPin: '7391' }), 403, 'PIN_CHANGE_REQUIRED')
    expect(res.body.error.message).toBe('Your PIN was set by someone else, so it does not prove who you are: confirm with your password')
    // A wrong temporary PIN is just wrong: nothing says whether the PIN is temporary.
    expect((await changePin(stockroom, { currentPin: '4243', newPin: '7391' })).body.error.code).toBe('INVALID_CREDENTIALS')
    ok(await changePin(stockroom, { currentPassword: PASSWORD, newPin: '7391' }))
  })
})

describe('a session holding a temporary secret reaches nothing but its own account', () => {
  freshApp()
  let temp: Session
  let pinTemp: Session

  beforeAll(async () => {
    const admin = await signIn(app, fx.users.admin.employeeNo)
    ok(await call(app, admin, 'POST', `/api/admin/users/${fx.users.stockroom2.id}/password`, { body: { password: 'temporary-1' } }))
    temp = await signIn(app, fx.users.stockroom2.employeeNo, 'temporary-1')
    ok(await call(app, admin, 'POST', `/api/admin/users/${fx.users.regional.id}/pin`, { body: { pin: '4242' } }))
    const tablet = await signIn(app, fx.users.lead.employeeNo)
    pinTemp = await pinSwitch(app, tablet, fx.users.regional.employeeNo, '4242')
  })

  const elsewhere: Array<[string, string, unknown?]> = [
    ['GET', '/api/stores/st-a1/items/search?q=milk'],
    ['GET', '/api/stores/st-a1/corrections'],
    ['POST', '/api/stores/st-a1/corrections', { id: '01930000-0000-7000-8000-000000000001', reasonCode: 'damaged', lines: [] }],
    ['GET', '/api/corrections/pending'],
    ['GET', '/api/admin/users'],
    ['POST', '/api/auth/step-up', { password: 'temporary-1' }],
    ['GET', '/api/audit/anchor'],
  ]

  it('a temporary password: 403 PASSWORD_CHANGE_REQUIRED everywhere else (also the PIN change), nothing changes', async () => {
    for (const [method, path, body] of elsewhere) {
      const res = await expectRefused(database, () => call(app, temp, method, path, { body }), 403, 'PASSWORD_CHANGE_REQUIRED')
      expect(res.body.error.message, path).toBe('Your password was set by someone else: choose your own password first (POST /api/me/password)')
    }
    await expectRefused(database, () => changePin(temp, { currentPassword: 'temporary-1', newPin: '7391' }), 403, 'PASSWORD_CHANGE_REQUIRED')
    expect(ok(await call(app, temp, 'GET', '/api/me')).account.restriction).toBe('password')
  })

  it('a session begun with a temporary PIN: 403 PIN_CHANGE_REQUIRED everywhere but me, sign-out and its own secrets', async () => {
    for (const [method, path, body] of elsewhere) {
      await expectRefused(database, () => call(app, pinTemp, method, path, { body }), 403, 'PIN_CHANGE_REQUIRED')
    }
    expect(ok(await call(app, pinTemp, 'GET', '/api/me')).account.restriction).toBe('pin')
    // The regional manager's own password session is not held back.
    const own = await signIn(app, fx.users.regional.employeeNo)
    ok(await call(app, own, 'GET', '/api/corrections/pending'))
  })

  it('signing out works in both', async () => {
    expect((await call(app, pinTemp, 'POST', '/api/auth/logout', { body: {} })).status).toBe(204)
    expect((await call(app, temp, 'POST', '/api/auth/logout', { body: {} })).status).toBe(204)
    expect((await call(app, temp, 'GET', '/api/me')).status).toBe(401)
  })
})

describe('a temporary secret proves nothing in a decision', () => {
  freshApp()
  it('handed the tablet, a temporary PIN (or the PIN of someone whose password is temporary) is refused once right — a wrong one is just wrong', async () => {
    const stockroom = await signIn(app, fx.users.stockroom.employeeNo)
    const c = await entered(app, stockroom, [line(fx.loc('st-a1', 'stockroom'), 'it-milk', -1)])
    // The regional manager's PIN was reset above (4242); the second stockroom worker's password (their PIN 1005 is their own).
    const pin = await expectRefused(database, () => decide(app, stockroom, 'confirm', c.id, { version: 1, credentials: { employeeNo: 'E2001', pin: '4242' } }), 403, 'PIN_CHANGE_REQUIRED')
    expect(pin.body.error.message).toBe("Rita Regional's PIN was set by someone else, so it confirms nothing: they set their own PIN first (in their account, with their password)")
    const manager = await signIn(app, fx.users.manager.employeeNo)
    ok(await call(app, manager, 'POST', `/api/admin/users/${fx.users.lead.id}/password`, { body: { password: 'temporary-2' } }))
    await expectRefused(database, () => decide(app, stockroom, 'confirm', c.id, { version: 1, credentials: { employeeNo: 'E1003', pin: '1003' } }), 403, 'PASSWORD_CHANGE_REQUIRED')
    await expectRefused(database, () => decide(app, stockroom, 'confirm', c.id, { version: 1, credentials: { employeeNo: 'E1003', password: 'temporary-2' } }), 403, 'PASSWORD_CHANGE_REQUIRED')
    const wrong = await decide(app, stockroom, 'confirm', c.id, { version: 1, credentials: { employeeNo: 'E2001', pin: '4243' } })
    expect(wrong.status).toBe(401)
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS')
    // The lead chooses their own password: their own PIN works again.
    const lead = await signIn(app, fx.users.lead.employeeNo, 'temporary-2')
    ok(await changePassword(lead, { currentPassword: 'temporary-2', newPassword: 'leas own pass 99' }))
    ok(await decide(app, stockroom, 'confirm', c.id, { version: 1, credentials: { employeeNo: 'E1003', pin: '1003' } }))
  })
})

describe("an administrator's password reset follows the PIN reset's scope", () => {
  freshApp()
  it('a store manager resets the people of their store up to store manager; not themselves, not above, not elsewhere; nothing changes on refusal', async () => {
    const manager = await signIn(app, fx.users.manager.employeeNo)
    const reset = (session: Session, userId: string, password = 'temporary-3') => call(app, session, 'POST', `/api/admin/users/${userId}/password`, { body: { password } })
    await expectRefused(database, () => reset(manager, fx.users.manager.id), 403, 'FORBIDDEN')
    await expectRefused(database, () => reset(manager, fx.users.regional.id), 404, 'NOT_FOUND') // not a person of their store
    await expectRefused(database, () => reset(manager, fx.users.managerB1.id), 404, 'NOT_FOUND')
    await expectRefused(database, () => reset(manager, fx.users.admin.id), 404, 'NOT_FOUND')
    await disableUser(database, fx.users.disabled.id)
    await expectRefused(database, () => reset(manager, fx.users.disabled.id), 409, 'INVALID_STATE')
    await expectRefused(database, () => reset(manager, fx.users.clerk.id, 'short'), 400, 'VALIDATION_FAILED')
    await expectRefused(database, () => call(app, manager, 'POST', `/api/admin/users/${fx.users.clerk.id}/password`, { body: { password: 'temporary-3', temporary: false } }), 400, 'VALIDATION_FAILED')
    const lead = await signIn(app, fx.users.lead.employeeNo, 'leas own pass 99')
    await expectRefused(database, () => reset(lead, fx.users.clerk.id), 403, 'FORBIDDEN')
    const clerkPin = await signIn(app, fx.users.clerk.employeeNo, 'clara own pass 1')
    await expectRefused(database, () => reset(clerkPin, fx.users.stockroom.id), 403, 'FORBIDDEN')
    ok(await reset(manager, fx.users.clerk.id))
  })
})
