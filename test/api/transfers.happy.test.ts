import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { call, createTestApp, signIn, type Session, type TestApp } from '../support/app'
import { createTestDatabase } from '../support/db'
import { createFixture, type Fixture } from '../support/fixtures'
import { assertInvariants } from '../support/invariants'

let database: Database
let app: TestApp
let fx: Fixture
let stockroomA1: Session
let managerA2: Session
let regional: Session

async function stock(storeId: string, kind: string, itemId: string) {
  const [row] = await database.db.all<{ q: number }>(sql`SELECT COALESCE(SUM(b.quantity), 0) AS q FROM balances b JOIN locations l ON l.id = b.location_id
    WHERE b.store_id = ${storeId} AND b.item_id = ${itemId} AND l.kind = ${kind}`)
  return Number(row!.q)
}

/** Every unit of an item in the chain, wherever it is: a transfer never creates or loses stock. */
async function chainTotal(itemId: string) {
  const [row] = await database.db.all<{ q: number }>(sql`SELECT COALESCE(SUM(quantity), 0) AS q FROM balances WHERE item_id = ${itemId}`)
  return Number(row!.q)
}

const snapshot = async (itemId: string) => ({
  a1Stockroom: await stock('st-a1', 'stockroom', itemId),
  a1Transit: await stock('st-a1', 'in_transit', itemId),
  a2Transit: await stock('st-a2', 'in_transit', itemId),
  a2Stockroom: await stock('st-a2', 'stockroom', itemId),
})

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  app = createTestApp(database)
  stockroomA1 = await signIn(app, fx.users.stockroom.employeeNo)
  managerA2 = await signIn(app, fx.users.managerA2.employeeNo)
  regional = await signIn(app, fx.users.regional.employeeNo)
})

describe('transfer A1 → A2: ship, receive by scanning, differences to a correction', () => {
  let transferId: string
  const milkTotal = 3 * 70

  it('store A1 drafts a transfer; nothing moves yet and A2 does not see the draft', async () => {
    const res = await call(app, stockroomA1, 'POST', '/api/stores/st-a1/transfers', {
      body: { id: 'transfer-0001', toStoreId: 'st-a2', note: 'A2 runs out before the weekend', lines: [{ itemId: 'it-milk', quantity: 10 }, { sku: 'SKU-0002', quantity: 4 }, { barcode: fx.barcodes[4]!.barcode, quantity: 2 }] },
    })
    expect(res.status).toBe(201)
    transferId = res.body.transfer.id
    expect(res.body.transfer).toMatchObject({ status: 'draft', direction: 'outgoing', fromStore: { id: 'st-a1' }, toStore: { id: 'st-a2' }, totals: { quantity: 16, lines: 3 } })
    expect(await snapshot('it-milk')).toEqual({ a1Stockroom: 50, a1Transit: 0, a2Transit: 0, a2Stockroom: 50 })
    expect((await call(app, managerA2, 'GET', `/api/stores/st-a2/transfers/${transferId}`)).status).toBe(404)
  })

  it('shipping moves stock out of A1 and into A2 in transit in one step; shipping again posts nothing', async () => {
    const res = await call(app, stockroomA1, 'POST', `/api/stores/st-a1/transfers/${transferId}/ship`, { body: {} })
    expect(res.status).toBe(200)
    expect(res.body.transfer.status).toBe('shipped')
    expect(await snapshot('it-milk')).toEqual({ a1Stockroom: 40, a1Transit: 0, a2Transit: 10, a2Stockroom: 50 })
    expect(await chainTotal('it-milk')).toBe(milkTotal)
    const moves = await database.db.all<{ storeId: string; kind: string; quantity: number; counterparty: string }>(sql`SELECT store_id AS storeId, kind, quantity, counterparty
      FROM movements WHERE doc_type = 'transfer' AND doc_id = ${transferId} AND item_id = 'it-milk' ORDER BY id`)
    expect(moves).toEqual([
      { storeId: 'st-a1', kind: 'transfer_out', quantity: 10, counterparty: 'in_transit' },
      { storeId: 'st-a2', kind: 'transfer_transit', quantity: 10, counterparty: 'in_transit' },
    ])
    const again = await call(app, stockroomA1, 'POST', `/api/stores/st-a1/transfers/${transferId}/ship`, { body: {} })
    expect(again.status).toBe(200)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(await snapshot('it-milk')).toEqual({ a1Stockroom: 40, a1Transit: 0, a2Transit: 10, a2Stockroom: 50 })
    // A shipped transfer can only be received.
    const cancel = await call(app, stockroomA1, 'POST', `/api/stores/st-a1/transfers/${transferId}/cancel`, { body: {} })
    expect(cancel.status).toBe(409)
    await assertInvariants(database)
  })

  it('both stores list it: outgoing for A1, incoming for A2', async () => {
    const out = await call(app, stockroomA1, 'GET', '/api/stores/st-a1/transfers?direction=outgoing')
    expect(out.body.transfers.map((t: { id: string }) => t.id)).toEqual([transferId])
    const incoming = await call(app, managerA2, 'GET', '/api/stores/st-a2/transfers?direction=incoming')
    expect(incoming.body.transfers).toHaveLength(1)
    expect(incoming.body.transfers[0]).toMatchObject({ id: transferId, direction: 'incoming', status: 'shipped' })
    expect((await call(app, managerA2, 'GET', '/api/stores/st-a2/transfers?direction=outgoing')).body.transfers).toEqual([])
  })

  it('A2 receives by scanning (retries count once) and closes: in transit → stockroom, differences to a pending correction', async () => {
    const scan = (body: object) => call(app, managerA2, 'POST', `/api/stores/st-a2/transfers/${transferId}/scans`, { body })
    expect((await scan({ id: 'tscan-milk-01', itemId: 'it-milk', quantity: 10 })).status).toBe(201)
    const retry = await scan({ id: 'tscan-milk-01', itemId: 'it-milk', quantity: 10 })
    expect(retry.status).toBe(200)
    expect(retry.body.line).toMatchObject({ quantity: 10, receivedQty: 10, state: 'complete' })
    expect((await scan({ id: 'tscan-coffee-1', sku: 'SKU-0002', quantity: 3 })).body.line.state).toBe('partial')
    expect((await scan({ id: 'tscan-tv-0001', itemId: 'it-tv' })).status).toBe(201)
    expect((await scan({ id: 'tscan-tv-0002', itemId: 'it-tv', quantity: 2 })).body.line).toMatchObject({ receivedQty: 3, state: 'over' })
    // Received stock stays in transit until the receipt is closed.
    expect(await stock('st-a2', 'stockroom', 'it-milk')).toBe(50)

    const res = await call(app, managerA2, 'POST', `/api/stores/st-a2/transfers/${transferId}/receive`, { body: {} })
    expect(res.status).toBe(200)
    expect(res.body.transfer.status).toBe('received')
    const correctionId = res.body.transfer.correctionId
    expect(correctionId).toBeTruthy()
    expect(await snapshot('it-milk')).toEqual({ a1Stockroom: 40, a1Transit: 0, a2Transit: 0, a2Stockroom: 60 })
    expect(await snapshot('it-coffee')).toEqual({ a1Stockroom: 46, a1Transit: 0, a2Transit: 1, a2Stockroom: 53 })
    expect(await snapshot('it-tv')).toEqual({ a1Stockroom: 48, a1Transit: 0, a2Transit: 0, a2Stockroom: 52 })
    expect(await chainTotal('it-milk')).toBe(milkTotal)

    const [correction] = await database.db.all<Record<string, unknown>>(sql`SELECT store_id AS storeId, status, source, transfer_id AS transferId, entered_by AS enteredBy,
      counted_by AS countedBy FROM corrections WHERE id = ${correctionId}`)
    expect(correction).toEqual({ storeId: 'st-a2', status: 'pending', source: 'transfer', transferId, enteredBy: fx.users.managerA2.id, countedBy: fx.users.managerA2.id })
    const lines = await database.db.all<{ itemId: string; locationId: string; delta: number }>(sql`SELECT item_id AS itemId, location_id AS locationId, quantity_delta AS delta
      FROM correction_lines WHERE correction_id = ${correctionId} ORDER BY item_id`)
    expect(lines).toEqual([
      { itemId: 'it-coffee', locationId: fx.loc('st-a2', 'in_transit'), delta: -1 },
      { itemId: 'it-tv', locationId: fx.loc('st-a2', 'stockroom'), delta: 1 },
    ])

    const again = await call(app, managerA2, 'POST', `/api/stores/st-a2/transfers/${transferId}/receive`, { body: {} })
    expect(again.status).toBe(200)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(await stock('st-a2', 'stockroom', 'it-milk')).toBe(60)
    const late = await call(app, managerA2, 'POST', `/api/stores/st-a2/transfers/${transferId}/scans`, { body: { id: 'tscan-late-01', itemId: 'it-milk' } })
    expect(late.status).toBe(409)
    await assertInvariants(database)
  })

  it('the receiver cannot release the difference; a second person does, and in transit clears', async () => {
    const transfer = await call(app, managerA2, 'GET', `/api/stores/st-a2/transfers/${transferId}`)
    const correctionId = transfer.body.transfer.correctionId
    const self = await call(app, managerA2, 'POST', `/api/stores/st-a2/corrections/${correctionId}/confirm`, { body: { version: 1 } })
    expect(self.status).toBe(403)
    const ok = await call(app, regional, 'POST', `/api/stores/st-a2/corrections/${correctionId}/confirm`, { body: { version: 1 } })
    expect(ok.status).toBe(200)
    expect(await snapshot('it-coffee')).toEqual({ a1Stockroom: 46, a1Transit: 0, a2Transit: 0, a2Stockroom: 53 })
    expect(await stock('st-a2', 'stockroom', 'it-tv')).toBe(53)
    await assertInvariants(database)
  })

  it('a draft can be cancelled, and nothing moved', async () => {
    const created = await call(app, stockroomA1, 'POST', '/api/stores/st-a1/transfers', { body: { toStoreId: 'st-b1', lines: [{ itemId: 'it-drill', quantity: 1 }] } })
    const res = await call(app, stockroomA1, 'POST', `/api/stores/st-a1/transfers/${created.body.transfer.id}/cancel`, { body: {} })
    expect(res.status).toBe(200)
    expect(res.body.transfer.status).toBe('cancelled')
    expect(await stock('st-a1', 'stockroom', 'it-drill')).toBe(50)
  })
})
