import { eq, sql } from 'drizzle-orm'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { roleAssignments, users } from '../../db/schema/index'
import { normalizeEmployeeNo } from '../../server/core/auth/passwords'
import { newId } from '../../server/core/ids'
import { applyMovements } from '../../server/core/ledger/apply-movements'
import { call, createTestApp, disableUser, pinSwitch, signIn, type Session, type TestApp } from '../support/app'
import { createTestDatabase } from '../support/db'
import { createFixture, PASSWORD, type Fixture } from '../support/fixtures'
import { assertInvariants, fingerprint } from '../support/invariants'
import { decide, entered, line, movementCount, statusOf, stepUp, stock } from './corrections-helpers'

/**
 * The four-eyes bypass catalog of RELIABILITY.md (F1–F18), through the real app. Every attempt is
 * refused with its status and code; after each test the ledger is exactly as before the attempt
 * (checked in afterEach) and the invariants hold.
 */

let database: Database
let app: TestApp
let fx: Fixture
let stockroom: Session, stockroom2: Session, lead: Session, manager: Session, regional: Session, managerB1: Session

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  app = createTestApp(database)
  const sessions = await Promise.all((['stockroom', 'stockroom2', 'lead', 'manager', 'regional', 'managerB1'] as const).map((k) => signIn(app, fx.users[k].employeeNo)))
  ;[stockroom, stockroom2, lead, manager, regional, managerB1] = sessions as [Session, Session, Session, Session, Session, Session]
})

const room = (store = 'st-a1') => fx.loc(store, 'stockroom')

/** The ledger (movements and balances), which no refused attempt may change. */
async function ledger() {
  const balances = await database.db.all(sql`SELECT location_id, item_id, quantity FROM balances ORDER BY location_id, item_id`)
  return { movements: await movementCount(database), balances: JSON.stringify(balances) }
}

let ledgerBefore: Awaited<ReturnType<typeof ledger>> | null = null
/** Marks the point after which nothing may touch the ledger in this test (set after the setup's own postings). */
async function freezeLedger() {
  ledgerBefore = await ledger()
}
afterEach(async () => {
  if (ledgerBefore) expect(await ledger()).toEqual(ledgerBefore)
  ledgerBefore = null
  await assertInvariants(database)
})

/** A fresh step-up for `session`, so the refusal under test is not a stale step-up. */
const fresh = (session: Session, who: keyof Fixture['users']) => stepUp(app, session, fx.users[who].pin)

const expectError = (res: { status: number; body: any }, status: number, code: string) => {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code })
}

describe('four-eyes bypass catalog', () => {
  it('F1 self-confirm: the enterer cannot confirm or reject their own correction, not even with their own PIN', async () => {
    const c = await entered(app, stockroom, [line(room(), 'it-milk', -1)])
    await freezeLedger()
    await fresh(stockroom, 'stockroom')
    expectError(await decide(app, stockroom, 'confirm', c.id, { version: 1 }), 403, 'SELF_CONFIRMATION')
    expectError(await decide(app, stockroom, 'confirm', c.id, { version: 1, credentials: { employeeNo: 'E1002', pin: fx.users.stockroom.pin } }), 403, 'SELF_CONFIRMATION')
    expectError(await decide(app, stockroom, 'reject', c.id, { version: 1, reason: 'mine' }), 403, 'SELF_CONFIRMATION')
    // A manager entering is no different.
    const own = await entered(app, manager, [line(room(), 'it-milk', -1)])
    await fresh(manager, 'manager')
    expectError(await decide(app, manager, 'confirm', own.id, { version: 1 }), 403, 'SELF_CONFIRMATION')
    expect(await statusOf(database, c.id)).toEqual({ status: 'pending', version: 1 })
  })

  it('F2 self-confirm from a second session (another device, or a PIN switch on the tablet) is still the same person', async () => {
    const c = await entered(app, stockroom, [line(room(), 'it-milk', -1)])
    await freezeLedger()
    const otherDevice = await signIn(app, fx.users.stockroom.employeeNo)
    expectError(await decide(app, otherDevice, 'confirm', c.id, { version: 1 }), 403, 'SELF_CONFIRMATION')
    const switched = await pinSwitch(app, stockroom, fx.users.stockroom.employeeNo, fx.users.stockroom.pin)
    expectError(await decide(app, switched, 'confirm', c.id, { version: 1 }), 403, 'SELF_CONFIRMATION')
    stockroom = switched
  })

  it('F3 an enterer promoted to manager after entering still cannot confirm their own', async () => {
    const c = await entered(app, stockroom2, [line(room(), 'it-shampoo', -1)])
    await freezeLedger()
    await database.db.insert(roleAssignments).values({ id: 'ra-promoted', userId: fx.users.stockroom2.id, role: 'store_manager', storeId: 'st-a1', grantedBy: fx.users.admin.id, grantedAt: app.clock.now().toISOString() })
    await fresh(stockroom2, 'stockroom2')
    const detail = await call(app, stockroom2, 'GET', `/api/stores/st-a1/corrections/${c.id}`)
    expect(detail.body.canConfirm).toMatchObject({ ok: false, code: 'SELF_CONFIRMATION' })
    expectError(await decide(app, stockroom2, 'confirm', c.id, { version: 1 }), 403, 'SELF_CONFIRMATION')
    await database.db.update(roleAssignments).set({ revokedAt: app.clock.now().toISOString() }).where(eq(roleAssignments.id, 'ra-promoted'))
  })

  it('F4 forged actor fields in the body are refused (400); forged headers are ignored', async () => {
    await freezeLedger()
    const base = { id: newId(), reasonCode: 'damaged', lines: [line(room(), 'it-milk', -1)] }
    for (const forged of [{ enteredBy: fx.users.manager.id }, { status: 'confirmed' }, { confirmedBy: fx.users.manager.id }, { userId: fx.users.manager.id }, { storeId: 'st-b1' }, { tier: 'lead' }, { value: 0 }, { version: 9 }]) {
      const res = await call(app, stockroom, 'POST', '/api/stores/st-a1/corrections', { body: { ...base, ...forged } })
      expect(res.status, JSON.stringify(forged)).toBe(400)
      expect(res.body.error.code).toBe('VALIDATION_FAILED')
    }
    const proto = await call(app, stockroom, 'POST', '/api/stores/st-a1/corrections', { body: `{"id":"${newId()}","reasonCode":"damaged","lines":[],"__proto__":{"enteredBy":"u-manager"}}` })
    expectError(proto, 400, 'VALIDATION_FAILED')

    const c = await entered(app, stockroom, [line(room(), 'it-milk', -1)], {}, 'st-a1')
    await fresh(stockroom, 'stockroom')
    for (const forged of [{ confirmedBy: fx.users.manager.id }, { decidedBy: fx.users.manager.id }, { userId: fx.users.manager.id }, { status: 'confirmed' }, { actor: { userId: fx.users.manager.id } }]) {
      expectError(await decide(app, stockroom, 'confirm', c.id, { version: 1, ...forged }), 400, 'VALIDATION_FAILED')
    }
    // Headers that some proxies use for identity mean nothing here: the session decides who acts.
    const headers = { 'x-user-id': fx.users.manager.id, 'x-forwarded-user': 'E1004', 'x-remote-user': 'E1004', 'x-employee-no': 'E1004' }
    const viaHeaders = await call(app, stockroom, 'POST', `/api/stores/st-a1/corrections/${c.id}/confirm`, { body: { version: 1 }, headers })
    expectError(viaHeaders, 403, 'SELF_CONFIRMATION')
    const enteredWithHeader = await call(app, stockroom, 'POST', '/api/stores/st-a1/corrections', { body: { id: newId(), reasonCode: 'damaged', lines: [line(room(), 'it-milk', -1)] }, headers })
    expect(enteredWithHeader.body.enteredBy).toBe(fx.users.stockroom.id)
  })

  it('F5 an entered or decided correction cannot be edited: no route, and the database refuses raw updates', async () => {
    const c = await entered(app, stockroom, [line(room(), 'it-milk', -1)])
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const res = await call(app, stockroom, method, `/api/stores/st-a1/corrections/${c.id}`, { body: { note: 'edited', lines: [line(room(), 'it-milk', -100)] } })
      expect(res.status, method).toBe(404)
    }
    for (const path of ['lines', 'edit', 'note']) {
      expect((await call(app, stockroom, 'POST', `/api/stores/st-a1/corrections/${c.id}/${path}`, { body: {} })).status).toBe(404)
    }
    await expect(database.client.execute({ sql: `UPDATE corrections SET note = 'edited' WHERE id = ?`, args: [c.id] })).rejects.toThrow(/cannot be edited/)
    await expect(database.client.execute({ sql: `UPDATE corrections SET value = 1, tier = 'lead' WHERE id = ?`, args: [c.id] })).rejects.toThrow(/cannot be edited/)
    await expect(database.client.execute({ sql: `UPDATE correction_lines SET quantity_delta = -100 WHERE correction_id = ?`, args: [c.id] })).rejects.toThrow(/immutable/)
    await fresh(manager, 'manager')
    const done = await decide(app, manager, 'reject', c.id, { version: 1, reason: 'test' })
    expect(done.status).toBe(200)
    await freezeLedger()
    await expect(database.client.execute({ sql: `UPDATE corrections SET status = 'confirmed' WHERE id = ?`, args: [c.id] })).rejects.toThrow(/decided correction cannot change/)
    await expect(database.client.execute({ sql: `INSERT INTO correction_lines (id, correction_id, line_no, location_id, item_id, quantity_delta, unit_cost) VALUES ('y-line', ?, 10, ?, 'it-tv', -5, 1)`, args: [c.id, room()] })).rejects.toThrow(/only be added while/)
  })

  it('F6 a stale version is refused with 409, whoever decided meanwhile', async () => {
    const c = await entered(app, stockroom, [line(room(), 'it-milk', -1)])
    const seen = await call(app, manager, 'GET', `/api/stores/st-a1/corrections/${c.id}`)
    expect(seen.body).toMatchObject({ version: 1, canConfirm: { ok: true } })
    await fresh(lead, 'lead')
    expect((await decide(app, lead, 'reject', c.id, { version: 1, reason: 'Not ours' })).status).toBe(200)
    await freezeLedger()
    await fresh(manager, 'manager')
    const stale = await decide(app, manager, 'confirm', c.id, { version: seen.body.version })
    expectError(stale, 409, 'STALE_VERSION')
    expect(stale.body.error.details).toMatchObject({ expected: 1, version: 2, status: 'rejected' })
    expectError(await decide(app, manager, 'confirm', c.id, { version: 2 }), 409, 'INVALID_STATE')
    expectError(await decide(app, manager, 'confirm', c.id, { version: 7 }), 409, 'STALE_VERSION')
    expect(await statusOf(database, c.id)).toEqual({ status: 'rejected', version: 2 })
  })

  it('F7 a replayed confirmation posts nothing a second time', async () => {
    const c = await entered(app, stockroom, [line(room(), 'it-shampoo', -2)])
    await fresh(manager, 'manager')
    const before = await stock(database, room(), 'it-shampoo')
    const first = await decide(app, manager, 'confirm', c.id, { version: 1 })
    expect(first.status).toBe(200)
    expect(await stock(database, room(), 'it-shampoo')).toBe(before - 2)
    await freezeLedger()
    for (let i = 0; i < 3; i++) expectError(await decide(app, manager, 'confirm', c.id, { version: 1 }), 409, 'STALE_VERSION')
    // Replayed with someone else's PIN on another session: same answer.
    expectError(await decide(app, stockroom2, 'confirm', c.id, { version: 1, credentials: { employeeNo: 'E2001', pin: fx.users.regional.pin } }), 409, 'STALE_VERSION')
    expect(await movementCount(database, c.id)).toBe(1)
  })

  it('F8 ten racing confirmers through the real app: exactly one wins, the movements are posted once', async () => {
    const c = await entered(app, stockroom, [line(room(), 'it-milk', -2), line(fx.loc('st-a1', 'floor'), 'it-milk', 1)])
    const confirmers = await Promise.all(
      [...Array(4).fill('manager'), ...Array(3).fill('lead'), ...Array(3).fill('regional')].map((k: 'manager' | 'lead' | 'regional') => signIn(app, fx.users[k].employeeNo)),
    )
    const before = await stock(database, room(), 'it-milk')
    const results = await Promise.all(confirmers.map((s) => decide(app, s, 'confirm', c.id, { version: 1 })))
    const statuses = results.map((r) => r.status).sort()
    expect(statuses).toEqual([200, ...Array(9).fill(409)])
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'STALE_VERSION')).toBe(true)
    expect(await movementCount(database, c.id)).toBe(2)
    expect(await stock(database, room(), 'it-milk')).toBe(before - 2)
    expect(await statusOf(database, c.id)).toEqual({ status: 'confirmed', version: 2 })
    const events = await database.db.all(sql`SELECT seq FROM audit_events WHERE entity_id = ${c.id} AND action = 'correction.confirmed'`)
    expect(events).toHaveLength(1)
  })

  it('F9 confirm vs reject vs cancel races end in exactly one terminal state', async () => {
    await Promise.all([fresh(manager, 'manager'), fresh(lead, 'lead')])
    const verbs = {
      confirm: (id: string) => decide(app, manager, 'confirm', id, { version: 1 }),
      reject: (id: string) => decide(app, lead, 'reject', id, { version: 1, reason: 'race' }),
      cancel: (id: string) => decide(app, stockroom, 'cancel', id, { version: 1 }),
    }
    const done = { confirm: 'confirmed', reject: 'rejected', cancel: 'cancelled' } as const
    const rounds: Array<Array<keyof typeof verbs>> = [
      ['confirm', 'reject', 'cancel'],
      ['cancel', 'reject', 'confirm'],
      ['reject', 'confirm', 'cancel'],
      ['confirm', 'reject'],
      ['reject', 'confirm'],
      ['confirm', 'cancel', 'confirm', 'reject', 'cancel'],
    ]
    for (const round of rounds) {
      const c = await entered(app, stockroom, [line(room(), 'it-milk', -1)])
      const results = await Promise.all(round.map((verb) => verbs[verb](c.id).then((r) => ({ verb, r }))))
      const winners = results.filter((x) => x.r.status === 200)
      expect(winners, round.join(' vs ')).toHaveLength(1)
      expect(results.filter((x) => x.r.status === 409)).toHaveLength(round.length - 1)
      const final = await statusOf(database, c.id)
      expect(final).toEqual({ status: done[winners[0]!.verb], version: 2 })
      expect(await movementCount(database, c.id)).toBe(final!.status === 'confirmed' ? 1 : 0)
      const decisions = await database.db.all(sql`SELECT seq FROM audit_events WHERE entity_id = ${c.id} AND action <> 'correction.entered'`)
      expect(decisions).toHaveLength(1)
    }
  })

  it('F10 a role revoked while the confirmation is on its way is refused (grants are re-read inside the transaction)', async () => {
    const c = await entered(app, stockroom, [line(room(), 'it-milk', -1)])
    const seen = await call(app, manager, 'GET', `/api/stores/st-a1/corrections/${c.id}`)
    expect(seen.body.canConfirm).toEqual({ ok: true })
    await freezeLedger()
    // The manager types their PIN on a stockroom tablet; while it is being verified, the role goes.
    const pending = decide(app, stockroom2, 'confirm', c.id, { version: 1, credentials: { employeeNo: 'E1004', pin: fx.users.manager.pin } })
    const revoked = app.deps.writer.run((tx) => tx.update(roleAssignments).set({ revokedAt: app.clock.now().toISOString(), revokedBy: fx.users.admin.id }).where(eq(roleAssignments.id, 'ra-manager')))
    const [res] = await Promise.all([pending, revoked])
    expectError(res, 403, 'FORBIDDEN')
    // Without any role in the store, their own session no longer even sees it.
    expectError(await decide(app, manager, 'confirm', c.id, { version: 1 }), 404, 'NOT_FOUND')
    expect(await statusOf(database, c.id)).toEqual({ status: 'pending', version: 1 })
    await database.db.insert(roleAssignments).values({ id: 'ra-manager-again', userId: fx.users.manager.id, role: 'store_manager', storeId: 'st-a1', grantedBy: fx.users.admin.id, grantedAt: app.clock.now().toISOString() })
  })

  it('F11 a disabled confirmer’s old session is dead (401), and their PIN no longer works on another tablet', async () => {
    const c = await entered(app, stockroom, [line(room(), 'it-milk', -1)])
    await freezeLedger()
    const dora = await signIn(app, fx.users.disabled.employeeNo)
    expect((await call(app, dora, 'GET', `/api/stores/st-a1/corrections/${c.id}`)).body.canConfirm).toEqual({ ok: true })
    await disableUser(database, fx.users.disabled.id)
    expectError(await decide(app, dora, 'confirm', c.id, { version: 1 }), 401, 'UNAUTHENTICATED')
    expectError(await decide(app, stockroom2, 'confirm', c.id, { version: 1, credentials: { employeeNo: fx.users.disabled.employeeNo, pin: fx.users.disabled.pin } }), 401, 'INVALID_CREDENTIALS')
    expect(await statusOf(database, c.id)).toEqual({ status: 'pending', version: 1 })
  })

  it('F12 another store’s correction by id is not found (404), for reading and deciding', async () => {
    const c = await entered(app, stockroom, [line(room(), 'it-milk', -1)])
    await freezeLedger()
    await fresh(regional, 'regional')
    // Regional A sees both A1 and A2: the A1 correction does not exist under A2.
    expectError(await call(app, regional, 'GET', `/api/stores/st-a2/corrections/${c.id}`), 404, 'NOT_FOUND')
    expectError(await decide(app, regional, 'confirm', c.id, { version: 1 }, 'st-a2'), 404, 'NOT_FOUND')
    expectError(await decide(app, regional, 'reject', c.id, { version: 1, reason: 'x' }, 'st-a2'), 404, 'NOT_FOUND')
    // Store B1's manager does not see A1 at all.
    expectError(await call(app, managerB1, 'GET', `/api/stores/st-a1/corrections/${c.id}`), 404, 'NOT_FOUND')
    expectError(await decide(app, managerB1, 'confirm', c.id, { version: 1 }), 404, 'NOT_FOUND')
    expectError(await decide(app, managerB1, 'confirm', c.id, { version: 1 }, 'st-b1'), 404, 'NOT_FOUND')
    expect((await call(app, managerB1, 'GET', '/api/corrections/pending')).body.corrections.map((x: { id: string }) => x.id)).not.toContain(c.id)
  })

  it('F13 cross-site form posts are refused (403/415) and change nothing', async () => {
    const c = await entered(app, stockroom, [line(room(), 'it-milk', -1)])
    await fresh(manager, 'manager')
    const before = await fingerprint(database)
    const url = `/api/stores/st-a1/corrections/${c.id}/confirm`
    const attempts: Array<{ headers: Record<string, string>; body: string; status: number }> = [
      { headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' }, body: 'version=1', status: 403 },
      { headers: { 'content-type': 'text/plain', origin: 'https://evil.example' }, body: '{"version":1}', status: 403 },
      { headers: { 'content-type': 'multipart/form-data; boundary=x', origin: 'https://evil.example' }, body: '--x\r\nContent-Disposition: form-data; name="version"\r\n\r\n1\r\n--x--', status: 403 },
      { headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }, body: '{"version":1}', status: 403 },
      { headers: { 'content-type': 'application/xml' }, body: '<version>1</version>', status: 415 },
      { headers: { 'content-type': 'text/plain', origin: 'http://localhost' }, body: '{"version":1}', status: 415 },
    ]
    for (const attempt of attempts) {
      const res = await app.request(url, { method: 'POST', headers: { cookie: manager.cookie, ...attempt.headers }, body: attempt.body })
      expect(res.status, JSON.stringify(attempt.headers)).toBe(attempt.status)
    }
    expect(await fingerprint(database)).toEqual(before)
    expect(await statusOf(database, c.id)).toEqual({ status: 'pending', version: 1 })
  })

  it('F14 a manager’s session left open on a tablet cannot confirm after the step-up window (401 STEP_UP_REQUIRED)', async () => {
    const c = await entered(app, stockroom, [line(room(), 'it-milk', -1)])
    await freezeLedger()
    const tablet = await signIn(app, fx.users.manager.employeeNo)
    app.clock.advance(2 * 60_000) // the manager walks away; the session itself is still valid
    expect((await call(app, tablet, 'GET', `/api/stores/st-a1/corrections/${c.id}`)).status).toBe(200)
    const res = await decide(app, tablet, 'confirm', c.id, { version: 1 })
    expectError(res, 401, 'STEP_UP_REQUIRED')
    expect(res.body.error.details).toEqual({ stepUpSeconds: 60 })
    expectError(await decide(app, tablet, 'reject', c.id, { version: 1, reason: 'x' }), 401, 'STEP_UP_REQUIRED')
    // Someone else typing a wrong PIN for the manager does not help either.
    expectError(await call(app, tablet, 'POST', '/api/auth/step-up', { body: { pin: '0000' } }), 401, 'INVALID_CREDENTIALS')
    expectError(await decide(app, tablet, 'confirm', c.id, { version: 1 }), 401, 'STEP_UP_REQUIRED')
    expect(await statusOf(database, c.id)).toEqual({ status: 'pending', version: 1 })
    ledgerBefore = null
    // The manager comes back and re-enters the PIN: now it works.
    await stepUp(app, tablet, fx.users.manager.pin)
    expect((await decide(app, tablet, 'confirm', c.id, { version: 1 })).status).toBe(200)
  })

  it('F15 a correction movement cannot be created by any other path', async () => {
    const c = await entered(app, stockroom, [line(room(), 'it-milk', -1)])
    const [pendingLine] = await database.db.all<{ id: string }>(sql`SELECT id FROM correction_lines WHERE correction_id = ${c.id}`)
    await freezeLedger()
    const insert = (lineId: string | null) =>
      database.client.execute({
        sql: `INSERT INTO movements (store_id, item_id, from_location_id, to_location_id, counterparty, quantity, kind, doc_type, doc_id, correction_line_id, actor_user_id, created_at)
              VALUES ('st-a1', 'it-milk', ?, NULL, 'write_off', 1, 'correction', 'correction', ?, ?, 'u-admin', '2026-11-02T10:00:00Z')`,
        args: [room(), c.id, lineId],
      })
    await expect(insert(null)).rejects.toThrow(/confirmed correction line/)
    await expect(insert(pendingLine!.id)).rejects.toThrow(/confirmed correction line/)
    const viaLedger = app.deps.writer.run((tx) =>
      applyMovements(tx, app.clock.now(), { userId: fx.users.admin.id }, [
        { storeId: 'st-a1', itemId: 'it-milk', fromLocationId: room(), toLocationId: null, counterparty: 'write_off', quantity: 1, kind: 'correction', docType: 'correction', docId: c.id, correctionLineId: pendingLine!.id },
      ]),
    )
    await expect(viaLedger).rejects.toThrow()
    // No API route takes a movement kind or a correction line: the only way in is /confirm.
    const doc = JSON.stringify((await call(app, null, 'GET', '/api/openapi.json')).body)
    expect(doc).not.toMatch(/"correctionLineId"/)
    const requestBodies = JSON.stringify(Object.values((await call(app, null, 'GET', '/api/openapi.json')).body.paths).flatMap((p: any) => Object.values(p).map((op: any) => op.requestBody ?? null)))
    // Some routes take a movement-like `kind` (sale/return, count kinds): none may offer 'correction'.
    expect(requestBodies).not.toMatch(/"enum":\[[^\]]*"correction"/)
    expect(await statusOf(database, c.id)).toEqual({ status: 'pending', version: 1 })
  })

  it('F16 splitting one write-off into small ones does not lower the tier: they are valued together, also for the parts entered first', async () => {
    // 3 espresso bags = 38.97 €: alone, a shift lead may release it (≤ 50 €).
    const parts: Array<{ id: string; tier: string; tierValue: number }> = []
    for (let i = 0; i < 14; i++) {
      parts.push(await entered(app, stockroom2, [line(room(), 'it-coffee', -3)], { reasonCode: 'theft' }))
      app.clock.advance(60_000)
    }
    expect(parts[0]).toMatchObject({ tier: 'lead', tierValue: 3897 })
    expect(parts[1]).toMatchObject({ tier: 'store_manager', tierValue: 7794 })
    expect(parts[13]).toMatchObject({ tier: 'regional_manager', tierValue: 14 * 3897 })
    // Not part of the series: the same item by someone else, another item by the same person.
    const otherPerson = await entered(app, stockroom, [line(room(), 'it-coffee', -3)])
    const otherItem = await entered(app, stockroom2, [line(room(), 'it-milk', -1)])
    await fresh(lead, 'lead')
    for (const c of [otherPerson, otherItem]) {
      expect(c).toMatchObject({ tier: 'lead', tierValue: c.value })
      expect((await decide(app, lead, 'confirm', c.id, { version: 1 })).body).toMatchObject({ status: 'confirmed', decidedRole: 'lead' })
    }

    await freezeLedger()
    await Promise.all([fresh(lead, 'lead'), fresh(manager, 'manager')])
    // Every part — the first ones too — is now valued with the 13 others (545.58 €): the regional manager's.
    const together = /valued together with 13 other corrections of the same person and items within 24 hours \(series value 545\.58 €\)/
    for (const part of parts) {
      const confirm = await decide(app, manager, 'confirm', part.id, { version: 1 })
      expectError(confirm, 403, 'TIER_NOT_COVERED')
      expect(confirm.body.error.message).toMatch(together)
      expectError(await decide(app, manager, 'reject', part.id, { version: 1, reason: 'split' }), 403, 'TIER_NOT_COVERED')
    }
    expectError(await decide(app, lead, 'confirm', parts[0]!.id, { version: 1 }), 403, 'TIER_NOT_COVERED')
    // The screens say the same as the server: not in the pending queue, no decide button, the effective tier shown.
    const ids = parts.map((p) => p.id)
    const queue = await call(app, manager, 'GET', '/api/corrections/pending')
    expect(queue.body.corrections.map((x: { id: string }) => x.id).filter((id: string) => ids.includes(id))).toEqual([])
    const review = await call(app, manager, 'GET', `/api/review/corrections?status=pending&ids=${ids.join(',')}`)
    expect(review.status).toBe(200)
    expect(review.body.corrections).toHaveLength(14)
    for (const row of review.body.corrections) {
      expect(row).toMatchObject({ mayDecide: false, effectiveTier: 'regional_manager', series: { others: 13, value: 14 * 3897 } })
    }
    // The queue's tier filter goes by the same effective tier: all 14 wait for the regional manager, and the
    // first part, stored at the lead tier, is not a lead's to find.
    const atTier = async (tier: string) =>
      ((await call(app, manager, 'GET', `/api/review/corrections?status=pending&tier=${tier}&ids=${ids.join(',')}`)).body.corrections as Array<{ id: string }>)
        .map((x) => x.id)
        .sort()
    expect(await atTier('regional_manager')).toEqual([...ids].sort())
    expect(await atTier('lead')).toEqual([])
    expect(await atTier('store_manager')).toEqual([])
    const first = await call(app, manager, 'GET', `/api/stores/st-a1/corrections/${parts[0]!.id}`)
    expect(first.body).toMatchObject({ tier: 'lead', effectiveTier: 'regional_manager', canConfirm: { ok: false, code: 'TIER_NOT_COVERED', message: expect.stringMatching(together) } })
    expect(first.body.series.ids).toEqual(ids.slice(1).sort())

    // A cancelled and a rejected part no longer count: 12 parts (467.64 €) are the store manager's — not a lead's.
    expect((await decide(app, stockroom2, 'cancel', parts[13]!.id, { version: 1 })).status).toBe(200)
    await fresh(regional, 'regional')
    expect((await decide(app, regional, 'reject', parts[12]!.id, { version: 1, reason: 'entered twice' })).status).toBe(200)
    const after = await call(app, manager, 'GET', `/api/review/corrections?status=pending&ids=${ids.join(',')}`)
    expect(after.body.corrections).toHaveLength(12)
    for (const row of after.body.corrections) expect(row).toMatchObject({ mayDecide: true, effectiveTier: 'store_manager', series: { others: 11, value: 12 * 3897 } })
    expect(await atTier('store_manager')).toEqual(ids.slice(0, 12).sort())
    expect(await atTier('regional_manager')).toEqual([])
    expectError(await decide(app, lead, 'confirm', parts[0]!.id, { version: 1 }), 403, 'TIER_NOT_COVERED')

    // Released from here on: by the store manager for the first part, by the regional manager for the rest.
    ledgerBefore = null
    expect((await decide(app, manager, 'confirm', parts[0]!.id, { version: 1 })).body).toMatchObject({ status: 'confirmed', decidedRole: 'store_manager', tier: 'lead' })
    const detail = await call(app, manager, 'GET', `/api/stores/st-a1/corrections/${parts[0]!.id}`)
    const event = detail.body.history.find((e: { action: string }) => e.action === 'correction.confirmed')
    expect(event.after).toMatchObject({ tier: 'lead', tierValue: 3897, effectiveTier: 'store_manager', effectiveTierValue: 12 * 3897, seriesValue: 12 * 3897, seriesOthers: 11 })
    for (const part of parts.slice(1, 12)) {
      expect((await decide(app, regional, 'confirm', part.id, { version: 1 })).body).toMatchObject({ status: 'confirmed', decidedRole: 'regional_manager' })
    }
  })

  it('F17 a second account for the same employee number is refused by the database after normalization', async () => {
    await freezeLedger()
    const variants = ['E1004', ' e1004 ', 'e1004', 'Ｅ１００４', '\u00a0E1004\t']
    for (const variant of variants) {
      const employeeNo = normalizeEmployeeNo(variant)
      expect(employeeNo).toBe('E1004')
      await expect(
        database.db.insert(users).values({ id: `u-dup-${newId()}`, employeeNo, name: 'Max Again', passwordHash: 'x', createdAt: app.clock.now().toISOString() }),
      ).rejects.toThrow()
    }
    // Signing in with a variant reaches the one account.
    const again = await signIn(app, ' ｅ１００４ ', PASSWORD)
    expect(again.userId).toBe(fx.users.manager.id)
    const [row] = await database.db.all<{ n: number }>(sql`SELECT COUNT(*) AS n FROM users WHERE employee_no = 'E1004'`)
    expect(Number(row!.n)).toBe(1)
  })

  it('F18 deleting history: no route, and the database refuses deletes of movements, audit events and corrections', async () => {
    const c = await entered(app, stockroom, [line(room(), 'it-milk', -1)])
    await fresh(manager, 'manager')
    expect((await decide(app, manager, 'confirm', c.id, { version: 1 })).status).toBe(200)
    await freezeLedger()
    for (const path of [`/api/stores/st-a1/corrections/${c.id}`, '/api/stores/st-a1/corrections', '/api/audit', '/api/audit/events']) {
      expect((await call(app, manager, 'DELETE', path, { headers: { origin: 'http://localhost' } })).status, path).toBe(404)
    }
    const auditCount = await database.db.all(sql`SELECT COUNT(*) AS n FROM audit_events`)
    await expect(database.client.execute({ sql: 'DELETE FROM movements WHERE doc_id = ?', args: [c.id] })).rejects.toThrow(/append-only/)
    await expect(database.client.execute('DELETE FROM audit_events')).rejects.toThrow(/append-only/)
    await expect(database.client.execute({ sql: 'DELETE FROM corrections WHERE id = ?', args: [c.id] })).rejects.toThrow(/kept forever/)
    await expect(database.client.execute({ sql: 'DELETE FROM correction_lines WHERE correction_id = ?', args: [c.id] })).rejects.toThrow(/immutable/)
    await expect(database.client.execute('UPDATE movements SET quantity = 0')).rejects.toThrow(/append-only/)
    await expect(database.client.execute(`UPDATE audit_events SET after = '{}'`)).rejects.toThrow(/append-only/)
    await expect(database.client.execute(`DELETE FROM role_assignments WHERE id = 'ra-manager'`)).rejects.toThrow(/revoked, never deleted/)
    expect(await database.db.all(sql`SELECT COUNT(*) AS n FROM audit_events`)).toEqual(auditCount)
  })
})
