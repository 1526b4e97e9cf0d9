import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { call, createTestApp, signIn, type Session, type TestApp } from '../support/app'
import { createTestDatabase } from '../support/db'
import { createFixture, type Fixture } from '../support/fixtures'

let database: Database
let app: TestApp
let fx: Fixture
let stockroom: Session
let lead: Session
let manager: Session

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  app = createTestApp(database)
  ;[stockroom, lead, manager] = await Promise.all([signIn(app, 'E1002'), signIn(app, 'E1003'), signIn(app, 'E1004')])
})

describe('blind counts do not leak through the item look-up', () => {
  it('hides stock and movements of a counted item from counters, and shows them again after the count', async () => {
    const before = await call(app, stockroom, 'GET', `/api/stores/st-a1/items/lookup?code=${fx.barcodes[1]!.barcode}`)
    expect(before.status).toBe(200)
    expect(before.body.stock.stockroom).toBe(50)
    expect(before.body.blindCount).toBe(false)

    const created = await call(app, manager, 'POST', '/api/stores/st-a1/counts', {
      body: { id: 'count-blind-0001', kind: 'cycle', location: 'stockroom', items: [{ itemId: 'it-coffee' }] },
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)

    // A counter (stockroom) sees the item, not its quantities — by barcode, by id, in search, in history.
    const lookup = await call(app, stockroom, 'GET', `/api/stores/st-a1/items/lookup?code=${fx.barcodes[1]!.barcode}`)
    expect(lookup.status).toBe(200)
    expect(lookup.body).toMatchObject({ item: { id: 'it-coffee' }, stock: null, blindCount: true, lastMovements: [] })
    const byId = await call(app, stockroom, 'GET', '/api/stores/st-a1/items/it-coffee')
    expect(byId.body).toMatchObject({ stock: null, blindCount: true })
    const search = await call(app, stockroom, 'GET', '/api/stores/st-a1/items/search?q=espresso')
    expect(search.body.items[0]).toMatchObject({ id: 'it-coffee', floor: null, stockroom: null })
    const history = await call(app, stockroom, 'GET', '/api/stores/st-a1/items/it-coffee/movements')
    expect(history.status).toBe(403)
    expect(history.body.error.code).toBe('BLIND_COUNT')
    // Items not on the count stay visible.
    const milk = await call(app, stockroom, 'GET', '/api/stores/st-a1/items/it-milk')
    expect(milk.body.stock.stockroom).toBe(50)

    // A reviewer who is not counting still sees them; once they count, they do not.
    expect((await call(app, lead, 'GET', '/api/stores/st-a1/items/it-coffee')).body.blindCount).toBe(false)
    const entry = await call(app, lead, 'POST', '/api/stores/st-a1/counts/count-blind-0001/entries', {
      body: { id: 'entry-blind-0001', itemId: 'it-coffee', quantity: 3 },
    })
    expect(entry.status, JSON.stringify(entry.body)).toBeLessThan(300)
    expect((await call(app, lead, 'GET', '/api/stores/st-a1/items/it-coffee')).body.blindCount).toBe(true)
  })
})
