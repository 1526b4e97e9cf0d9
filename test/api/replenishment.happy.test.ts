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
let clerk: Session
let stockroom: Session

const base = '/api/stores/st-a1/replenishment'

async function stock(kind: string, itemId: string, storeId = 'st-a1') {
  const [row] = await database.db.all<{ q: number }>(sql`SELECT COALESCE(SUM(b.quantity), 0) AS q FROM balances b JOIN locations l ON l.id = b.location_id
    WHERE b.store_id = ${storeId} AND b.item_id = ${itemId} AND l.kind = ${kind}`)
  return Number(row!.q)
}

async function movementsOf(docId: string) {
  return database.db.all<{ kind: string; quantity: number; fromLocationId: string | null; toLocationId: string | null }>(
    sql`SELECT kind, quantity, from_location_id AS fromLocationId, to_location_id AS toLocationId FROM movements WHERE doc_id = ${docId} ORDER BY id`,
  )
}

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  app = createTestApp(database)
  clerk = await signIn(app, fx.users.clerk.employeeNo)
  stockroom = await signIn(app, fx.users.stockroom.employeeNo)
})

describe('replenishment: the floor asks, the back room picks', () => {
  it('walks a clerk request through picking to done, moving stock stockroom → floor once', async () => {
    const created = await call(app, clerk, 'POST', `${base}/requests`, { body: { id: 'req-milk-0001', barcode: fx.barcodes[0]!.barcode, quantity: 12, note: 'customer waiting' } })
    expect(created.status).toBe(201)
    expect(created.body.stockroomAvailable).toBe(50)
    expect(created.body.request).toMatchObject({ id: 'req-milk-0001', status: 'open', source: 'clerk', requestedQty: 12, item: { id: 'it-milk' }, requestedBy: { id: fx.users.clerk.id } })

    const mine = await call(app, clerk, 'GET', `${base}/requests?mine=true&status=active`)
    expect(mine.status).toBe(200)
    expect(mine.body.requests.map((r: { id: string }) => r.id)).toEqual(['req-milk-0001'])

    const list = await call(app, stockroom, 'GET', `${base}/pick-list`)
    expect(list.status).toBe(200)
    expect(list.body.lines).toHaveLength(1)
    expect(list.body.lines[0]).toMatchObject({ id: 'req-milk-0001', toPick: 12, stock: { floor: 20, stockroom: 50 } })

    const picking = await call(app, stockroom, 'POST', `${base}/requests/req-milk-0001/picking`, { body: {} })
    expect(picking.status).toBe(200)
    expect(picking.body.request.status).toBe('picking')
    // The floor sees the state change.
    const seen = await call(app, clerk, 'GET', `${base}/requests/req-milk-0001`)
    expect(seen.body.request.status).toBe('picking')

    const done = await call(app, stockroom, 'POST', `${base}/requests/req-milk-0001/done`, { body: { quantity: 12 } })
    expect(done.status).toBe(200)
    expect(done.body.request).toMatchObject({ status: 'done', pickedQty: 12, pickedBy: { id: fx.users.stockroom.id }, stock: { floor: 32, stockroom: 38 } })
    expect(await stock('floor', 'it-milk')).toBe(32)
    expect(await stock('stockroom', 'it-milk')).toBe(38)
    expect(await movementsOf('req-milk-0001')).toEqual([{ kind: 'replenish', quantity: 12, fromLocationId: fx.loc('st-a1', 'stockroom'), toLocationId: fx.loc('st-a1', 'floor') }])

    // A double tap posts nothing more.
    const again = await call(app, stockroom, 'POST', `${base}/requests/req-milk-0001/done`, { body: { quantity: 12 } })
    expect(again.status).toBe(200)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(await movementsOf('req-milk-0001')).toHaveLength(1)
    expect(await stock('floor', 'it-milk')).toBe(32)

    const audit = await database.db.all<{ action: string }>(sql`SELECT action FROM audit_events WHERE entity_id = 'req-milk-0001' ORDER BY seq`)
    expect(audit.map((a) => a.action)).toEqual(['replenishment.requested', 'replenishment.picking', 'replenishment.done'])
    await assertInvariants(database)
  })

  it('replays a retried request with the same id and creates it once', async () => {
    const body = { id: 'req-coffee-01', sku: 'SKU-0002' }
    const first = await call(app, clerk, 'POST', `${base}/requests`, { body })
    const second = await call(app, clerk, 'POST', `${base}/requests`, { body })
    const third = await call(app, clerk, 'POST', `${base}/requests`, { body })
    expect(first.status).toBe(201)
    expect(second.status).toBe(200)
    expect(third.status).toBe(200)
    expect(second.headers.get('idempotent-replayed')).toBe('true')
    expect(second.body.request.id).toBe('req-coffee-01')
    const [row] = await database.db.all<{ n: number }>(sql`SELECT COUNT(*) AS n FROM replenishment_requests WHERE item_id = 'it-coffee'`)
    expect(Number(row!.n)).toBe(1)
    // No quantity: the pick list proposes filling the shelf to its target (20 − 20 → at least 1).
    const list = await call(app, stockroom, 'GET', `${base}/pick-list`)
    expect(list.body.lines.find((l: { id: string }) => l.id === 'req-coffee-01').toPick).toBe(1)
  })

  it('picks part of a request, and records cannot-fill with a reason both sides see', async () => {
    await call(app, clerk, 'POST', `${base}/requests`, { body: { id: 'req-shampoo-1', itemId: 'it-shampoo', quantity: 30 } })
    const partial = await call(app, stockroom, 'POST', `${base}/requests/req-shampoo-1/done`, { body: { quantity: 10 } })
    expect(partial.status).toBe(200)
    expect(partial.body.request).toMatchObject({ status: 'done', requestedQty: 30, pickedQty: 10 })
    expect(await stock('floor', 'it-shampoo')).toBe(30)

    const cannot = await call(app, stockroom, 'POST', `${base}/requests/req-coffee-01/cannot-fill`, { body: { reason: 'Pallet blocked, tomorrow' } })
    expect(cannot.status).toBe(200)
    const seen = await call(app, clerk, 'GET', `${base}/requests/req-coffee-01`)
    expect(seen.body.request).toMatchObject({ status: 'cannot_fill', cannotFillReason: 'Pallet blocked, tomorrow' })
    await assertInvariants(database)
  })

  it('says at once when the stockroom has none: the request is recorded as cannot_fill', async () => {
    // Empty the drill's stockroom through a pick.
    await call(app, clerk, 'POST', `${base}/requests`, { body: { id: 'req-drill-all', itemId: 'it-drill', quantity: 50 } })
    expect((await call(app, stockroom, 'POST', `${base}/requests/req-drill-all/done`, { body: { quantity: 50 } })).status).toBe(200)
    const res = await call(app, clerk, 'POST', `${base}/requests`, { body: { id: 'req-drill-none', itemId: 'it-drill' } })
    expect(res.status).toBe(201)
    expect(res.body.stockroomAvailable).toBe(0)
    expect(res.body.request).toMatchObject({ status: 'cannot_fill', cannotFillReason: 'stockroom_empty' })
    const list = await call(app, stockroom, 'GET', `${base}/pick-list`)
    expect(list.body.lines.map((l: { id: string }) => l.id)).not.toContain('req-drill-none')
  })

  it('lets the requester cancel an open request', async () => {
    await call(app, clerk, 'POST', `${base}/requests`, { body: { id: 'req-tv-cancel', itemId: 'it-tv', quantity: 1 } })
    const res = await call(app, clerk, 'POST', `${base}/requests/req-tv-cancel/cancel`, { body: {} })
    expect(res.status).toBe(200)
    expect(res.body.request.status).toBe('cancelled')
  })

  it('suggests refills below the shelf minimum and turns them into rule requests once', async () => {
    // Sell the TV floor down to 2 (< shelf minimum 5) through the ledger.
    await database.db.run(sql`UPDATE store_items SET shelf_min = 25, shelf_target = 40 WHERE store_id = 'st-a1' AND item_id = 'it-tv'`)
    const suggestions = await call(app, clerk, 'GET', `${base}/suggestions`)
    expect(suggestions.status).toBe(200)
    const tv = suggestions.body.suggestions.find((s: { item: { id: string } }) => s.item.id === 'it-tv')
    expect(tv).toMatchObject({ floor: 20, stockroom: 50, shelfMin: 25, shelfTarget: 40, suggestedQty: 20, activeRequestId: null })

    const run = await call(app, stockroom, 'POST', `${base}/suggestions/requests`, { body: {} })
    expect(run.status, JSON.stringify(run.body)).toBe(200)
    expect(run.body.created).toHaveLength(1)
    const again = await call(app, stockroom, 'POST', `${base}/suggestions/requests`, { body: {} })
    expect(again.body.created).toHaveLength(0)
    const list = await call(app, stockroom, 'GET', `${base}/pick-list`)
    const line = list.body.lines.find((l: { item: { id: string } }) => l.item.id === 'it-tv')
    expect(line).toMatchObject({ source: 'rule', requestedQty: null, toPick: 20 })
    await assertInvariants(database)
  })

  it('orders the pick list by category, then name (the stockroom walk)', async () => {
    await call(app, clerk, 'POST', `${base}/requests`, { body: { id: 'req-order-milk', itemId: 'it-milk' } })
    await call(app, clerk, 'POST', `${base}/requests`, { body: { id: 'req-order-shampoo', itemId: 'it-shampoo' } })
    const list = await call(app, stockroom, 'GET', `${base}/pick-list`)
    const categories = list.body.lines.map((l: { item: { category: string } }) => l.item.category)
    expect(categories).toEqual([...categories].sort())
  })
})
