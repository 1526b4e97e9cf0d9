import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { call, createTestApp, signIn, type TestApp } from '../support/app'
import { createTestDatabase } from '../support/db'
import { createFixture, type Fixture } from '../support/fixtures'
import { assertInvariants, expectRefused } from '../support/invariants'

let database: Database
let app: TestApp
let fx: Fixture
let secret: string

const till = (body: unknown, headers: Record<string, string> = {}) => call(app, null, 'POST', '/api/pos/receipts', { body, headers: { authorization: `Bearer ${secret}`, ...headers } })

const refused = (request: () => Promise<{ status: number; body: any }>, status: number, code?: string) =>
  expectRefused(database, request, status, code)

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  app = createTestApp(database)
  const manager = await signIn(app, fx.users.manager.employeeNo)
  secret = (await call(app, manager, 'POST', '/api/stores/st-a1/pos-keys', { body: { name: 'Till 1' } })).body.secret
  expect((await till({ receiptId: 'R-1', lines: [{ sku: 'SKU-0001', quantity: 1 }] })).status).toBe(201)
})

const sale = (over: object = {}) => ({ sku: 'SKU-0002', quantity: 1, ...over })

describe('receipts: bad input posts nothing', () => {
  it.each([0, -0, -1, 1.5, 1e308, 2 ** 53, '3', true, null, [], {}])('quantity %j → 400', async (quantity) => {
    await refused(() => till({ receiptId: 'R-bad-qty', lines: [sale({ quantity })] }), 400, 'VALIDATION_FAILED')
  })

  it.each([
    ['no lines', { receiptId: 'R-x', lines: [] }],
    ['201 lines', { receiptId: 'R-x', lines: Array.from({ length: 201 }, () => sale()) }],
    ['no receipt id', { lines: [sale()] }],
    ['a receipt id with a space', { receiptId: 'R 1', lines: [sale()] }],
    ['a receipt id of 65 characters', { receiptId: 'R'.repeat(65), lines: [sale()] }],
    ['barcode and sku on one line', { receiptId: 'R-x', lines: [sale({ barcode: '4000000000001' })] }],
    ['neither barcode nor sku', { receiptId: 'R-x', lines: [{ quantity: 1 }] }],
    ['a kind that is neither sale nor return', { receiptId: 'R-x', lines: [sale({ kind: 'gift' })] }],
    ['a negative price', { receiptId: 'R-x', lines: [sale({ unitPrice: -1 })] }],
    ['a price with cents as a fraction', { receiptId: 'R-x', lines: [sale({ unitPrice: 19.99 })] }],
    ['a time that is not a time', { receiptId: 'R-x', at: 'yesterday', lines: [sale()] }],
    ['returns to the stockroom', { receiptId: 'R-x', returnsTo: 'stockroom', lines: [sale()] }],
    ['a store smuggled in', { receiptId: 'R-x', storeId: 'st-b1', lines: [sale()] }],
    ['a line field smuggled in', { receiptId: 'R-x', lines: [sale({ itemId: 'it-tv' })] }],
  ])('%s → 400', async (_name, body) => {
    await refused(() => till(body), 400)
  })

  it('unknown barcodes or SKUs → 422 with the line numbers, nothing posted', async () => {
    const res = await refused(
      () => till({ receiptId: 'R-unknown', lines: [sale(), { barcode: '4000000000999', quantity: 1 }, sale(), { sku: 'SKU-9999', quantity: 2 }] }),
      422,
      'UNKNOWN_ITEM',
    )
    expect(res.body.error.details.lines.map((l: { line: number }) => l.line)).toEqual([2, 4])
  })

  it('the same receipt id with other content → 422, the first receipt stands', async () => {
    await refused(() => till({ receiptId: 'R-1', lines: [{ sku: 'SKU-0001', quantity: 2 }] }), 422, 'IDEMPOTENCY_KEY_REUSED')
    await refused(() => till({ receiptId: 'R-1', lines: [{ sku: 'SKU-0001', quantity: 1, kind: 'return' }] }), 422, 'IDEMPOTENCY_KEY_REUSED')
    const [n] = await database.db.all<{ n: number }>(sql`SELECT COUNT(*) AS n FROM movements WHERE doc_type = 'pos_receipt'`)
    expect(Number(n!.n)).toBe(1)
  })

  it('malformed JSON, duplicate keys, deep nesting, a text body', async () => {
    await refused(() => till('{"receiptId":"R-2","lines":['), 400, 'MALFORMED_JSON')
    await refused(() => till('{"receiptId":"R-2","receiptId":"R-3","lines":[{"sku":"SKU-0001","quantity":1}]}'), 400)
    await refused(() => till(`{"receiptId":"R-2","lines":${'['.repeat(40)}${']'.repeat(40)}}`), 400)
    await refused(() => till('R-2;SKU-0001;1', { 'content-type': 'text/plain' }), 403)
    await assertInvariants(database)
  })
})
