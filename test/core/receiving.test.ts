import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { createDeps } from '../../server/app'
import { fixedClock } from '../../server/core/clock'
import type { Ctx, Deps } from '../../server/core/context'
import { closeDelivery } from '../../server/core/receiving/close-delivery'
import { createDelivery } from '../../server/core/receiving/create-delivery'
import { importDeliveries } from '../../server/core/receiving/import-deliveries'
import { recordScan } from '../../server/core/receiving/record-scan'
import { createTestDatabase } from '../support/db'
import { createFixture, type Fixture } from '../support/fixtures'
import { assertInvariants, fingerprint } from '../support/invariants'

let database: Database
let fx: Fixture
let deps: Deps
const store = { id: 'st-a1', regionId: 'rg-a' }
const as = (userId: string): Ctx => ({ ...deps, actor: { userId } })
const count = async (query: ReturnType<typeof sql>) => Number((await database.db.all<{ n: number }>(query))[0]!.n)

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  deps = createDeps({ database, clock: fixedClock('2026-11-02T10:00:00.000Z') })
})

describe('receiving under retries and races', () => {
  let deliveryId: string

  it('ten concurrent copies of one scan count once', async () => {
    const { delivery } = await createDelivery({ ctx: as('u-manager'), store, input: { supplier: 'S', reference: 'R-1', lines: [{ itemId: 'it-milk', expectedQty: 12 }] } })
    deliveryId = delivery.id
    const results = await Promise.all(Array.from({ length: 10 }, () => recordScan({ ctx: as('u-stockroom'), store, deliveryId, input: { id: 'scan-conc-001', itemId: 'it-milk', quantity: 12 } })))
    expect(results.filter((r) => !r.replayed)).toHaveLength(1)
    expect(results.every((r) => r.line.receivedQty === 12)).toBe(true)
  })

  it('ten concurrent closes post the receipt once', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => closeDelivery({ ctx: as('u-stockroom2'), store, deliveryId, input: {} })))
    expect(results.filter((r) => !r.replayed)).toHaveLength(1)
    expect(await count(sql`SELECT COUNT(*) AS n FROM movements WHERE doc_type = 'delivery' AND doc_id = ${deliveryId}`)).toBe(1)
    await assertInvariants(database)
  })

  it('a scan id cannot be reused for something else, not even on another delivery', async () => {
    const { delivery } = await createDelivery({ ctx: as('u-manager'), store, input: { supplier: 'S', reference: 'R-2', lines: [{ itemId: 'it-tv', expectedQty: 1 }] } })
    await expect(recordScan({ ctx: as('u-stockroom'), store, deliveryId: delivery.id, input: { id: 'scan-conc-001', itemId: 'it-milk', quantity: 12 } })).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
    })
  })

  it('a delivery created twice with the same client id is one delivery', async () => {
    const input = { id: 'delivery-client-1', supplier: 'S', reference: 'R-3', lines: [{ sku: 'SKU-0002', expectedQty: 3 }] }
    const [a, b] = await Promise.all([createDelivery({ ctx: as('u-manager'), store, input }), createDelivery({ ctx: as('u-manager'), store, input })])
    expect([a.replayed, b.replayed].sort()).toEqual([false, true])
    expect(await count(sql`SELECT COUNT(*) AS n FROM deliveries WHERE reference = 'R-3'`)).toBe(1)
  })
})

describe('CSV import', () => {
  const header = 'supplier,reference,barcode,sku,quantity,expected_at'

  it('refuses the whole file with an error per bad row, and writes nothing', async () => {
    const csv = [
      header,
      `Good Supplier,G-1,${fx.barcodes[0]!.barcode},,5,2026-11-04`,
      'Good Supplier,G-1,,SKU-0002,0,2026-11-04', // quantity 0
      'Good Supplier,G-1,,SKU-0003,1.5,2026-11-04', // not whole
      'Good Supplier,G-1,4000000000999,,1,2026-11-04', // unknown barcode
      'Good Supplier,G-1,,SKU-0004,2,tomorrow', // bad date
      'Good Supplier,G-1,,,2,2026-11-04', // no item
      `Good Supplier,G-1,${fx.barcodes[0]!.barcode},,1,2026-11-04`, // same item twice
      ',G-1,,SKU-0005,1,2026-11-04', // no supplier
      'Good Supplier,G-1,,SKU-0005,1', // too few fields
      'Good Supplier,G-2,,SKU-0005,1,2026-11-05',
      'Good Supplier,G-2,,SKU-0004,1,2026-11-06', // expected_at differs within the delivery
      'S,R-1,,SKU-0004,1,', // exists already
    ].join('\n')
    const before = await fingerprint(database)
    const error = await importDeliveries({ ctx: as('u-manager'), store, input: { csv } }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'INVALID_CSV' })
    const rows = (error as { details: { errors: Array<{ row: number; column?: string }> } }).details.errors.map((e) => [e.row, e.column ?? null])
    expect(rows).toEqual([
      [3, 'quantity'],
      [4, 'quantity'],
      [5, 'barcode'],
      [6, 'expected_at'],
      [7, null],
      [8, null],
      [9, 'supplier'],
      [10, null],
      [12, 'expected_at'],
      [13, 'reference'],
    ])
    expect(await fingerprint(database)).toBe(before)
  })

  it('refuses a header without the needed columns, and unparseable text', async () => {
    await expect(importDeliveries({ ctx: as('u-manager'), store, input: { csv: 'supplier,qty\nA,1\n' } })).rejects.toMatchObject({
      code: 'INVALID_CSV',
      details: { errors: [{ row: 1, column: 'reference' }, { row: 1 }] },
    })
    await expect(importDeliveries({ ctx: as('u-manager'), store, input: { csv: `${header}\n"A,B-1,,SKU-0001,1,\n` } })).rejects.toMatchObject({
      code: 'INVALID_CSV',
      details: { errors: [{ row: 2, message: 'A quoted field is never closed' }] },
    })
    await expect(importDeliveries({ ctx: as('u-manager'), store, input: { csv: header } })).rejects.toMatchObject({ code: 'INVALID_CSV' })
  })

  it('imports a clean file as one delivery per supplier reference', async () => {
    const csv = [header, `A,A-1,${fx.barcodes[0]!.barcode},,5,2026-11-04`, 'A,A-1,,SKU-0002,3,2026-11-04', 'B,B-1,,SKU-0003,7,'].join('\n')
    const result = await importDeliveries({ ctx: as('u-manager'), store, input: { csv } })
    expect(result.deliveries.map((d) => [d.supplier, d.reference, d.lineCount])).toEqual([
      ['A', 'A-1', 2],
      ['B', 'B-1', 1],
    ])
    const lines = await database.db.all<{ itemId: string; expectedQty: number }>(sql`SELECT dl.item_id AS itemId, dl.expected_qty AS expectedQty
      FROM delivery_lines dl JOIN deliveries d ON d.id = dl.delivery_id WHERE d.reference = 'A-1' ORDER BY dl.item_id`)
    expect(lines).toEqual([
      { itemId: 'it-coffee', expectedQty: 3 },
      { itemId: 'it-milk', expectedQty: 5 },
    ])
    // Importing the same file again is refused as a whole.
    await expect(importDeliveries({ ctx: as('u-manager'), store, input: { csv } })).rejects.toMatchObject({ code: 'INVALID_CSV' })
    await assertInvariants(database)
  })
})
