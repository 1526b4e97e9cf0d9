import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { call, createTestApp, signIn, type Session, type TestApp } from '../support/app'
import { createTestDatabase } from '../support/db'
import { createFixture, type Fixture } from '../support/fixtures'
import { assertInvariants, expectRefused } from '../support/invariants'

let database: Database
let app: TestApp
let fx: Fixture
let stockroom: Session
let managerA2: Session
let draftId: string
let shippedId: string

const base = '/api/stores/st-a1/transfers'

const refused = (request: () => Promise<{ status: number; body: any }>, status: number, code?: string) =>
  expectRefused(database, request, status, code)

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  app = createTestApp(database)
  stockroom = await signIn(app, fx.users.stockroom.employeeNo)
  managerA2 = await signIn(app, fx.users.managerA2.employeeNo)
  draftId = (await call(app, stockroom, 'POST', base, { body: { toStoreId: 'st-a2', lines: [{ itemId: 'it-drill', quantity: 60 }] } })).body.transfer.id
  shippedId = (await call(app, stockroom, 'POST', base, { body: { toStoreId: 'st-a2', lines: [{ itemId: 'it-milk', quantity: 5 }] } })).body.transfer.id
  expect((await call(app, stockroom, 'POST', `${base}/${shippedId}/ship`, { body: {} })).status).toBe(200)
})

describe('drafting transfers: bad input changes nothing', () => {
  it.each([
    ['to the same store', { toStoreId: 'st-a1', lines: [{ itemId: 'it-milk', quantity: 1 }] }],
    ['no lines', { toStoreId: 'st-a2', lines: [] }],
    ['quantity 0', { toStoreId: 'st-a2', lines: [{ itemId: 'it-milk', quantity: 0 }] }],
    ['quantity -2', { toStoreId: 'st-a2', lines: [{ itemId: 'it-milk', quantity: -2 }] }],
    ['quantity 0.5', { toStoreId: 'st-a2', lines: [{ itemId: 'it-milk', quantity: 0.5 }] }],
    ['the same item twice', { toStoreId: 'st-a2', lines: [{ itemId: 'it-milk', quantity: 1 }, { sku: 'SKU-0001', quantity: 1 }] }],
    ['a from store smuggled in', { toStoreId: 'st-a2', fromStoreId: 'st-b1', lines: [{ itemId: 'it-milk', quantity: 1 }] }],
    ['a status smuggled in', { toStoreId: 'st-a2', status: 'shipped', lines: [{ itemId: 'it-milk', quantity: 1 }] }],
  ])('%s → 400', async (_name, body) => {
    await refused(() => call(app, stockroom, 'POST', base, { body }), 400)
  })

  it('an unknown destination → 404; unknown items → 422', async () => {
    await refused(() => call(app, stockroom, 'POST', base, { body: { toStoreId: 'st-zz', lines: [{ itemId: 'it-milk', quantity: 1 }] } }), 404, 'NOT_FOUND')
    await refused(() => call(app, stockroom, 'POST', base, { body: { toStoreId: 'st-a2', lines: [{ itemId: 'it-none', quantity: 1 }] } }), 422, 'UNKNOWN_ITEM')
  })
})

describe('shipping and receiving: wrong moves change nothing', () => {
  it('shipping more than the stockroom holds → 422', async () => {
    const res = await refused(() => call(app, stockroom, 'POST', `${base}/${draftId}/ship`, { body: {} }), 422, 'NEGATIVE_STOCK')
    expect(res.body.error.details.lines).toEqual([{ itemId: 'it-drill', available: 50, quantity: 60 }])
  })

  it('a shipped transfer cannot be cancelled; a stale version is refused', async () => {
    await refused(() => call(app, stockroom, 'POST', `${base}/${shippedId}/cancel`, { body: {} }), 409, 'INVALID_STATE')
    await refused(() => call(app, stockroom, 'POST', `${base}/${draftId}/cancel`, { body: { version: 3 } }), 409, 'STALE_VERSION')
  })

  it('the receiver: items not on the transfer → 422, bad quantities → 400, reused scan ids → 422', async () => {
    const scans = `/api/stores/st-a2/transfers/${shippedId}/scans`
    await refused(() => call(app, managerA2, 'POST', scans, { body: { id: 'tscan-off-001', itemId: 'it-tv' } }), 422, 'NOT_ON_DOCUMENT')
    await refused(() => call(app, managerA2, 'POST', scans, { body: { id: 'tscan-bad-001', itemId: 'it-milk', quantity: 0 } }), 400)
    await refused(() => call(app, managerA2, 'POST', scans, { body: { id: 'tscan-bad-001', itemId: 'it-milk', quantity: '2' } }), 400)
    expect((await call(app, managerA2, 'POST', scans, { body: { id: 'tscan-ok-0001', itemId: 'it-milk', quantity: 2 } })).status).toBe(201)
    await refused(() => call(app, managerA2, 'POST', scans, { body: { id: 'tscan-ok-0001', itemId: 'it-milk', quantity: 3 } }), 422, 'IDEMPOTENCY_KEY_REUSED')
  })

  it('a draft cannot be received; a cancelled one cannot be shipped', async () => {
    await refused(() => call(app, managerA2, 'POST', `/api/stores/st-a2/transfers/${draftId}/receive`, { body: {} }), 404, 'NOT_FOUND')
    expect((await call(app, stockroom, 'POST', `${base}/${draftId}/cancel`, { body: {} })).status).toBe(200)
    await refused(() => call(app, stockroom, 'POST', `${base}/${draftId}/ship`, { body: {} }), 409, 'INVALID_STATE')
    await assertInvariants(database)
  })

  it('bad list parameters → 400', async () => {
    for (const q of ['direction=sideways', 'status=lost', 'limit=0']) expect((await call(app, stockroom, 'GET', `${base}?${q}`)).status, q).toBe(400)
  })
})
