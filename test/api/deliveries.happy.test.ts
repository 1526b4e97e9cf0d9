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
let manager: Session
let stockroom: Session
let stockroom2: Session

const base = '/api/stores/st-a1/deliveries'

async function stock(kind: string, itemId: string) {
  const [row] = await database.db.all<{ q: number }>(sql`SELECT COALESCE(SUM(b.quantity), 0) AS q FROM balances b JOIN locations l ON l.id = b.location_id
    WHERE b.store_id = 'st-a1' AND b.item_id = ${itemId} AND l.kind = ${kind}`)
  return Number(row!.q)
}

const receipts = (deliveryId: string) =>
  database.db.all<{ itemId: string; quantity: number; to: string; counterparty: string }>(sql`SELECT m.item_id AS itemId, m.quantity, l.kind AS "to", m.counterparty
    FROM movements m JOIN locations l ON l.id = m.to_location_id WHERE m.doc_type = 'delivery' AND m.doc_id = ${deliveryId} AND m.kind = 'receipt' ORDER BY m.item_id, l.kind`)

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  app = createTestApp(database)
  manager = await signIn(app, fx.users.manager.employeeNo)
  stockroom = await signIn(app, fx.users.stockroom.employeeNo)
  stockroom2 = await signIn(app, fx.users.stockroom2.employeeNo)
})

describe('receiving: expected delivery → scans → close', () => {
  let deliveryId: string

  it('the office announces a delivery with lines named by barcode, SKU or id', async () => {
    const res = await call(app, manager, 'POST', base, {
      body: {
        supplier: 'Milchhof Nord',
        reference: 'LS-2026-0001',
        expectedAt: '2026-11-03',
        lines: [
          { barcode: fx.barcodes[0]!.barcode, expectedQty: 10 },
          { sku: 'sku-0002', expectedQty: 5 },
          { itemId: 'it-shampoo', expectedQty: 4 },
          { itemId: 'it-tv', expectedQty: 1 },
        ],
      },
    })
    expect(res.status).toBe(201)
    deliveryId = res.body.delivery.id
    expect(res.body.delivery).toMatchObject({ status: 'expected', supplier: 'Milchhof Nord', reference: 'LS-2026-0001', expectedAt: '2026-11-03', totals: { expected: 20, received: 0, damaged: 0 } })
    expect(res.body.delivery.lines.every((l: { state: string }) => l.state === 'pending')).toBe(true)
  })

  it('two scanners receive at once; a retried scan counts once; unexpected and damaged items are taken', async () => {
    const scan = (session: Session, body: object) => call(app, session, 'POST', `${base}/${deliveryId}/scans`, { body })
    const first = await scan(stockroom, { id: 'scan-milk-0001', barcode: fx.barcodes[0]!.barcode, quantity: 9 })
    expect(first.status).toBe(201)
    expect(first.body.line).toMatchObject({ expectedQty: 10, receivedQty: 9, remainingQty: 1, state: 'partial' })

    const plusOne = await scan(stockroom2, { id: 'scan-milk-0002', barcode: fx.barcodes[0]!.barcode })
    expect(plusOne.body.line).toMatchObject({ receivedQty: 10, remainingQty: 0, state: 'complete' })
    const retry = await scan(stockroom2, { id: 'scan-milk-0002', barcode: fx.barcodes[0]!.barcode })
    expect(retry.status).toBe(200)
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    expect(retry.body.line.receivedQty).toBe(10)

    expect((await scan(stockroom, { id: 'scan-coffee-01', sku: 'SKU-0002', quantity: 3 })).status).toBe(201)
    const damaged = await scan(stockroom, { id: 'scan-coffee-02', sku: 'SKU-0002', damaged: true })
    expect(damaged.body.line).toMatchObject({ receivedQty: 3, damagedQty: 1, remainingQty: 1 })
    const unexpected = await scan(stockroom, { id: 'scan-drill-01', itemId: 'it-drill', quantity: 2 })
    expect(unexpected.status).toBe(201)
    expect(unexpected.body.line).toMatchObject({ expectedQty: 0, receivedQty: 2, state: 'unexpected' })
    expect((await scan(stockroom2, { id: 'scan-tv-00001', itemId: 'it-tv', quantity: 2 })).body.line.state).toBe('over')

    const live = await call(app, stockroom, 'GET', `${base}/${deliveryId}`)
    expect(live.status).toBe(200)
    expect(live.body.delivery).toMatchObject({ status: 'receiving', totals: { expected: 20, received: 17, damaged: 1 } })
    // Nothing is in stock before the receipt is closed.
    expect(await stock('stockroom', 'it-milk')).toBe(50)
  })

  it('closing posts receipts (good → stockroom, damaged → quarantine) and keeps the claim; closing again posts nothing', async () => {
    const closed = await call(app, stockroom, 'POST', `${base}/${deliveryId}/close`, { body: {} })
    expect(closed.status).toBe(200)
    expect(closed.body.delivery.status).toBe('closed')
    const claim = closed.body.delivery.discrepancies.map((d: { item: { id: string }; kind: string; quantity: number }) => [d.item.id, d.kind, d.quantity])
    expect(claim.sort()).toEqual(
      [
        ['it-coffee', 'damaged', 1],
        ['it-coffee', 'short', 1],
        ['it-drill', 'unexpected', 2],
        ['it-shampoo', 'short', 4],
        ['it-tv', 'over', 1],
      ].sort(),
    )
    expect(await receipts(deliveryId)).toEqual([
      { itemId: 'it-coffee', quantity: 1, to: 'quarantine', counterparty: 'supplier' },
      { itemId: 'it-coffee', quantity: 3, to: 'stockroom', counterparty: 'supplier' },
      { itemId: 'it-drill', quantity: 2, to: 'stockroom', counterparty: 'supplier' },
      { itemId: 'it-milk', quantity: 10, to: 'stockroom', counterparty: 'supplier' },
      { itemId: 'it-tv', quantity: 2, to: 'stockroom', counterparty: 'supplier' },
    ])
    expect(await stock('stockroom', 'it-milk')).toBe(60)
    expect(await stock('quarantine', 'it-coffee')).toBe(1)

    const again = await call(app, stockroom2, 'POST', `${base}/${deliveryId}/close`, { body: {} })
    expect(again.status).toBe(200)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(await receipts(deliveryId)).toHaveLength(5)
    // Differences are the supplier's: no correction was created.
    const [corrections] = await database.db.all<{ n: number }>(sql`SELECT COUNT(*) AS n FROM corrections`)
    expect(Number(corrections!.n)).toBe(0)

    const audit = await database.db.all<{ action: string }>(sql`SELECT action FROM audit_events WHERE entity_id = ${deliveryId} ORDER BY seq`)
    expect(audit.map((a) => a.action)).toEqual(['delivery.created', ...Array(6).fill('delivery.scanned'), 'delivery.closed'])
    await assertInvariants(database)
  })

  it('lists deliveries for the back room', async () => {
    const res = await call(app, stockroom, 'GET', `${base}?status=closed`)
    expect(res.status).toBe(200)
    expect(res.body.deliveries).toHaveLength(1)
    expect(res.body.deliveries[0]).toMatchObject({ id: deliveryId, lineCount: 5, totals: { expected: 20, received: 17, damaged: 1 } })
  })

  it('imports deliveries from a CSV (semicolons, quotes, extra columns) as one delivery per supplier reference', async () => {
    const csv = [
      'Supplier;Reference;Barcode;SKU;Qty;Description',
      `"Kaffee & Co";K-77;;SKU-0002;12;"Bohnen; 1 kg"`,
      `"Kaffee & Co";K-77;${fx.barcodes[0]!.barcode};;6;Milch`,
      `Drogerie Süd;DS-1;;sku-0003;24;`,
    ].join('\r\n')
    const res = await call(app, manager, 'POST', `${base}/import`, { body: { csv } })
    expect(res.status).toBe(201)
    expect(res.body.rows).toBe(3)
    expect(res.body.ignoredColumns).toEqual(['Description'])
    expect(res.body.deliveries.map((d: { reference: string; lineCount: number }) => [d.reference, d.lineCount])).toEqual([
      ['K-77', 2],
      ['DS-1', 1],
    ])
    const open = await call(app, stockroom, 'GET', `${base}?status=open`)
    expect(open.body.deliveries.map((d: { supplier: string }) => d.supplier).sort()).toEqual(['Drogerie Süd', 'Kaffee & Co'])
  })

  it('imports a 2,000-line CSV (about 115 KB as JSON: more than the 64 KB other routes take)', async () => {
    const skus = ['SKU-0001', 'SKU-0002', 'SKU-0003', 'SKU-0004', 'SKU-0005']
    const rows = Array.from({ length: 2000 }, (_, i) => `Großhandel Nord;GN-${String(Math.floor(i / 5)).padStart(4, '0')};${skus[i % 5]};${(i % 40) + 1};Palette ${i} Regal ${i % 17}`)
    const csv = ['supplier;reference;sku;quantity;description', ...rows].join('\n')
    const body = JSON.stringify({ csv })
    expect(new TextEncoder().encode(body).length).toBeGreaterThan(100 * 1024)
    const res = await call(app, manager, 'POST', `${base}/import`, { body })
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(201)
    expect(res.body.rows).toBe(2000)
    expect(res.body.deliveries).toHaveLength(400)
    expect(res.body.deliveries.every((d: { lineCount: number }) => d.lineCount === 5)).toBe(true)
    const [n] = await database.db.all<{ n: number }>(sql`SELECT COUNT(*) AS n FROM delivery_lines dl JOIN deliveries d ON d.id = dl.delivery_id
      WHERE d.store_id = 'st-a1' AND d.supplier = 'Großhandel Nord'`)
    expect(Number(n!.n)).toBe(2000)
  })

  it('cancels an announced delivery before anything was scanned', async () => {
    const created = await call(app, manager, 'POST', base, { body: { supplier: 'X', reference: 'CANCEL-1', lines: [{ itemId: 'it-milk', expectedQty: 1 }] } })
    const res = await call(app, manager, 'POST', `${base}/${created.body.delivery.id}/cancel`, { body: {} })
    expect(res.status).toBe(200)
    expect(res.body.delivery.status).toBe('cancelled')
    await assertInvariants(database)
  })
})
