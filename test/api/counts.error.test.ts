import { sql } from 'drizzle-orm'
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
  it.each([-1_000_001, 1.5, '3', null, true, 1e308, 2 ** 53])('quantity %j → 400', async (quantity) => {
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

/**
 * Overlapping counts would correct the same difference twice: two open counts of milk in the
 * stockroom, both counting 45 against 50, both confirmed → 40. A count is refused (409 COUNT_OVERLAP)
 * while any of its (location, item) lines is on another open count or on a pending count correction.
 */
describe('overlapping counts are refused, and the database is unchanged', () => {
  let db2: Database
  let app2: TestApp
  let fx2: Fixture
  const who: Record<string, Session> = {}
  const path = '/api/stores/st-a1/counts'
  const milkStockroom = { kind: 'cycle', location: 'stockroom', items: [{ itemId: 'it-milk' }] }
  const create = (body: object) => call(app2, who.manager!, 'POST', path, { body })
  const refusedHere = (body: object) => expectRefused(db2, () => create(body), 409, 'COUNT_OVERLAP')
  const milk = async () => Number((await db2.db.all<{ q: number }>(sql`SELECT quantity AS q FROM balances WHERE location_id = 'st-a1-stockroom' AND item_id = 'it-milk'`))[0]!.q)

  beforeAll(async () => {
    db2 = await createTestDatabase()
    fx2 = await createFixture(db2)
    app2 = createTestApp(db2)
    for (const key of ['manager', 'stockroom', 'stockroom2', 'regional'] as const) who[key] = await signIn(app2, fx2.users[key].employeeNo)
  })

  it('the repro: a second count of milk in the stockroom while the first is open, then while its correction is pending', async () => {
    const first = await create({ ...milkStockroom, id: 'overlap-count-01' })
    expect(first.status).toBe(201)

    const second = await refusedHere({ ...milkStockroom, id: 'overlap-count-02' })
    expect(second.body.error.details).toEqual({
      overlaps: [{ locationId: fx2.loc('st-a1', 'stockroom'), locationKind: 'stockroom', itemId: 'it-milk', sku: 'SKU-0001', name: 'Organic Whole Milk 1 L', blockedBy: { type: 'count', id: 'overlap-count-01' } }],
      truncated: false,
      counts: ['overlap-count-01'],
      corrections: [],
    })
    expect(second.body.error.message).toMatch(/SKU-0001 in stockroom is already on open count overlap-count-01/)
    // The refusal stored nothing under the client id: the same id is refused again, not replayed.
    await refusedHere({ ...milkStockroom, id: 'overlap-count-02' })
    // Kinds that pick their own lines overlap just the same.
    await refusedHere({ kind: 'location', location: 'stockroom' })
    await refusedHere({ kind: 'full' })
    // Another location of the same item, or another store, is no overlap.
    const floor = await create({ kind: 'cycle', location: 'floor', items: [{ itemId: 'it-milk' }] })
    expect(floor.status).toBe(201)
    const managerA2 = await signIn(app2, fx2.users.managerA2.employeeNo)
    expect((await call(app2, managerA2, 'POST', '/api/stores/st-a2/counts', { body: milkStockroom })).status).toBe(201)
    expect((await call(app2, who.manager!, 'POST', `${path}/${floor.body.count.id}/cancel`, { body: {} })).status).toBe(200)

    // Counted 45 of 50: submitted, the variance waits as a pending correction.
    expect((await call(app2, who.stockroom!, 'POST', `${path}/overlap-count-01/entries`, { body: { id: 'overlap-entry-01', itemId: 'it-milk', quantity: 45 } })).status).toBe(201)
    const submitted = await call(app2, who.manager!, 'POST', `${path}/overlap-count-01/submit`, { body: {} })
    expect(submitted.body.outcome).toBe('submitted')
    const correctionId = submitted.body.correctionId as string
    const pending = await refusedHere({ ...milkStockroom, id: 'overlap-count-03' })
    expect(pending.body.error.details).toMatchObject({
      overlaps: [{ itemId: 'it-milk', locationKind: 'stockroom', blockedBy: { type: 'correction', id: correctionId } }],
      counts: [],
      corrections: [correctionId],
    })
    await refusedHere({ kind: 'full' })

    // Decided, the difference is settled once: milk is 45, and counting it again finds no variance.
    expect((await call(app2, who.regional!, 'POST', `/api/stores/st-a1/corrections/${correctionId}/confirm`, { body: { version: 1 } })).status).toBe(200)
    expect(await milk()).toBe(45)
    const again = await create({ ...milkStockroom, id: 'overlap-count-03' })
    expect(again.status).toBe(201)
    expect((await call(app2, who.stockroom2!, 'POST', `${path}/overlap-count-03/entries`, { body: { id: 'overlap-entry-03', itemId: 'it-milk', quantity: 45 } })).status).toBe(201)
    expect((await call(app2, who.manager!, 'POST', `${path}/overlap-count-03/submit`, { body: {} })).body).toMatchObject({ outcome: 'submitted', correctionId: null })
    expect(await milk()).toBe(45)
    await assertInvariants(db2)
  })

  it('a full stocktake waits for every open count of the store, and blocks every other count while it runs', async () => {
    const quarantine = await create({ kind: 'cycle', location: 'quarantine', items: [{ itemId: 'it-tv' }] })
    expect(quarantine.status).toBe(201)
    const full = await refusedHere({ kind: 'full' })
    expect(full.body.error.details).toMatchObject({ counts: [quarantine.body.count.id], openCounts: [{ id: quarantine.body.count.id, kind: 'cycle', status: 'open' }] })
    expect((await call(app2, who.manager!, 'POST', `${path}/${quarantine.body.count.id}/cancel`, { body: {} })).status).toBe(200)
    const stocktake = await create({ kind: 'full', id: 'overlap-full-001' })
    expect(stocktake.status).toBe(201)
    const blocked = await refusedHere({ kind: 'cycle', location: 'floor', items: [{ itemId: 'it-tv' }, { itemId: 'it-drill' }] })
    expect(blocked.body.error.details.overlaps.map((o: { itemId: string }) => o.itemId)).toEqual(['it-drill', 'it-tv'])
    expect(blocked.body.error.details.counts).toEqual(['overlap-full-001'])
    expect((await call(app2, who.manager!, 'POST', `${path}/overlap-full-001/cancel`, { body: {} })).status).toBe(200)
  })

  it('two managers opening the same count at once: exactly one wins', async () => {
    const [a, b] = await Promise.all([create({ kind: 'cycle', location: 'floor', items: [{ itemId: 'it-coffee' }] }), create({ kind: 'cycle', location: 'floor', items: [{ itemId: 'it-coffee' }, { itemId: 'it-shampoo' }] })])
    expect([a.status, b.status].sort()).toEqual([201, 409])
    const [n] = await db2.db.all<{ n: number }>(sql`SELECT COUNT(*) AS n FROM counts c JOIN count_items ci ON ci.count_id = c.id
      WHERE c.store_id = 'st-a1' AND c.status = 'open' AND ci.item_id = 'it-coffee'`)
    expect(Number(n!.n)).toBe(1)
    await assertInvariants(db2)
  })
})
