import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { newId } from '../../server/core/ids'
import { call, createTestApp, signIn, type Session, type TestApp } from '../support/app'
import { createTestDatabase } from '../support/db'
import { createFixture, type Fixture } from '../support/fixtures'
import { assertInvariants, fingerprint } from '../support/invariants'
import { decide, entered, line, statusOf, stepUp, stock } from './corrections-helpers'

let database: Database
let app: TestApp
let fx: Fixture
let stockroom: Session, lead: Session, manager: Session, admin: Session, clerk: Session, auditor: Session

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  app = createTestApp(database)
  const sessions = await Promise.all((['stockroom', 'lead', 'manager', 'admin', 'clerk', 'auditor'] as const).map((k) => signIn(app, fx.users[k].employeeNo)))
  ;[stockroom, lead, manager, admin, clerk, auditor] = sessions as [Session, Session, Session, Session, Session, Session]
})

const room = (store = 'st-a1') => fx.loc(store, 'stockroom')

/** Sends the request and checks status + code, and that the database did not change at all. */
async function refusedUnchanged(send: () => Promise<{ status: number; body: unknown }>, status: number, code?: string) {
  const before = await fingerprint(database)
  const res = await send()
  expect(res.status, JSON.stringify(res.body)).toBe(status)
  if (code) expect((res.body as { error?: { code?: string } } | null)?.error?.code).toBe(code)
  expect(await fingerprint(database)).toBe(before)
  return res
}

describe('entering: bad input is refused and changes nothing', () => {
  const valid = () => ({ id: newId(), reasonCode: 'damaged', lines: [line(room(), 'it-milk', -1)] })

  it.each([
    ['0', 0],
    ['-0', '-0'],
    ['1.5', 1.5],
    ['1e308', '1e308'],
    ['2^53', 2 ** 53],
    ['"3"', '"3"'],
    ['true', true],
    ['null', null],
    ['[]', []],
    ['{}', {}],
    ['1000001', 1_000_001],
  ])('quantityDelta %s → 400', async (_label, value) => {
    const body = typeof value === 'string' && /^[-\d"]/.test(value)
      ? JSON.stringify(valid()).replace('"quantityDelta":-1', `"quantityDelta":${value}`)
      : { ...valid(), lines: [{ ...line(room(), 'it-milk', -1), quantityDelta: value }] }
    await refusedUnchanged(() => call(app, stockroom, 'POST', '/api/stores/st-a1/corrections', { body }), 400, 'VALIDATION_FAILED')
  })

  it.each([
    ['no id', (b: any) => ({ ...b, id: undefined })],
    ['a short id', (b: any) => ({ ...b, id: 'abc' })],
    ['an id with odd characters', (b: any) => ({ ...b, id: "x'; DROP TABLE corrections; --" })],
    ['no lines', (b: any) => ({ ...b, lines: [] })],
    ['101 lines', (b: any) => ({ ...b, lines: Array.from({ length: 101 }, (_, i) => line(room(), `it-${i}`, -1)) })],
    ['the same item twice at one location', (b: any) => ({ ...b, lines: [line(room(), 'it-milk', -1), line(room(), 'it-milk', -2)] })],
    ['no reason', (b: any) => ({ ...b, reasonCode: undefined })],
    ['an unknown reason', (b: any) => ({ ...b, reasonCode: 'aliens' })],
    ['"other" without a note', (b: any) => ({ ...b, reasonCode: 'other' })],
    ['an unknown source', (b: any) => ({ ...b, source: 'count' })],
    ['a 10 KB note', (b: any) => ({ ...b, note: 'x'.repeat(10_000) })],
    ['a note with NUL', (b: any) => ({ ...b, note: 'ok\u0000hidden' })],
    ['a note with an RTL override', (b: any) => ({ ...b, note: 'refund \u202Egnp.exe' })],
    ['a note with a lone surrogate', (b: any) => ({ ...b, note: 'broken \ud800' })],
    ['an extra line field', (b: any) => ({ ...b, lines: [{ ...line(room(), 'it-milk', -1), unitCost: 0 }] })],
    ['the in-transit pseudo-location', (b: any) => ({ ...b, lines: [line(fx.loc('st-a1', 'in_transit'), 'it-milk', -1)] })],
    ['a floor report that books found stock', (b: any) => ({ ...b, source: 'floor_report', lines: [line(room(), 'it-milk', 1)] })],
  ])('%s → 400', async (_label, change) => {
    await refusedUnchanged(() => call(app, stockroom, 'POST', '/api/stores/st-a1/corrections', { body: change(valid()) }), 400, 'VALIDATION_FAILED')
  })

  it.each([
    ['another store’s location', (b: any) => ({ ...b, lines: [line(room('st-a2'), 'it-milk', -1)] })],
    ['an unknown location', (b: any) => ({ ...b, lines: [line('nowhere', 'it-milk', -1)] })],
    ['an unknown item', (b: any) => ({ ...b, lines: [line(room(), 'it-nothing', -1)] })],
  ])('%s → 404', async (_label, change) => {
    await refusedUnchanged(() => call(app, stockroom, 'POST', '/api/stores/st-a1/corrections', { body: change(valid()) }), 404, 'NOT_FOUND')
  })

  it('malformed JSON, duplicate keys, deep nesting, an empty body → 400; other content types → 415', async () => {
    const post = async (body: string, type = 'application/json') => {
      const res = await app.request('/api/stores/st-a1/corrections', { method: 'POST', headers: { cookie: stockroom.cookie, 'content-type': type, origin: 'http://localhost' }, body })
      return { status: res.status, body: (await res.json()) as unknown }
    }
    await refusedUnchanged(() => post('{"id":'), 400, 'MALFORMED_JSON')
    await refusedUnchanged(() => post(`{"id":"${newId()}","reasonCode":"damaged","reasonCode":"found","lines":[]}`), 400, 'VALIDATION_FAILED')
    await refusedUnchanged(() => post(`${'['.repeat(40)}${']'.repeat(40)}`), 400, 'VALIDATION_FAILED')
    await refusedUnchanged(() => post('{}'), 400, 'VALIDATION_FAILED')
    await refusedUnchanged(() => post('null'), 400)
    await refusedUnchanged(() => post(JSON.stringify(valid()), 'text/csv'), 415, 'UNSUPPORTED_MEDIA_TYPE')
  })

  it('a body over the limit → 413', async () => {
    const body = { ...valid(), note: 'x'.repeat(70_000) }
    await refusedUnchanged(() => call(app, stockroom, 'POST', '/api/stores/st-a1/corrections', { body }), 413, 'PAYLOAD_TOO_LARGE')
  })

  it('the same id with another payload → 422; another person using my id → 409', async () => {
    const body = valid()
    expect((await call(app, stockroom, 'POST', '/api/stores/st-a1/corrections', { body })).status).toBe(201)
    await refusedUnchanged(() => call(app, stockroom, 'POST', '/api/stores/st-a1/corrections', { body: { ...body, lines: [line(room(), 'it-milk', -9)] } }), 422, 'IDEMPOTENCY_KEY_REUSED')
    await refusedUnchanged(() => call(app, manager, 'POST', '/api/stores/st-a1/corrections', { body }), 409, 'DUPLICATE')
  })

  it('roles: a clerk may only report from the floor; a regional manager or auditor may not enter', async () => {
    await refusedUnchanged(() => call(app, clerk, 'POST', '/api/stores/st-a1/corrections', { body: valid() }), 403, 'FORBIDDEN')
    await refusedUnchanged(() => call(app, auditor, 'POST', '/api/stores/st-a1/corrections', { body: valid() }), 403, 'FORBIDDEN')
    await refusedUnchanged(() => call(app, admin, 'POST', '/api/stores/st-a1/corrections', { body: valid() }), 403, 'FORBIDDEN')
    await refusedUnchanged(() => call(app, null, 'POST', '/api/stores/st-a1/corrections', { body: valid() }), 401, 'UNAUTHENTICATED')
  })
})

describe('deciding: bad requests', () => {
  let id: string
  beforeAll(async () => {
    id = (await entered(app, stockroom, [line(room(), 'it-milk', -1)])).id
  })

  it.each([
    ['no version', {}],
    ['a version as text', { version: '1' }],
    ['a version 0', { version: 0 }],
    ['a fractional version', { version: 1.5 }],
    ['credentials without a secret', { version: 1, credentials: { employeeNo: 'E1004' } }],
    ['credentials with both PIN and password', { version: 1, credentials: { employeeNo: 'E1004', pin: '1004', password: 'x' } }],
    ['a PIN with letters', { version: 1, credentials: { employeeNo: 'E1004', pin: '10a4' } }],
    ['a reason on confirm', { version: 1, reason: 'why not' }],
  ])('confirm with %s → 400', async (_label, body) => {
    await refusedUnchanged(() => decide(app, manager, 'confirm', id, body), 400, 'VALIDATION_FAILED')
  })

  it.each([
    ['no reason', { version: 1 }],
    ['a blank reason', { version: 1, reason: '   ' }],
    ['a 600-character reason', { version: 1, reason: 'x'.repeat(600) }],
  ])('reject with %s → 400', async (_label, body) => {
    await refusedUnchanged(() => decide(app, manager, 'reject', id, body), 400, 'VALIDATION_FAILED')
  })

  it('an unknown correction → 404', async () => {
    await stepUp(app, manager, fx.users.manager.pin)
    await refusedUnchanged(() => decide(app, manager, 'confirm', 'no-such-correction', { version: 1 }), 404, 'NOT_FOUND')
    await refusedUnchanged(() => call(app, manager, 'GET', '/api/stores/st-a1/corrections/no-such-correction'), 404, 'NOT_FOUND')
    await refusedUnchanged(() => decide(app, stockroom, 'cancel', 'no-such-correction', {}), 404, 'NOT_FOUND')
  })

  it('a wrong PIN in the request → 401 INVALID_CREDENTIALS, counted towards the lockout, the correction untouched', async () => {
    const res = await decide(app, stockroom, 'confirm', id, { version: 1, credentials: { employeeNo: 'E1004', pin: '0000' } })
    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe('INVALID_CREDENTIALS')
    const failures = await database.client.execute(`SELECT failures FROM login_throttle WHERE key = 'emp:E1004'`)
    expect(Number(failures.rows[0]?.[0])).toBe(1)
    const unknown = await decide(app, stockroom, 'confirm', id, { version: 1, credentials: { employeeNo: 'E7777', password: 'guess' } })
    expect(unknown.body.error.code).toBe('INVALID_CREDENTIALS')
    expect(await statusOf(database, id)).toEqual({ status: 'pending', version: 1 })
  })

  it('a lead cannot release a store-manager-tier correction; nobody but the enterer cancels', async () => {
    const big = await entered(app, stockroom, [line(room(), 'it-drill', -1)])
    expect(big.tier).toBe('store_manager')
    await stepUp(app, lead, fx.users.lead.pin)
    await refusedUnchanged(() => decide(app, lead, 'confirm', big.id, { version: 1 }), 403, 'TIER_NOT_COVERED')
    await refusedUnchanged(() => decide(app, lead, 'reject', big.id, { version: 1, reason: 'no' }), 403, 'TIER_NOT_COVERED')
    await refusedUnchanged(() => decide(app, manager, 'cancel', big.id, {}), 403, 'FORBIDDEN')
    await refusedUnchanged(() => decide(app, stockroom, 'cancel', big.id, { version: 3 }), 409, 'STALE_VERSION')
    await refusedUnchanged(() => decide(app, stockroom, 'cancel', big.id, { status: 'cancelled' }), 400, 'VALIDATION_FAILED')
  })

  it('taking the stockroom below zero → 422 NEGATIVE_STOCK, nothing posted', async () => {
    const have = await stock(database, room(), 'it-shampoo')
    const c = await entered(app, stockroom, [line(room(), 'it-shampoo', -(have + 1))])
    await stepUp(app, manager, fx.users.manager.pin)
    const res = await refusedUnchanged(() => decide(app, manager, 'confirm', c.id, { version: 1 }), 422, 'NEGATIVE_STOCK')
    expect((res.body as { error: { message: string } }).error.message).toMatch(/stockroom below zero/)
    await assertInvariants(database)
  })
})

describe('queries and policy: bad parameters', () => {
  it.each([
    ['status=bogus'],
    ['mine=maybe'],
    ['limit=0'],
    ['limit=10000'],
    ['storeId=st-b1'],
  ])('GET corrections?%s → 400', async (query) => {
    const res = await call(app, manager, 'GET', `/api/stores/st-a1/corrections?${query}`)
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('VALIDATION_FAILED')
  })

  it('roles on reading: a clerk may read reason codes but not the corrections list', async () => {
    expect((await call(app, clerk, 'GET', '/api/stores/st-a1/reason-codes')).status).toBe(200)
    expect((await call(app, clerk, 'GET', '/api/stores/st-a1/corrections')).status).toBe(403)
    expect((await call(app, clerk, 'GET', '/api/corrections/pending')).status).toBe(403)
    expect((await call(app, auditor, 'GET', '/api/stores/st-a1/corrections')).status).toBe(200)
  })

  it.each([
    ['storeManagerMax below leadMax', { leadMax: 100, storeManagerMax: 50, allowNegativeStockroom: false }],
    ['a negative threshold', { leadMax: -1, storeManagerMax: 50, allowNegativeStockroom: false }],
    ['a fractional threshold', { leadMax: 1.5, storeManagerMax: 50, allowNegativeStockroom: false }],
    ['no allowNegativeStockroom', { leadMax: 1, storeManagerMax: 50 }],
    ['an unknown field', { leadMax: 1, storeManagerMax: 50, allowNegativeStockroom: false, storeId: 'st-b1' }],
  ])('tier policy with %s → 400', async (_label, body) => {
    await refusedUnchanged(() => call(app, admin, 'PUT', '/api/tier-policy', { body }), 400, 'VALIDATION_FAILED')
  })

  it('tier policy by anyone but an administrator → 403', async () => {
    const body = { leadMax: 1, storeManagerMax: 2, allowNegativeStockroom: true }
    await refusedUnchanged(() => call(app, manager, 'PUT', '/api/stores/st-a1/tier-policy', { body }), 403, 'FORBIDDEN')
    await refusedUnchanged(() => call(app, manager, 'PUT', '/api/tier-policy', { body }), 403, 'FORBIDDEN')
    await refusedUnchanged(() => call(app, auditor, 'PUT', '/api/tier-policy', { body }), 403, 'FORBIDDEN')
  })
})
