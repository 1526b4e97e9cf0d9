import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { call, createTestApp, signIn, type Session, type TestApp } from '../support/app'
import { createTestDatabase } from '../support/db'
import { createFixture, type Fixture } from '../support/fixtures'
import { assertInvariants, expectRefused, fingerprint } from '../support/invariants'

let database: Database
let app: TestApp
let fx: Fixture
let clerk: Session
let stockroom: Session

const base = '/api/stores/st-a1/replenishment'

/** A refused request answers the expected error and leaves every table as it was. */
const refused = (request: () => Promise<{ status: number; body: any }>, status: number, code?: string) =>
  expectRefused(database, request, status, code)

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  app = createTestApp(database)
  clerk = await signIn(app, fx.users.clerk.employeeNo)
  stockroom = await signIn(app, fx.users.stockroom.employeeNo)
  expect((await call(app, clerk, 'POST', `${base}/requests`, { body: { id: 'req-existing-1', itemId: 'it-milk', quantity: 5 } })).status).toBe(201)
})

describe('refill requests: bad input changes nothing', () => {
  it.each([0, -0, -1, 1.5, 1e308, 2 ** 53, '3', true, null, [], {}])('quantity %j → 400', async (quantity) => {
    await refused(() => call(app, clerk, 'POST', `${base}/requests`, { body: { id: 'req-bad-qty-1', itemId: 'it-coffee', quantity } }), 400, 'VALIDATION_FAILED')
  })

  it.each([
    ['no item', { id: 'req-bad-item-1' }],
    ['two item references', { id: 'req-bad-item-1', itemId: 'it-coffee', sku: 'SKU-0002' }],
    ['letters in a barcode', { id: 'req-bad-item-1', barcode: '40000000000A1' }],
    ['zero-width space in a barcode', { id: 'req-bad-item-1', barcode: '4000000000001\u200b' }],
    ['a SKU with a space', { id: 'req-bad-item-1', sku: 'SKU 0002' }],
    ['a short client id', { id: 'short', itemId: 'it-coffee' }],
    ['a client id with a slash', { id: 'req/../../x', itemId: 'it-coffee' }],
    ['an RTL override in the note', { id: 'req-bad-note-1', itemId: 'it-coffee', note: 'ok \u202Eevil' }],
    ['a NUL in the note', { id: 'req-bad-note-1', itemId: 'it-coffee', note: 'a\u0000b' }],
    ['a 10 KB note', { id: 'req-bad-note-1', itemId: 'it-coffee', note: 'x'.repeat(10_000) }],
    ['status smuggled in', { id: 'req-bad-extra-1', itemId: 'it-coffee', status: 'done' }],
    ['storeId smuggled in', { id: 'req-bad-extra-1', itemId: 'it-coffee', storeId: 'st-b1' }],
    ['requestedBy smuggled in', { id: 'req-bad-extra-1', itemId: 'it-coffee', requestedBy: 'u-manager' }],
  ])('%s → 400', async (_name, body) => {
    await refused(() => call(app, clerk, 'POST', `${base}/requests`, { body }), 400)
  })

  it('__proto__ in the body → 400', async () => {
    await refused(() => call(app, clerk, 'POST', `${base}/requests`, { body: '{"id":"req-proto-001","itemId":"it-coffee","__proto__":{"status":"done"}}' }), 400)
  })

  it('an unknown barcode or SKU → 422 UNKNOWN_ITEM', async () => {
    await refused(() => call(app, clerk, 'POST', `${base}/requests`, { body: { id: 'req-unknown-1', barcode: '4000000000999' } }), 422, 'UNKNOWN_ITEM')
    await refused(() => call(app, clerk, 'POST', `${base}/requests`, { body: { id: 'req-unknown-2', sku: "x' OR 1=1 --" } }), 400)
    await refused(() => call(app, clerk, 'POST', `${base}/requests`, { body: { id: 'req-unknown-3', sku: 'SKU-%' } }), 422, 'UNKNOWN_ITEM')
  })

  it('malformed JSON, an empty body, the wrong content type', async () => {
    await refused(() => call(app, clerk, 'POST', `${base}/requests`, { body: '{"id":' }), 400, 'MALFORMED_JSON')
    await refused(() => call(app, clerk, 'POST', `${base}/requests`, { body: '' }), 400)
    await refused(() => call(app, clerk, 'POST', `${base}/requests`, { body: '<id>req-xml-00001</id>', headers: { 'content-type': 'application/xml' } }), 415, 'UNSUPPORTED_MEDIA_TYPE')
    // A cross-site form post is stopped before it is even read.
    const before = await fingerprint(database)
    const form = await call(app, clerk, 'POST', `${base}/requests`, { body: 'id=req-form-0001&itemId=it-coffee', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    expect([403, 415]).toContain(form.status)
    expect(await fingerprint(database)).toBe(before)
  })

  it('the same client id with other content → 422; a second active request for the item → 409', async () => {
    await refused(() => call(app, clerk, 'POST', `${base}/requests`, { body: { id: 'req-existing-1', itemId: 'it-milk', quantity: 6 } }), 422, 'IDEMPOTENCY_KEY_REUSED')
    const dup = await refused(() => call(app, clerk, 'POST', `${base}/requests`, { body: { id: 'req-second-01', itemId: 'it-milk' } }), 409, 'DUPLICATE')
    expect(dup.body.error.details).toMatchObject({ requestId: 'req-existing-1', status: 'open' })
  })

  it('bad query parameters → 400', async () => {
    for (const q of ['status=lost', 'limit=0', 'limit=201', 'mine=yes', 'extra=1']) {
      expect((await call(app, clerk, 'GET', `${base}/requests?${q}`)).status, q).toBe(400)
    }
  })
})

describe('refill request states: wrong moves change nothing', () => {
  it('picking more than the stockroom holds → 422 NEGATIVE_STOCK', async () => {
    const res = await refused(() => call(app, stockroom, 'POST', `${base}/requests/req-existing-1/done`, { body: { quantity: 51 } }), 422, 'NEGATIVE_STOCK')
    expect(res.body.error.details).toMatchObject({ available: 50, requested: 51 })
  })

  it('a stale version → 409 STALE_VERSION', async () => {
    await refused(() => call(app, stockroom, 'POST', `${base}/requests/req-existing-1/picking`, { body: { version: 7 } }), 409, 'STALE_VERSION')
  })

  it('an unknown request → 404', async () => {
    await refused(() => call(app, stockroom, 'POST', `${base}/requests/req-nope-0001/done`, { body: { quantity: 1 } }), 404, 'NOT_FOUND')
  })

  it('cancel while picking → 409; done after cancel → 409; cannot-fill without a reason → 400', async () => {
    expect((await call(app, stockroom, 'POST', `${base}/requests/req-existing-1/picking`, { body: {} })).status).toBe(200)
    await refused(() => call(app, clerk, 'POST', `${base}/requests/req-existing-1/cancel`, { body: {} }), 409, 'INVALID_STATE')
    await refused(() => call(app, stockroom, 'POST', `${base}/requests/req-existing-1/cannot-fill`, { body: { reason: '   ' } }), 400)
    expect((await call(app, clerk, 'POST', `${base}/requests`, { body: { id: 'req-cancel-001', itemId: 'it-tv' } })).status).toBe(201)
    expect((await call(app, clerk, 'POST', `${base}/requests/req-cancel-001/cancel`, { body: {} })).status).toBe(200)
    await refused(() => call(app, stockroom, 'POST', `${base}/requests/req-cancel-001/done`, { body: { quantity: 1 } }), 409, 'INVALID_STATE')
    await assertInvariants(database)
  })
})
