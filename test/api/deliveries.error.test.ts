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
let closedId: string

const base = '/api/stores/st-a1/deliveries'

const refused = (request: () => Promise<{ status: number; body: any }>, status: number, code?: string) =>
  expectRefused(database, request, status, code)

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  app = createTestApp(database)
  manager = await signIn(app, fx.users.manager.employeeNo)
  stockroom = await signIn(app, fx.users.stockroom.employeeNo)
  const open = await call(app, manager, 'POST', base, { body: { supplier: 'Nord', reference: 'N-1', lines: [{ itemId: 'it-milk', expectedQty: 5 }] } })
  openId = open.body.delivery.id
  const closed = await call(app, manager, 'POST', base, { body: { supplier: 'Nord', reference: 'N-2', lines: [{ itemId: 'it-milk', expectedQty: 5 }] } })
  closedId = closed.body.delivery.id
  expect((await call(app, stockroom, 'POST', `${base}/${closedId}/scans`, { body: { id: 'scan-closed-01', itemId: 'it-milk', quantity: 5 } })).status).toBe(201)
  expect((await call(app, stockroom, 'POST', `${base}/${closedId}/close`, { body: {} })).status).toBe(200)
})

const line = (over: object = {}) => ({ itemId: 'it-coffee', expectedQty: 3, ...over })

describe('announcing deliveries: bad input changes nothing', () => {
  it.each([
    ['no lines', { supplier: 'S', reference: 'X-1', lines: [] }],
    ['no supplier', { supplier: '', reference: 'X-1', lines: [line()] }],
    ['supplier of spaces', { supplier: '   ', reference: 'X-1', lines: [line()] }],
    ['bidi override in the reference', { supplier: 'S', reference: 'X\u202E1', lines: [line()] }],
    ['expected 0', { supplier: 'S', reference: 'X-1', lines: [line({ expectedQty: 0 })] }],
    ['expected 1.5', { supplier: 'S', reference: 'X-1', lines: [line({ expectedQty: 1.5 })] }],
    ['expected "3"', { supplier: 'S', reference: 'X-1', lines: [line({ expectedQty: '3' })] }],
    ['expected 2^53', { supplier: 'S', reference: 'X-1', lines: [line({ expectedQty: 2 ** 53 })] }],
    ['two item references', { supplier: 'S', reference: 'X-1', lines: [line({ sku: 'SKU-0002' })] }],
    ['a bad date', { supplier: 'S', reference: 'X-1', expectedAt: 'next week', lines: [line()] }],
    ['a status smuggled in', { supplier: 'S', reference: 'X-1', status: 'closed', lines: [line()] }],
    ['a line field smuggled in', { supplier: 'S', reference: 'X-1', lines: [line({ receivedQty: 3 })] }],
    ['the same item twice', { supplier: 'S', reference: 'X-1', lines: [line(), line({ expectedQty: 1 })] }],
  ])('%s → 400', async (_name, body) => {
    await refused(() => call(app, manager, 'POST', base, { body }), 400)
  })

  it('unknown items → 422 naming the lines', async () => {
    const res = await refused(
      () => call(app, manager, 'POST', base, { body: { supplier: 'S', reference: 'X-2', lines: [line(), { barcode: '4000000000999', expectedQty: 1 }, { sku: 'NOPE-1', expectedQty: 1 }] } }),
      422,
      'UNKNOWN_ITEM',
    )
    expect(res.body.error.details.lines.map((l: { line: number }) => l.line)).toEqual([2, 3])
  })

  it('a supplier reference that exists → 409', async () => {
    await refused(() => call(app, manager, 'POST', base, { body: { supplier: 'Nord', reference: 'N-1', lines: [line()] } }), 409, 'DUPLICATE')
  })

  it('a CSV with one bad row among good ones imports nothing', async () => {
    const csv = `supplier,reference,sku,quantity\nS,C-1,SKU-0001,4\nS,C-1,SKU-0002,four\nS,C-2,SKU-0003,1\n`
    const res = await refused(() => call(app, manager, 'POST', `${base}/import`, { body: { csv } }), 422, 'INVALID_CSV')
    expect(res.body.error.details).toMatchObject({ errorCount: 1, errors: [{ row: 3, column: 'quantity' }] })
  })

  it('the import takes up to 1 MiB; more is 413 PAYLOAD_TOO_LARGE (with or without Content-Length), and nothing is imported', async () => {
    const row = 'Big;B-1;SKU-0001;1;' + 'x'.repeat(200)
    const csv = ['supplier;reference;sku;quantity;description', ...Array.from({ length: 5200 }, () => row)].join('\n')
    const body = JSON.stringify({ csv })
    expect(body.length).toBeGreaterThan(1024 * 1024)
    for (const headers of [{}, { 'content-length': String(body.length) }] as Array<Record<string, string>>) {
      const res = await refused(() => call(app, manager, 'POST', `${base}/import`, { body, headers }), 413, 'PAYLOAD_TOO_LARGE')
      expect(res.body).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is larger than 1048576 bytes', details: { maxBytes: 1048576 } } })
    }
  })

  it('only the import has the larger limit: 100 KB elsewhere is still 413 at 64 KB', async () => {
    const note = 'n'.repeat(100 * 1024)
    const res = await refused(() => call(app, manager, 'POST', base, { body: { supplier: 'S', reference: 'BIG-1', lines: [line()], note } }), 413, 'PAYLOAD_TOO_LARGE')
    expect(res.body.error).toMatchObject({ details: { maxBytes: 65536 } })
    // …also on a route whose path merely resembles the import's.
    await refused(() => call(app, manager, 'POST', `${base}/import-x`, { body: { note } }), 413, 'PAYLOAD_TOO_LARGE')
  })

  it('CSV as text/csv is refused (the write guard takes JSON only): send { csv }', async () => {
    await refused(() => call(app, manager, 'POST', `${base}/import`, { body: 'supplier,reference,sku,quantity\nS,C-1,SKU-0001,4\n', headers: { 'content-type': 'text/csv' } }), 415)
    await refused(() => call(app, manager, 'POST', `${base}/import`, { body: { csv: '' } }), 400)
  })
})

describe('scanning and closing: wrong moves change nothing', () => {
  it.each([
    ['quantity 0', { id: 'scan-bad-0001', itemId: 'it-milk', quantity: 0 }],
    ['quantity -100001 (a take-back beyond any scan)', { id: 'scan-bad-0001', itemId: 'it-milk', quantity: -100_001 }],
    ['quantity 1.5', { id: 'scan-bad-0001', itemId: 'it-milk', quantity: 1.5 }],
    ['damaged "yes"', { id: 'scan-bad-0001', itemId: 'it-milk', damaged: 'yes' }],
    ['no scan id', { itemId: 'it-milk' }],
    ['no item', { id: 'scan-bad-0001' }],
    ['barcode with a NUL', { id: 'scan-bad-0001', barcode: '400000000000\u00001' }],
  ])('%s → 400', async (_name, body) => {
    await refused(() => call(app, stockroom, 'POST', `${base}/${openId}/scans`, { body }), 400)
  })

  it('an unknown barcode → 422 (the scanner beeps), nothing recorded', async () => {
    await refused(() => call(app, stockroom, 'POST', `${base}/${openId}/scans`, { body: { id: 'scan-unknown-1', barcode: '4000000000999' } }), 422, 'UNKNOWN_ITEM')
  })

  it('scans on a closed delivery → 409; a scan id reused for another item → 422', async () => {
    await refused(() => call(app, stockroom, 'POST', `${base}/${closedId}/scans`, { body: { id: 'scan-late-0001', itemId: 'it-milk' } }), 409, 'INVALID_STATE')
    await refused(() => call(app, stockroom, 'POST', `${base}/${openId}/scans`, { body: { id: 'scan-closed-01', itemId: 'it-tv', quantity: 5 } }), 422, 'IDEMPOTENCY_KEY_REUSED')
  })

  it('closing with a stale version → 409; cancelling a closed or scanned delivery → 409; unknown delivery → 404', async () => {
    await refused(() => call(app, stockroom, 'POST', `${base}/${openId}/close`, { body: { version: 99 } }), 409, 'STALE_VERSION')
    await refused(() => call(app, manager, 'POST', `${base}/${closedId}/cancel`, { body: {} }), 409, 'INVALID_STATE')
    await refused(() => call(app, stockroom, 'POST', `${base}/nope-nope-nope/close`, { body: {} }), 404, 'NOT_FOUND')
    await assertInvariants(database)
  })

  it('bad list parameters → 400', async () => {
    for (const q of ['status=lost', 'limit=-1', 'limit=abc', 'x=1']) expect((await call(app, stockroom, 'GET', `${base}?${q}`)).status, q).toBe(400)
  })
})
