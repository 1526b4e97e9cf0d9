import { sql } from 'drizzle-orm'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { newId } from '../../server/core/ids'
import { call, createTestApp, pinSwitch, signIn, type Session, type TestApp } from '../support/app'
import { createTestDatabase } from '../support/db'
import { createFixture, PASSWORD, type Fixture } from '../support/fixtures'
import { assertInvariants, expectRefused } from '../support/invariants'
import { decide, entered, line, movementCount, statusOf, stepUp } from './corrections-helpers'

/**
 * Audit round 3, from the outside (the real app over HTTP): every counter of a count or a transfer
 * receipt is kept out of its decision; a count's or transfer's difference cannot be withdrawn by its
 * enterer; and nobody confirms a correction of the person who created their account, granted their
 * releasing role or set their PIN (the "puppet account" bypass). Every refusal leaves the database
 * byte-for-byte unchanged (expectRefused) and the ledger invariants hold after each test.
 */

let database: Database
let app: TestApp
let fx: Fixture
const s = {} as Record<'stockroom' | 'stockroom2' | 'lead' | 'manager' | 'regional' | 'managerA2', Session>
const base = '/api/stores/st-a1'

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  app = createTestApp(database)
  for (const key of Object.keys({ stockroom: 1, stockroom2: 1, lead: 1, manager: 1, regional: 1, managerA2: 1 }) as Array<keyof typeof s>) {
    s[key] = await signIn(app, fx.users[key].employeeNo)
  }
})

afterEach(async () => {
  await assertInvariants(database)
})

const fresh = (who: keyof typeof s) => stepUp(app, s[who], fx.users[who].pin)
const ok = (res: { status: number; body: any }, status = 200) => {
  expect(res.status, JSON.stringify(res.body)).toBe(status)
  return res.body
}

async function floorQty(itemId: string) {
  const [row] = await database.db.all<{ q: number }>(sql`SELECT quantity AS q FROM balances WHERE location_id = ${fx.loc('st-a1', 'floor')} AND item_id = ${itemId}`)
  return Number(row!.q)
}

describe('every counter is kept out of the decision', () => {
  it('a lead who counted one line of a count cannot confirm or reject its correction, though someone else counted the difference', async () => {
    const count = ok(await call(app, s.manager, 'POST', `${base}/counts`, { body: { kind: 'cycle', location: 'floor', items: [{ itemId: 'it-milk' }, { itemId: 'it-shampoo' }] } }), 201).count
    const entry = (who: keyof typeof s, itemId: string, quantity: number) => call(app, s[who], 'POST', `${base}/counts/${count.id}/entries`, { body: { id: newId(), itemId, quantity } })
    ok(await entry('lead', 'it-milk', await floorQty('it-milk')), 201) // matches
    ok(await entry('stockroom2', 'it-shampoo', (await floorQty('it-shampoo')) - 2), 201) // 2 missing
    const submitted = ok(await call(app, s.manager, 'POST', `${base}/counts/${count.id}/submit`, { body: {} }))
    const id = submitted.correctionId as string

    const detail = ok(await call(app, s.lead, 'GET', `${base}/corrections/${id}`))
    expect(detail).toMatchObject({ countedBy: fx.users.stockroom2.id, counters: [fx.users.lead.id, fx.users.stockroom2.id].sort(), canConfirm: { ok: false, code: 'COUNTER_CONFIRMATION' } })
    const queue = ok(await call(app, s.lead, 'GET', '/api/review/corrections?status=pending'))
    expect(queue.corrections.find((r: { id: string }) => r.id === id)).toMatchObject({ mayDecide: false })
    expect(ok(await call(app, s.lead, 'GET', '/api/corrections/pending')).corrections.map((c: { id: string }) => c.id)).not.toContain(id)

    await fresh('lead')
    await expectRefused(database, () => decide(app, s.lead, 'confirm', id, { version: 1 }), 403, 'COUNTER_CONFIRMATION')
    await expectRefused(database, () => decide(app, s.lead, 'reject', id, { version: 1, reason: 'fine' }), 403, 'COUNTER_CONFIRMATION')
    // … nor with the PIN on someone else's tablet.
    await expectRefused(database, () => decide(app, s.stockroom, 'confirm', id, { version: 1, credentials: { employeeNo: 'E1003', pin: fx.users.lead.pin } }), 403, 'COUNTER_CONFIRMATION')
    expect(await statusOf(database, id)).toEqual({ status: 'pending', version: 1 })

    // Someone who counted nothing releases it.
    const moves = await movementCount(database)
    ok(await decide(app, s.stockroom, 'confirm', id, { version: 1, credentials: { employeeNo: 'E2001', pin: fx.users.regional.pin } }))
    expect(await movementCount(database)).toBe(moves + 1)
  })

  it('a lead who scanned a transfer receipt cannot confirm the difference that someone else closed', async () => {
    const transfer = ok(await call(app, s.managerA2, 'POST', '/api/stores/st-a2/transfers', { body: { toStoreId: 'st-a1', lines: [{ itemId: 'it-coffee', quantity: 4 }] } }), 201).transfer
    ok(await call(app, s.managerA2, 'POST', `/api/stores/st-a2/transfers/${transfer.id}/ship`, { body: {} }))
    ok(await call(app, s.lead, 'POST', `${base}/transfers/${transfer.id}/scans`, { body: { id: newId(), itemId: 'it-coffee', quantity: 3 } }), 201)
    const received = ok(await call(app, s.stockroom, 'POST', `${base}/transfers/${transfer.id}/receive`, { body: {} }))
    const id = received.transfer.correctionId as string
    expect(ok(await call(app, s.manager, 'GET', `${base}/corrections/${id}`)).counters).toEqual([fx.users.lead.id, fx.users.stockroom.id].sort())

    await fresh('lead')
    await expectRefused(database, () => decide(app, s.lead, 'confirm', id, { version: 1 }), 403, 'COUNTER_CONFIRMATION')
    await fresh('manager')
    expect(ok(await decide(app, s.manager, 'confirm', id, { version: 1 }))).toMatchObject({ status: 'confirmed', decidedBy: fx.users.manager.id })
  })
})

describe('a count or transfer difference is decided, never withdrawn', () => {
  it('the manager who submitted a count cannot cancel its correction (409 NOT_CANCELLABLE); a second person rejects it', async () => {
    const count = ok(await call(app, s.manager, 'POST', `${base}/counts`, { body: { kind: 'cycle', location: 'floor', items: [{ itemId: 'it-milk' }] } }), 201).count
    ok(await call(app, s.stockroom, 'POST', `${base}/counts/${count.id}/entries`, { body: { id: newId(), itemId: 'it-milk', quantity: (await floorQty('it-milk')) - 1 } }), 201)
    const id = ok(await call(app, s.manager, 'POST', `${base}/counts/${count.id}/submit`, { body: {} })).correctionId as string

    const res = await expectRefused(database, () => decide(app, s.manager, 'cancel', id, { version: 1, reason: 'never mind' }), 409, 'NOT_CANCELLABLE')
    expect(res.body.error.message).toBe("A count's difference is decided by a second person: they confirm or reject it")
    await expectRefused(database, () => decide(app, s.manager, 'cancel', id), 409, 'NOT_CANCELLABLE')
    await fresh('lead')
    expect(ok(await decide(app, s.lead, 'reject', id, { version: 1, reason: 'Recount: the milk was on the pallet' }))).toMatchObject({ status: 'rejected' })
  })

  it('a transfer difference neither; a back-room correction can still be withdrawn by its enterer', async () => {
    const transfer = ok(await call(app, s.managerA2, 'POST', '/api/stores/st-a2/transfers', { body: { toStoreId: 'st-a1', lines: [{ itemId: 'it-milk', quantity: 2 }] } }), 201).transfer
    ok(await call(app, s.managerA2, 'POST', `/api/stores/st-a2/transfers/${transfer.id}/ship`, { body: {} }))
    const id = ok(await call(app, s.stockroom, 'POST', `${base}/transfers/${transfer.id}/receive`, { body: {} })).transfer.correctionId as string
    const res = await expectRefused(database, () => decide(app, s.stockroom, 'cancel', id, { version: 1 }), 409, 'NOT_CANCELLABLE')
    expect(res.body.error.message).toBe("A transfer's difference on arrival is decided by a second person: they confirm or reject it")

    const mine = await entered(app, s.stockroom, [line(fx.loc('st-a1', 'stockroom'), 'it-milk', -1)])
    expect(ok(await decide(app, s.stockroom, 'cancel', mine.id, { version: 1 }))).toMatchObject({ status: 'cancelled' })
    await fresh('manager')
    ok(await decide(app, s.manager, 'confirm', id, { version: 1 }))
  })
})

describe('the puppet-account bypass (a manager confirming their own correction as someone they set up)', () => {
  it('a store manager creates an account with a PIN they chose and confirms their own correction with it: refused, nothing changes', async () => {
    // 1) The manager enters a store-manager-tier correction (20 × 12.99 € of coffee "stolen").
    const c = await entered(app, s.manager, [line(fx.loc('st-a1', 'stockroom'), 'it-coffee', -20)], { reasonCode: 'theft' })
    expect(c.tier).toBe('store_manager')
    // 2) … creates a puppet store manager with a PIN of their choosing (allowed: managers manage store users) …
    const puppet = ok(await call(app, s.manager, 'POST', '/api/admin/users', {
      body: { employeeNo: 'E7777', name: 'Puppet', password: 'puppet-pass-1', pin: '7777', role: { role: 'store_manager', storeId: 'st-a1' } },
    }), 201)
    // 3) … and confirms with the puppet's PIN on their own session: the secrets the manager chose are temporary and
    // prove nothing (refused before anything else), and the database is unchanged.
    const temporary = { employeeNo: 'E7777', pin: '7777' }
    await expectRefused(database, () => decide(app, s.manager, 'confirm', c.id, { version: 1, credentials: temporary }), 403, 'PASSWORD_CHANGE_REQUIRED')
    // 4) The manager "launders" them: signs in as the puppet and replaces its password and PIN with ones of their own
    // choosing (the puppet's own, as far as the app can tell) — but the account is still the manager's creation.
    const asPuppet = await signIn(app, 'E7777', 'puppet-pass-1')
    ok(await call(app, asPuppet, 'POST', '/api/me/password', { body: { currentPassword: 'puppet-pass-1', newPassword: 'laundered pass 1' } }))
    ok(await call(app, asPuppet, 'POST', '/api/me/pin', { body: { currentPassword: 'laundered pass 1', newPin: '7391' } }))
    const credentials = { employeeNo: 'E7777', pin: '7391' }
    const res = await expectRefused(database, () => decide(app, s.manager, 'confirm', c.id, { version: 1, credentials }), 403, 'ADMINISTERED_BY_ENTERER')
    expect(res.body.error.message).toBe('Max Manager set up your account: a different person has to release their corrections')
    await expectRefused(database, () => decide(app, s.manager, 'reject', c.id, { version: 1, reason: 'x', credentials }), 403, 'ADMINISTERED_BY_ENTERER')
    // Signed in as the puppet on another tablet: the same, and the screens say so.
    expect(ok(await call(app, asPuppet, 'GET', `${base}/corrections/${c.id}`)).canConfirm).toEqual({
      ok: false,
      code: 'ADMINISTERED_BY_ENTERER',
      message: 'Max Manager set up your account: a different person has to release their corrections',
    })
    expect(ok(await call(app, asPuppet, 'GET', '/api/corrections/pending')).corrections.map((x: { id: string }) => x.id)).not.toContain(c.id)
    await expectRefused(database, () => decide(app, asPuppet, 'confirm', c.id, { version: 1 }), 403, 'ADMINISTERED_BY_ENTERER')
    expect(await statusOf(database, c.id)).toEqual({ status: 'pending', version: 1 })
    expect(puppet.id).toBeTruthy()

    // The regional manager releases it.
    ok(await decide(app, s.stockroom, 'confirm', c.id, { version: 1, credentials: { employeeNo: 'E2001', pin: fx.users.regional.pin } }))
  })

  it('a store manager resets the real lead’s PIN and confirms their own lead-tier correction as the lead: refused', async () => {
    const c = await entered(app, s.manager, [line(fx.loc('st-a1', 'stockroom'), 'it-milk', -2)])
    expect(c.tier).toBe('lead')
    ok(await call(app, s.manager, 'POST', `/api/admin/users/${fx.users.lead.id}/pin`, { body: { pin: '4242' } }))
    // The PIN the manager chose is temporary: it confirms nothing, and steps nobody up.
    const res = await expectRefused(database, () => decide(app, s.manager, 'confirm', c.id, { version: 1, credentials: { employeeNo: 'E1003', pin: '4242' } }), 403, 'PIN_CHANGE_REQUIRED')
    expect(res.body.error.message).toBe("Lea Lead's PIN was set by someone else, so it confirms nothing: they set their own PIN first (in their account, with their password)")
    await expectRefused(database, () => call(app, s.lead, 'POST', '/api/auth/step-up', { body: { pin: '4242' } }), 403, 'PIN_CHANGE_REQUIRED')
    // A tablet session opened with it may do nothing but set the lead's own PIN — which takes the lead's password.
    const byTemporaryPin = await pinSwitch(app, await signIn(app, fx.users.stockroom2.employeeNo), 'E1003', '4242')
    await expectRefused(database, () => call(app, byTemporaryPin, 'GET', `${base}/corrections/${c.id}`), 403, 'PIN_CHANGE_REQUIRED')
    await expectRefused(database, () => call(app, byTemporaryPin, 'POST', '/api/me/pin', { body: { currentPin: '4242', newPin: '8264' } }), 403, 'PIN_CHANGE_REQUIRED')
    // The lead's own session, stepped up with their password, is refused too while the manager's PIN is theirs
    // (users.credentials_set_by); another lead's correction is fine.
    ok(await call(app, s.lead, 'POST', '/api/auth/step-up', { body: { password: PASSWORD } }))
    const administered = await expectRefused(database, () => decide(app, s.lead, 'confirm', c.id, { version: 1 }), 403, 'ADMINISTERED_BY_ENTERER')
    expect(administered.body.error.message).toBe('Max Manager set your PIN or password less than 90 days ago: a different person has to release their corrections')
    const others = await entered(app, s.stockroom, [line(fx.loc('st-a1', 'stockroom'), 'it-shampoo', -1)])
    ok(await decide(app, s.lead, 'confirm', others.id, { version: 1 }))
    // The lead sets their own PIN (proven with their password): nobody else knows it now, so they release the
    // manager's correction with it, handed the stockroom's tablet.
    ok(await call(app, s.lead, 'POST', '/api/me/pin', { body: { currentPassword: PASSWORD, newPin: '8264' } }))
    expect(ok(await decide(app, s.stockroom, 'confirm', c.id, { version: 1, credentials: { employeeNo: 'E1003', pin: '8264' } }))).toMatchObject({
      status: 'confirmed',
      decidedBy: fx.users.lead.id,
    })
  })

  it('a store manager promotes a colleague to lead and has them confirm: refused while the grant stands', async () => {
    const c = await entered(app, s.manager, [line(fx.loc('st-a1', 'stockroom'), 'it-shampoo', -2)])
    const grant = ok(await call(app, s.manager, 'POST', `/api/admin/users/${fx.users.stockroom2.id}/roles`, { body: { role: 'lead', storeId: 'st-a1' } }), 201)
    await fresh('stockroom2')
    const res = await expectRefused(database, () => decide(app, s.stockroom2, 'confirm', c.id, { version: 1 }), 403, 'ADMINISTERED_BY_ENTERER')
    expect(res.body.error.message).toBe('Max Manager gave you your shift lead role here: a different person has to release their corrections')
    ok(await call(app, s.manager, 'POST', `/api/admin/roles/${grant.id}/revoke`, { body: {} }))
    ok(await decide(app, s.stockroom, 'confirm', c.id, { version: 1, credentials: { employeeNo: 'E2001', pin: fx.users.regional.pin } }))
  })

  it('a normal lead (granted by the administrator or the seed) still confirms the store manager’s lead-tier correction', async () => {
    // A lead the chain administrator set up today (who then chose her own password and PIN), and the seeded lead
    // (who set their own PIN above).
    app.clock.advance(91 * 86_400_000)
    const admin = await signIn(app, fx.users.admin.employeeNo)
    const created = ok(await call(app, admin, 'POST', '/api/admin/users', {
      body: { employeeNo: 'E1010', name: 'Nina Newlead', password: 'newlead-pass-1', pin: '1010', role: { role: 'lead', storeId: 'st-a1' } },
    }), 201)
    const nina = await signIn(app, 'E1010', 'newlead-pass-1')
    ok(await call(app, nina, 'POST', '/api/me/password', { body: { currentPassword: 'newlead-pass-1', newPassword: 'ninas own pass 7' } }))
    ok(await call(app, nina, 'POST', '/api/me/pin', { body: { currentPassword: 'ninas own pass 7', newPin: '5917' } }))
    const manager = await signIn(app, fx.users.manager.employeeNo)
    const first = await entered(app, manager, [line(fx.loc('st-a1', 'stockroom'), 'it-milk', -1)])
    const second = await entered(app, manager, [line(fx.loc('st-a1', 'floor'), 'it-shampoo', -1)])
    expect([first.tier, second.tier]).toEqual(['lead', 'lead'])
    expect(ok(await decide(app, manager, 'confirm', first.id, { version: 1, credentials: { employeeNo: 'E1010', pin: '5917' } }))).toMatchObject({
      status: 'confirmed',
      decidedBy: created.id,
      decidedRole: 'lead',
    })
    expect(ok(await decide(app, manager, 'confirm', second.id, { version: 1, credentials: { employeeNo: 'E1003', pin: '8264' } }))).toMatchObject({
      status: 'confirmed',
      decidedBy: fx.users.lead.id,
    })
  })
})
