import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { call, createTestApp, signIn, type Session, type TestApp } from '../support/app'
import { createTestDatabase } from '../support/db'
import { createFixture, type Fixture } from '../support/fixtures'
import { assertInvariants, expectRefused } from '../support/invariants'

/**
 * Undoing a mis-scan or a typo: receiving and transfer-receipt scans take a negative quantity while the
 * document is open, count entries correct the counter's own total — never below zero (409 BELOW_ZERO,
 * nothing written), retried once by the client id, audited like the scans.
 */

let database: Database
let app: TestApp
let fx: Fixture
let manager: Session
let stockroom: Session
let stockroom2: Session
let lead: Session
let stockroomA1: Session
let managerA2: Session

const refused = (request: () => Promise<{ status: number; body: any }>, status: number, code?: string) => expectRefused(database, request, status, code)

const audit = (entityId: string, action: string) =>
  database.db.all<{ after: string }>(sql`SELECT after FROM audit_events WHERE entity_id = ${entityId} AND action = ${action} ORDER BY seq`)

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  app = createTestApp(database)
  manager = await signIn(app, fx.users.manager.employeeNo)
  stockroom = await signIn(app, fx.users.stockroom.employeeNo)
  stockroom2 = await signIn(app, fx.users.stockroom2.employeeNo)
  lead = await signIn(app, fx.users.lead.employeeNo)
  stockroomA1 = stockroom
  managerA2 = await signIn(app, fx.users.managerA2.employeeNo)
})

describe('receiving: a mis-scan is taken back before closing', () => {
  const base = '/api/stores/st-a1/deliveries'
  let deliveryId: string
  const scan = (body: object, session = stockroom) => call(app, session, 'POST', `${base}/${deliveryId}/scans`, { body })

  beforeAll(async () => {
    const res = await call(app, manager, 'POST', base, {
      body: { supplier: 'Molkerei Nord', reference: 'TB-1', lines: [{ itemId: 'it-milk', expectedQty: 10 }, { itemId: 'it-coffee', expectedQty: 4 }] },
    })
    deliveryId = res.body.delivery.id
  })

  it('100 instead of 10: -90 brings the line back; a retry of the take-back counts once', async () => {
    expect((await scan({ id: 'tb-scan-0001', itemId: 'it-milk', quantity: 100 })).body.line).toMatchObject({ receivedQty: 100, state: 'over' })
    const back = await scan({ id: 'tb-scan-0002', itemId: 'it-milk', quantity: -90 })
    expect(back.status).toBe(201)
    expect(back.body.scan).toMatchObject({ quantity: -90, damaged: false })
    expect(back.body.line).toMatchObject({ expectedQty: 10, receivedQty: 10, remainingQty: 0, state: 'complete' })

    const retry = await scan({ id: 'tb-scan-0002', itemId: 'it-milk', quantity: -90 })
    expect(retry.status).toBe(200)
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    expect(retry.body.line.receivedQty).toBe(10)
    const [row] = await database.db.all<{ n: number }>(sql`SELECT COUNT(*) AS n FROM delivery_scans WHERE id = 'tb-scan-0002'`)
    expect(Number(row!.n)).toBe(1)

    const events = await audit(deliveryId, 'delivery.scanned')
    expect(events.map((e) => JSON.parse(e.after))).toEqual([
      expect.objectContaining({ scanId: 'tb-scan-0001', quantity: 100 }),
      expect.objectContaining({ scanId: 'tb-scan-0002', quantity: -90, takeBack: true }),
    ])
  })

  it('taking back more than was received → 409 BELOW_ZERO with the current figure; nothing written', async () => {
    const res = await refused(() => scan({ id: 'tb-scan-0003', itemId: 'it-milk', quantity: -11 }), 409, 'BELOW_ZERO')
    expect(res.body.error.details).toMatchObject({ itemId: 'it-milk', damaged: false, current: 10, quantity: -11 })
    // another scanner may take back any scan of the delivery (the door is one team), but never below zero
    await refused(() => scan({ id: 'tb-scan-0004', itemId: 'it-coffee', quantity: -1 }, stockroom2), 409, 'BELOW_ZERO')
    await refused(() => scan({ id: 'tb-scan-0005', itemId: 'it-tv', quantity: -1 }), 409, 'BELOW_ZERO')
    // a scan id already used for the +100 is no take-back
    await refused(() => scan({ id: 'tb-scan-0001', itemId: 'it-milk', quantity: -100 }), 422, 'IDEMPOTENCY_KEY_REUSED')
    await refused(() => scan({ id: 'tb-scan-0006', itemId: 'it-milk', quantity: 0 }), 400)
    await refused(() => scan({ id: 'tb-scan-0006', itemId: 'it-milk', quantity: -100_001 }), 400)
  })

  it('damaged units are taken back from the damaged figure; an unexpected item taken back leaves the delivery', async () => {
    await scan({ id: 'tb-scan-0010', itemId: 'it-coffee', quantity: 3, damaged: true })
    await refused(() => scan({ id: 'tb-scan-0011', itemId: 'it-coffee', quantity: -4, damaged: true }), 409, 'BELOW_ZERO')
    const back = await scan({ id: 'tb-scan-0012', itemId: 'it-coffee', quantity: -2, damaged: true })
    expect(back.body.line).toMatchObject({ receivedQty: 0, damagedQty: 1, remainingQty: 3, state: 'partial' })
    await scan({ id: 'tb-scan-0013', itemId: 'it-coffee', quantity: 4 })

    expect((await scan({ id: 'tb-scan-0020', itemId: 'it-drill', quantity: 2 })).body.line.state).toBe('unexpected')
    const gone = await scan({ id: 'tb-scan-0021', itemId: 'it-drill', quantity: -2 })
    expect(gone.status).toBe(201)
    expect(gone.body.line).toMatchObject({ item: { id: 'it-drill' }, expectedQty: 0, receivedQty: 0, damagedQty: 0 })
    const view = await call(app, stockroom, 'GET', `${base}/${deliveryId}`)
    expect(view.body.delivery.lines.map((l: { item: { id: string } }) => l.item.id).sort()).toEqual(['it-coffee', 'it-milk'])
    expect(view.body.delivery.totals).toEqual({ expected: 14, received: 14, damaged: 1 })
  })

  it('closing posts the corrected quantities; the claim lists no "over" for the mis-scan; a take-back after closing → 409', async () => {
    const closed = await call(app, stockroom, 'POST', `${base}/${deliveryId}/close`, { body: {} })
    expect(closed.status).toBe(200)
    expect(closed.body.delivery.discrepancies).toEqual([
      expect.objectContaining({ item: expect.objectContaining({ id: 'it-coffee' }), kind: 'damaged', quantity: 1 }),
      expect.objectContaining({ item: expect.objectContaining({ id: 'it-coffee' }), kind: 'over', quantity: 1 }),
    ])
    const receipts = await database.db.all<{ itemId: string; quantity: number }>(sql`SELECT item_id AS itemId, SUM(quantity) AS quantity FROM movements
      WHERE doc_type = 'delivery' AND doc_id = ${deliveryId} GROUP BY item_id ORDER BY item_id`)
    expect(receipts.map((r) => [r.itemId, Number(r.quantity)])).toEqual([['it-coffee', 5], ['it-milk', 10]])
    await refused(() => scan({ id: 'tb-scan-0030', itemId: 'it-milk', quantity: -1 }), 409, 'INVALID_STATE')
    await assertInvariants(database)
  })
})

describe('transfer receipt: a mis-scan is taken back while the receipt is open', () => {
  let transferId: string
  const scans = () => `/api/stores/st-a2/transfers/${transferId}/scans`
  const scan = (body: object) => call(app, managerA2, 'POST', scans(), { body })

  beforeAll(async () => {
    const created = await call(app, stockroomA1, 'POST', '/api/stores/st-a1/transfers', { body: { toStoreId: 'st-a2', lines: [{ itemId: 'it-milk', quantity: 6 }] } })
    transferId = created.body.transfer.id
    expect((await call(app, stockroomA1, 'POST', `/api/stores/st-a1/transfers/${transferId}/ship`, { body: {} })).status).toBe(200)
  })

  it('60 instead of 6: -54 brings it back; a retry counts once; too much → 409 BELOW_ZERO and nothing written', async () => {
    expect((await scan({ id: 'tb-tscan-001', itemId: 'it-milk', quantity: 60 })).body.line.receivedQty).toBe(60)
    const back = await scan({ id: 'tb-tscan-002', itemId: 'it-milk', quantity: -54 })
    expect(back.status).toBe(201)
    expect(back.body.scan.quantity).toBe(-54)
    expect(back.body.line.receivedQty).toBe(6)
    const retry = await scan({ id: 'tb-tscan-002', itemId: 'it-milk', quantity: -54 })
    expect(retry.status).toBe(200)
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    expect(retry.body.line.receivedQty).toBe(6)

    const res = await refused(() => scan({ id: 'tb-tscan-003', itemId: 'it-milk', quantity: -7 }), 409, 'BELOW_ZERO')
    expect(res.body.error.details).toMatchObject({ itemId: 'it-milk', current: 6, quantity: -7 })
    await refused(() => scan({ id: 'tb-tscan-004', itemId: 'it-tv', quantity: -1 }), 422, 'NOT_ON_DOCUMENT')
    await refused(() => scan({ id: 'tb-tscan-001', itemId: 'it-milk', quantity: -60 }), 422, 'IDEMPOTENCY_KEY_REUSED')
    expect((await audit(transferId, 'transfer.scanned')).map((e) => JSON.parse(e.after).quantity)).toEqual([60, -54])
  })

  it('the receipt closes without differences; a take-back afterwards → 409', async () => {
    const received = await call(app, managerA2, 'POST', `/api/stores/st-a2/transfers/${transferId}/receive`, { body: {} })
    expect(received.status).toBe(200)
    expect(received.body.transfer).toMatchObject({ status: 'received', correctionId: null })
    await refused(() => scan({ id: 'tb-tscan-005', itemId: 'it-milk', quantity: -1 }), 409, 'INVALID_STATE')
    await assertInvariants(database)
  })
})

describe('counts: a counter corrects their own entries, never someone else’s', () => {
  const base = '/api/stores/st-a1'
  let countId: string
  const enter = (session: Session, body: object) => call(app, session, 'POST', `${base}/counts/${countId}/entries`, { body })
  const myLine = async (session: Session) => {
    const sheet = await call(app, session, 'GET', `${base}/counts/${countId}/sheet`)
    return sheet.body.lines.find((l: { item: { id: string } }) => l.item.id === 'it-shampoo')
  }

  beforeAll(async () => {
    const res = await call(app, manager, 'POST', `${base}/counts`, { body: { kind: 'cycle', location: 'stockroom', items: [{ itemId: 'it-shampoo' }] } })
    expect(res.status).toBe(201)
    countId = res.body.count.id
  })

  it('100 typed for 10: -90 corrects it; the sheet shows the corrected own total; a retry counts once', async () => {
    expect((await enter(stockroom, { id: 'tb-entry-001', itemId: 'it-shampoo', quantity: 100 })).status).toBe(201)
    expect((await enter(stockroom2, { id: 'tb-entry-002', itemId: 'it-shampoo', quantity: 40 })).status).toBe(201)
    const fix = await enter(stockroom, { id: 'tb-entry-003', itemId: 'it-shampoo', quantity: -90 })
    expect(fix.status).toBe(201)
    expect(fix.body.entry).toMatchObject({ quantity: -90, round: 1 })
    const retry = await enter(stockroom, { id: 'tb-entry-003', itemId: 'it-shampoo', quantity: -90 })
    expect(retry.status).toBe(200)
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    expect((await myLine(stockroom)).myEntered).toBe(10)
    expect((await myLine(stockroom2)).myEntered).toBe(40)
    expect((await audit(countId, 'count.entered')).map((e) => JSON.parse(e.after))).toContainEqual(expect.objectContaining({ entryId: 'tb-entry-003', quantity: -90, correction: true }))
  })

  it('taking away more than your own total → 409 BELOW_ZERO naming only your own total (blind); nothing written', async () => {
    // 50 are on the line in all, but only 10 of them are this counter's
    const res = await refused(() => enter(stockroom, { id: 'tb-entry-004', itemId: 'it-shampoo', quantity: -11 }), 409, 'BELOW_ZERO')
    expect(res.body.error.details).toEqual({ itemId: 'it-shampoo', locationId: fx.loc('st-a1', 'stockroom'), round: 1, yourTotal: 10, quantity: -11 })
    expect(JSON.stringify(res.body)).not.toMatch(/expected|balance|variance/i)
    // someone who entered nothing cannot take away the others' units
    await refused(() => enter(lead, { id: 'tb-entry-005', itemId: 'it-shampoo', quantity: -1 }), 409, 'BELOW_ZERO')
    await refused(() => enter(stockroom, { id: 'tb-entry-001', itemId: 'it-shampoo', quantity: -100 }), 422, 'IDEMPOTENCY_KEY_REUSED')
  })

  it('the review counts the corrected total; the correction does not move the line’s "as of" moment', async () => {
    const [before] = await database.db.all<{ m: number }>(sql`SELECT MAX(at_movement_id) AS m FROM count_entries WHERE count_id = ${countId} AND quantity > 0`)
    const [after] = await database.db.all<{ m: number }>(sql`SELECT MAX(at_movement_id) AS m FROM count_entries WHERE count_id = ${countId}`)
    expect(Number(after!.m)).toBe(Number(before!.m))
    const review = await call(app, manager, 'GET', `${base}/counts/${countId}/review`)
    expect(review.status).toBe(200)
    expect(review.body.lines[0]).toMatchObject({ expected: 50, counted: 50, variance: 0 })
    const submitted = await call(app, manager, 'POST', `${base}/counts/${countId}/submit`, { body: {} })
    expect(submitted.body).toMatchObject({ outcome: 'submitted', correctionId: null })
    await refused(() => enter(stockroom, { id: 'tb-entry-006', itemId: 'it-shampoo', quantity: -1 }), 409, 'INVALID_STATE')
    await assertInvariants(database)
  })
})
