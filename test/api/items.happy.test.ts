import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { itemBarcodes } from '../../db/schema/index'
import { createTestDatabase } from '../support/db'
import { createFixture, type Fixture } from '../support/fixtures'
import { call, createTestApp, signIn, type Session, type TestApp } from '../support/app'

let app: TestApp
let database: Database
let fx: Fixture
let clerk: Session

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  app = createTestApp(database)
  clerk = await signIn(app, fx.users.clerk.employeeNo)
})

describe('item look-up', () => {
  it('finds an item by barcode with floor, stockroom and nearby stock', async () => {
    const res = await call(app, clerk, 'GET', `/api/stores/st-a1/items/lookup?code=${fx.barcodes[0]!.barcode}`)
    expect(res.status).toBe(200)
    expect(res.body.item).toMatchObject({ id: 'it-milk', sku: 'SKU-0001', barcodes: [fx.barcodes[0]!.barcode] })
    expect(res.body.stock).toEqual({ floor: 20, stockroom: 50, inTransit: 0, receiving: 0, quarantine: 0 })
    expect(res.body.nearby).toEqual([{ storeId: 'st-a2', storeCode: 'A2', storeName: 'Store A2', city: 'Bremen', floor: 20, stockroom: 50 }])
    expect(res.body.lastMovements).toHaveLength(2)
  })

  it('finds a UPC-A item whether the scanner sends 12 digits, EAN-13 with a leading 0 or GTIN-14', async () => {
    await database.db.insert(itemBarcodes).values({ barcode: '036000291452', itemId: 'it-shampoo', kind: 'upca' })
    for (const code of ['036000291452', '0036000291452', '00036000291452']) {
      const res = await call(app, clerk, 'GET', `/api/stores/st-a1/items/lookup?code=${code}`)
      expect(res.status, code).toBe(200)
      expect(res.body.item.id).toBe('it-shampoo')
    }
    // An EAN-13 asked for as a GTIN-14 (padded with a zero).
    await database.db.insert(itemBarcodes).values({ barcode: '4006381333931', itemId: 'it-drill', kind: 'ean13' })
    const res = await call(app, clerk, 'GET', '/api/stores/st-a1/items/lookup?code=04006381333931')
    expect(res.status).toBe(200)
    expect(res.body.item.id).toBe('it-drill')
  })

  it('finds an item by SKU, case-insensitively', async () => {
    const res = await call(app, clerk, 'GET', '/api/stores/st-a1/items/lookup?code=sku-0002')
    expect(res.status).toBe(200)
    expect(res.body.item.id).toBe('it-coffee')
  })

  it('answers 404 NOT_FOUND for an unknown code', async () => {
    const res = await call(app, clerk, 'GET', '/api/stores/st-a1/items/lookup?code=4000000000999')
    expect(res.status).toBe(404)
    expect(res.body.error.code).toBe('NOT_FOUND')
  })

  it('searches by words of the name', async () => {
    const res = await call(app, clerk, 'GET', '/api/stores/st-a1/items/search?q=espr')
    expect(res.status).toBe(200)
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual(['it-coffee'])
    expect(res.body.items[0]).toMatchObject({ floor: 20, stockroom: 50 })
  })

  it('treats search operators and quotes as plain text', async () => {
    for (const q of ['"', 'milk OR tv', '*', "'; DROP TABLE items; --", 'NEAR(a b)', '%_']) {
      const res = await call(app, clerk, 'GET', `/api/stores/st-a1/items/search?q=${encodeURIComponent(q)}`)
      expect(res.status, q).toBe(200)
    }
  })

  it('pages an item movement history', async () => {
    const first = await call(app, clerk, 'GET', '/api/stores/st-a1/items/it-milk/movements?limit=1')
    expect(first.status).toBe(200)
    expect(first.body.movements).toHaveLength(1)
    const next = await call(app, clerk, 'GET', `/api/stores/st-a1/items/it-milk/movements?limit=1&before=${first.body.nextBefore}`)
    expect(next.body.movements[0].id).toBeLessThan(first.body.movements[0].id)
  })

  it('hides stores outside the clerk scope (404)', async () => {
    const res = await call(app, clerk, 'GET', `/api/stores/st-b1/items/lookup?code=${fx.barcodes[0]!.barcode}`)
    expect(res.status).toBe(404)
  })

  it('reports who I am and what I may do', async () => {
    const res = await call(app, clerk, 'GET', '/api/me')
    expect(res.status).toBe(200)
    expect(res.body.user.employeeNo).toBe('E1001')
    expect(res.body.stores).toHaveLength(1)
    expect(res.body.stores[0].actions).toContain('replenishment.request')
    expect(res.body.stores[0].actions).not.toContain('correction.decide')
    expect(res.body.device).toEqual({ storeId: 'st-a1' })
  })
})

describe('search by SKU', () => {
  it('finds items by the start of their SKU without matching every SKU', async () => {
    const all = await call(app, clerk, 'GET', '/api/stores/st-a1/items/search?q=sku-000')
    expect(all.body.items.map((i: { sku: string }) => i.sku)).toEqual(['SKU-0001', 'SKU-0002', 'SKU-0003', 'SKU-0004', 'SKU-0005'])
    const one = await call(app, clerk, 'GET', '/api/stores/st-a1/items/search?q=SKU-0004')
    expect(one.body.items.map((i: { id: string }) => i.id)).toEqual(['it-drill'])
    const word = await call(app, clerk, 'GET', '/api/stores/st-a1/items/search?q=sku')
    expect(word.body.items).toEqual([])
  })
})
