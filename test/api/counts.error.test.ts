import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { call, createTestApp, signIn, type Session, type TestApp } from '../support/app'
import { createTestDatabase } from '../support/db'
import { createFixture, type Fixture } from '../support/fixtures'
import { assertInvariants, expectRefused } from '../support/invariants'

let database: Database
let app: TestApp
let fx: Fixture
let manager: Session
let stockroom: Session
let openId: string
let submittedId: string

const base = '/api/stores/st-a1/counts'

const refused = (request: () => Promise<{ status: number; body: any }>, status: number, code?: string) =>
  expectRefused(database, request, status, code)

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  app = createTestApp(database)
  manager = await signIn(app, fx.users.manager.employeeNo)
  stockroom = await signIn(app, fx.users.stockroom.employeeNo)
  openId = (await call(app, manager, 'POST', base, { body: { kind: 'cycle', location: 'stockroom', items: [{ itemId: 'it-milk' }, { itemId: 'it-coffee' }] } })).body.count.id
  expect((await call(app, stockroom, 'POST', `${base}/${openId}/entries`, { body: { id: 'entry-open-001', itemId: 'it-milk', quantity: 50 } })).status).toBe(201)
  submittedId = (await call(app, manager, 'POST', base, { body: { kind: 'cycle', location: 'floor', items: [{ itemId: 'it-tv' }] } })).body.count.id
  expect((await call(app, stockroom, 'POST', `${base}/${submittedId}/entries`, { body: { id: 'entry-subm-001', itemId: 'it-tv', quantity: 20 } })).status).toBe(201)
  expect((await call(app, manager, 'POST', `${base}/${submittedId}/submit`, { body: {} })).status).toBe(200)
})

describe('opening counts: bad input changes nothing', () => {
  it.each([
    ['unknown kind', { kind: 'random' }],
    ['cycle without items', { kind: 'cycle', location: 'floor' }],
    ['cycle without location', { kind: 'cycle', items: [{ itemId: 'it-milk' }] }],
    ['cycle with no items', { kind: 'cycle', location: 'floor', items: [] }],
    ['location without location', { kind: 'location' }],
    ['full with a location', { kind: 'full', location: 'floor' }],
    ['items on a location count', { kind: 'location', location: 'floor', items: [{ itemId: 'it-milk' }] }],
    ['counting in transit', { kind: 'location', location: 'in_transit' }],
    ['a start position smuggled in', { kind: 'full', startMovementId: 0 }],
    ['a status smuggled in', { kind: 'full', status: 'submitted' }],
    ['an item named twice over', { kind: 'cycle', location: 'floor', items: [{ itemId: 'it-milk', sku: 'SKU-0001' }] }],
  ])('%s → 400', async (_name, body) => {
    await refused(() => call(app, manager, 'POST', base, { body }), 400)
  })

  it('unknown items → 422; nothing flagged → 422', async () => {
    await refused(() => call(app, manager, 'POST', base, { body: { kind: 'cycle', location: 'floor', items: [{ itemId: 'it-milk' }, { barcode: '4000000000999' }] } }), 422, 'UNKNOWN_ITEM')
    await refused(() => call(app, manager, 'POST', base, { body: { kind: 'flagged' } }), 422, 'UNPROCESSABLE')
  })
})

describe('entries and submitting: wrong moves change nothing', () => {
  it.each([-1, 1.5, '3', null, true, 1e308, 2 ** 53])('quantity %j → 400', async (quantity) => {
    await refused(() => call(app, stockroom, 'POST', `${base}/${openId}/entries`, { body: { id: 'entry-bad-0001', itemId: 'it-coffee', quantity } }), 400)
  })

  it('extra fields (round, userId, expected) → 400', async () => {
    for (const extra of [{ round: 2 }, { userId: 'u-lead' }, { expected: 50 }, { atMovementId: 1 }]) {
      await refused(() => call(app, stockroom, 'POST', `${base}/${openId}/entries`, { body: { id: 'entry-bad-0002', itemId: 'it-coffee', quantity: 1, ...extra } }), 400)
    }
  })

  it('an item that is not on a cycle count → 422; an unknown item → 422', async () => {
    await refused(() => call(app, stockroom, 'POST', `${base}/${openId}/entries`, { body: { id: 'entry-off-0001', itemId: 'it-tv', quantity: 1 } }), 422, 'NOT_ON_DOCUMENT')
    await refused(() => call(app, stockroom, 'POST', `${base}/${openId}/entries`, { body: { id: 'entry-off-0002', barcode: '4000000000999', quantity: 1 } }), 422, 'UNKNOWN_ITEM')
  })

  it('an entry id reused with another quantity → 422; entries on a submitted count → 409; unknown count → 404', async () => {
    await refused(() => call(app, stockroom, 'POST', `${base}/${openId}/entries`, { body: { id: 'entry-open-001', itemId: 'it-milk', quantity: 49 } }), 422, 'IDEMPOTENCY_KEY_REUSED')
    await refused(() => call(app, stockroom, 'POST', `${base}/${submittedId}/entries`, { body: { id: 'entry-late-001', itemId: 'it-tv', quantity: 1 } }), 409, 'INVALID_STATE')
    await refused(() => call(app, stockroom, 'POST', `${base}/no-such-count/entries`, { body: { id: 'entry-none-001', itemId: 'it-tv', quantity: 1 } }), 404, 'NOT_FOUND')
  })

  it('submitting with lines uncounted → 409 COUNT_INCOMPLETE; a stale version → 409', async () => {
    const res = await refused(() => call(app, manager, 'POST', `${base}/${openId}/submit`, { body: {} }), 409, 'COUNT_INCOMPLETE')
    expect(res.body.error.details).toMatchObject({ uncounted: 1 })
    await refused(() => call(app, manager, 'POST', `${base}/${openId}/submit`, { body: { version: 42, uncountedAsZero: true } }), 409, 'STALE_VERSION')
    await refused(() => call(app, manager, 'POST', `${base}/${openId}/submit`, { body: { uncountedAsZero: 'yes' } }), 400)
  })

  it('a submitted count cannot be cancelled; a cancelled one cannot be submitted', async () => {
    await refused(() => call(app, manager, 'POST', `${base}/${submittedId}/cancel`, { body: {} }), 409, 'INVALID_STATE')
    expect((await call(app, manager, 'POST', `${base}/${openId}/cancel`, { body: { reason: 'wrong shelf' } })).status).toBe(200)
    await refused(() => call(app, manager, 'POST', `${base}/${openId}/submit`, { body: { uncountedAsZero: true } }), 409, 'INVALID_STATE')
    await refused(() => call(app, stockroom, 'POST', `${base}/${openId}/entries`, { body: { id: 'entry-canc-001', itemId: 'it-coffee', quantity: 1 } }), 409, 'INVALID_STATE')
    await assertInvariants(database)
  })

  it('bad sheet and list parameters → 400', async () => {
    for (const q of ['limit=0', 'limit=5000', 'offset=-1', 'recount=maybe', 'round=2']) expect((await call(app, stockroom, 'GET', `${base}/${openId}/sheet?${q}`)).status, q).toBe(400)
    for (const q of ['status=lost', 'limit=x']) expect((await call(app, stockroom, 'GET', `${base}?${q}`)).status, q).toBe(400)
  })
})
