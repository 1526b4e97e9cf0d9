import { sql } from 'drizzle-orm'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { call, createTestApp, pinSwitch, signIn, type Session, type TestApp } from '../support/app'
import { createTestDatabase } from '../support/db'
import { createFixture, PASSWORD, type Fixture } from '../support/fixtures'
import { assertInvariants, fingerprint } from '../support/invariants'
import { decide, entered, line } from './corrections-helpers'

/**
 * Self-service credentials through the real app: changing my password and PIN, the "must change" flow
 * after a manager or administrator set them (account creation, PIN and password resets), and what a
 * temporary secret may and may not do. The failures and refusals are in account.security.test.ts.
 */

let database: Database
let app: TestApp
let fx: Fixture

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  app = createTestApp(database)
})

afterEach(async () => {
  await assertInvariants(database)
})

const ok = (res: { status: number; body: any }, status = 200) => {
  expect(res.status, JSON.stringify(res.body)).toBe(status)
  return res.body
}
const login = (employeeNo: string, password: string) => call(app, null, 'POST', '/api/auth/login', { body: { employeeNo, password } })
const userRow = async (id: string) =>
  (
    await database.db.all<{ passwordTemporary: number; pinTemporary: number; setBy: string | null; setAt: string | null }>(
      sql`SELECT password_temporary AS passwordTemporary, pin_temporary AS pinTemporary, credentials_set_by AS setBy, credentials_set_at AS setAt FROM users WHERE id = ${id}`,
    )
  )[0]!
const lastEvent = async (action: string) =>
  (await database.db.all<{ actor: string; entity: string; session: string | null; before: string | null; after: string | null }>(
    sql`SELECT actor_user_id AS actor, entity_id AS entity, session_id AS session, before, after FROM audit_events WHERE action = ${action} ORDER BY seq DESC LIMIT 1`,
  ))[0]
const openSessions = async (userId: string) =>
  Number((await database.db.all<{ n: number }>(sql`SELECT COUNT(*) AS n FROM sessions WHERE user_id = ${userId} AND revoked_at IS NULL`))[0]!.n)
const secretsInAudit = async (...secrets: string[]) => {
  const rows = await database.db.all<{ text: string }>(sql`SELECT coalesce(before, '') || coalesce(after, '') AS text FROM audit_events`)
  return rows.filter((r) => secrets.some((s) => r.text.includes(s)) || r.text.includes('argon2')).length
}

describe('changing my own password', () => {
  it('the new password signs in and the old one not; my other sessions end, this one stays; audited without the secrets', async () => {
    const here = await signIn(app, fx.users.clerk.employeeNo)
    const elsewhere = await signIn(app, fx.users.clerk.employeeNo)
    const body = ok(await call(app, here, 'POST', '/api/me/password', { body: { currentPassword: PASSWORD, newPassword: 'clara new pass 5' } }))
    expect(body).toEqual({
      changedAt: app.clock.now().toISOString(),
      sessionsEnded: 1,
      account: { mustChangePassword: false, mustChangePin: false, hasPin: true },
    })
    expect((await call(app, here, 'GET', '/api/me')).status).toBe(200)
    expect((await call(app, elsewhere, 'GET', '/api/me')).status).toBe(401)
    expect((await login(fx.users.clerk.employeeNo, PASSWORD)).status).toBe(401)
    ok(await login(fx.users.clerk.employeeNo, 'clara new pass 5'))

    expect(await userRow(fx.users.clerk.id)).toEqual({ passwordTemporary: 0, pinTemporary: 0, setBy: fx.users.clerk.id, setAt: body.changedAt })
    const event = await lastEvent('user.password_changed')
    expect(event).toMatchObject({ actor: fx.users.clerk.id, entity: fx.users.clerk.id })
    expect(JSON.parse(event!.before!)).toEqual({ temporary: false, credentialsSetBy: null })
    expect(JSON.parse(event!.after!)).toEqual({ temporary: false, credentialsSetBy: fx.users.clerk.id, sessionsEnded: 1 })
    expect(await secretsInAudit(PASSWORD, 'clara new pass 5')).toBe(0)
  })

  it('a retry of a change that went through (the answer was lost) answers the same and writes nothing; later it is a wrong password', async () => {
    const session = await signIn(app, fx.users.stockroom.employeeNo)
    const change = () => call(app, session, 'POST', '/api/me/password', { body: { currentPassword: PASSWORD, newPassword: 'stan new pass 77' } })
    const first = await change()
    ok(first)
    expect(first.headers.get('idempotent-replayed')).toBeNull()
    const before = await fingerprint(database)
    const again = await change()
    expect(ok(again)).toEqual(first.body)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(await fingerprint(database)).toBe(before)
    // Ten minutes on, it is no retry any more: the old password is simply wrong (and counts as a failure).
    app.clock.advance(10 * 60_000 + 1)
    const late = await change()
    expect(late.status).toBe(401)
    expect(late.body.error.code).toBe('INVALID_CREDENTIALS')
    ok(await login(fx.users.stockroom.employeeNo, 'stan new pass 77')) // a success clears the failure count
  })
})

describe('changing my own PIN', () => {
  it('with my current PIN or my password; the new PIN switches users on a tablet and steps up, the old one does neither', async () => {
    const lead = await signIn(app, fx.users.lead.employeeNo)
    const byPin = ok(await call(app, lead, 'POST', '/api/me/pin', { body: { currentPin: fx.users.lead.pin, newPin: '8264' } }))
    expect(byPin).toMatchObject({ sessionsEnded: 0, account: { mustChangePassword: false, mustChangePin: false, hasPin: true } })
    expect(JSON.parse((await lastEvent('user.pin_changed'))!.after!)).toEqual({ hasPin: true, temporary: false, credentialsSetBy: fx.users.lead.id, proof: 'pin', sessionsEnded: 0 })
    ok(await call(app, lead, 'POST', '/api/me/pin', { body: { currentPassword: PASSWORD, newPin: '59170' } }))
    expect(JSON.parse((await lastEvent('user.pin_changed'))!.after!)).toMatchObject({ proof: 'password' })

    const tablet = await signIn(app, fx.users.clerk.employeeNo, 'clara new pass 5')
    const wrong = await call(app, tablet, 'POST', '/api/auth/pin', { body: { employeeNo: 'E1003', pin: '8264' } })
    expect(wrong.status).toBe(401)
    const switched = await pinSwitch(app, tablet, 'E1003', '59170')
    expect(switched.userId).toBe(fx.users.lead.id)
    ok(await call(app, switched, 'POST', '/api/auth/step-up', { body: { pin: '59170' } }))
    expect(await secretsInAudit('8264', '59170')).toBe(0)
  })
})

describe('the must-change flow: secrets a manager or administrator set are temporary', () => {
  let manager: Session
  let created: { id: string }

  beforeAll(async () => {
    manager = await signIn(app, fx.users.manager.employeeNo)
  })

  it('a new account signs in with its first password, must choose its own before anything else, and then works', async () => {
    created = ok(
      await call(app, manager, 'POST', '/api/admin/users', {
        body: { employeeNo: 'E1020', name: 'Tom Temp', password: 'first-pass-1', pin: '4711', role: { role: 'lead', storeId: 'st-a1' } },
      }),
      201,
    )
    expect(await userRow(created.id)).toMatchObject({ passwordTemporary: 1, pinTemporary: 1, setBy: fx.users.manager.id })
    const users = ok(await call(app, manager, 'GET', '/api/admin/users?q=Tom')).users
    expect(users[0]).toMatchObject({ passwordTemporary: true, pinTemporary: true })

    const tom = await signIn(app, 'E1020', 'first-pass-1')
    expect(ok(await call(app, tom, 'GET', '/api/me')).account).toEqual({ mustChangePassword: true, mustChangePin: true, hasPin: true, restriction: 'password' })
    const blocked = await call(app, tom, 'GET', '/api/stores/st-a1/corrections')
    expect(blocked.status).toBe(403)
    expect(blocked.body.error).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' })
    // The PIN waits until the password is the holder's own.
    expect((await call(app, tom, 'POST', '/api/me/pin', { body: { currentPassword: 'first-pass-1', newPin: '8264' } })).body.error.code).toBe('PASSWORD_CHANGE_REQUIRED')

    const changed = ok(await call(app, tom, 'POST', '/api/me/password', { body: { currentPassword: 'first-pass-1', newPassword: 'toms own pass 42' } }))
    expect(changed.account).toEqual({ mustChangePassword: false, mustChangePin: true, hasPin: true })
    expect(ok(await call(app, tom, 'GET', '/api/me')).account).toEqual({ mustChangePassword: false, mustChangePin: true, hasPin: true, restriction: null })
    ok(await call(app, tom, 'GET', '/api/stores/st-a1/corrections'))
    expect(await userRow(created.id)).toMatchObject({ passwordTemporary: 0, pinTemporary: 1, setBy: created.id })
  })

  it('a temporary PIN steps nobody up until its holder set their own (with their password); then it works for hand-overs', async () => {
    const tom = await signIn(app, 'E1020', 'toms own pass 42')
    const stepUp = await call(app, tom, 'POST', '/api/auth/step-up', { body: { pin: '4711' } })
    expect(stepUp.status).toBe(403)
    expect(stepUp.body.error.code).toBe('PIN_CHANGE_REQUIRED')
    const own = ok(await call(app, tom, 'POST', '/api/me/pin', { body: { currentPassword: 'toms own pass 42', newPin: '8264' } }))
    expect(own.account).toEqual({ mustChangePassword: false, mustChangePin: false, hasPin: true })
    ok(await call(app, tom, 'POST', '/api/auth/step-up', { body: { pin: '8264' } }))
    // Tom (a lead the manager created) releases a stockroom worker's correction handed the tablet.
    const stockroom = await signIn(app, fx.users.stockroom2.employeeNo)
    const c = await entered(app, stockroom, [line(fx.loc('st-a1', 'stockroom'), 'it-milk', -1)])
    expect(ok(await decide(app, stockroom, 'confirm', c.id, { version: 1, credentials: { employeeNo: 'E1020', pin: '8264' } }))).toMatchObject({
      status: 'confirmed',
      decidedBy: created.id,
    })
  })

  it('a password reset: temporary, every session of the person ends, audited without the password', async () => {
    const tom = await signIn(app, 'E1020', 'toms own pass 42')
    const open = await openSessions(created.id)
    expect(open).toBeGreaterThanOrEqual(2)
    const reset = ok(await call(app, manager, 'POST', `/api/admin/users/${created.id}/password`, { body: { password: 'reset-pass-22' } }))
    expect(reset).toEqual({ id: created.id, mustChangePassword: true, sessionsEnded: open })
    expect(await openSessions(created.id)).toBe(0)
    expect((await call(app, tom, 'GET', '/api/me')).status).toBe(401)
    expect((await login('E1020', 'toms own pass 42')).status).toBe(401)
    const event = await lastEvent('user.password_reset')
    expect(event).toMatchObject({ actor: fx.users.manager.id, entity: created.id })
    expect(JSON.parse(event!.after!)).toEqual({ temporary: true, sessionsEnded: open })
    expect(await secretsInAudit('reset-pass-22')).toBe(0)
    expect(await userRow(created.id)).toMatchObject({ passwordTemporary: 1, pinTemporary: 0, setBy: fx.users.manager.id })

    const again = await signIn(app, 'E1020', 'reset-pass-22')
    expect(ok(await call(app, again, 'GET', '/api/me')).account.restriction).toBe('password')
    ok(await call(app, again, 'POST', '/api/me/password', { body: { currentPassword: 'reset-pass-22', newPassword: 'toms newer pass 43' } }))
    ok(await call(app, again, 'GET', '/api/stores/st-a1/items/search?q=milk'))
  })

  it('a PIN reset: a tablet session opened with it may only set the holder’s own PIN (with their password), then it is free', async () => {
    ok(await call(app, manager, 'POST', `/api/admin/users/${created.id}/pin`, { body: { pin: '4242' } }))
    const tablet = await signIn(app, fx.users.stockroom2.employeeNo)
    const byTemporaryPin = await pinSwitch(app, tablet, 'E1020', '4242')
    expect(ok(await call(app, byTemporaryPin, 'GET', '/api/me')).account).toEqual({ mustChangePassword: false, mustChangePin: true, hasPin: true, restriction: 'pin' })
    expect((await call(app, byTemporaryPin, 'GET', '/api/stores/st-a1/items/search?q=milk')).body.error.code).toBe('PIN_CHANGE_REQUIRED')
    ok(await call(app, byTemporaryPin, 'POST', '/api/me/pin', { body: { currentPassword: 'toms newer pass 43', newPin: '7391' } }))
    expect(ok(await call(app, byTemporaryPin, 'GET', '/api/me')).account.restriction).toBeNull()
    ok(await call(app, byTemporaryPin, 'GET', '/api/stores/st-a1/items/search?q=milk'))
    // A password session was never held back by the PIN.
    const bySession = await signIn(app, 'E1020', 'toms newer pass 43')
    expect(ok(await call(app, bySession, 'GET', '/api/me')).account.restriction).toBeNull()
  })

  it('the seeded accounts hold their own secrets: nothing to change', async () => {
    for (const key of ['clerk', 'lead', 'manager', 'regional', 'admin', 'auditor'] as const) {
      const session = await signIn(app, fx.users[key].employeeNo, key === 'clerk' ? 'clara new pass 5' : PASSWORD)
      expect(ok(await call(app, session, 'GET', '/api/me')).account, key).toMatchObject({ mustChangePassword: false, mustChangePin: false, restriction: null })
    }
  })
})
