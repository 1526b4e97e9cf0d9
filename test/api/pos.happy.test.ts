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
let secret: string
let keyId: string

async function stock(kind: string, itemId: string) {
  const [row] = await database.db.all<{ q: number }>(sql`SELECT COALESCE(SUM(b.quantity), 0) AS q FROM balances b JOIN locations l ON l.id = b.location_id
    WHERE b.store_id = 'st-a1' AND b.item_id = ${itemId} AND l.kind = ${kind}`)
  return Number(row!.q)
}

const till = (body: unknown, key = secret) => call(app, null, 'POST', '/api/pos/receipts', { body, headers: { authorization: `Bearer ${key}` } })
const movementCount = async () => Number((await database.db.all<{ n: number }>(sql`SELECT COUNT(*) AS n FROM movements WHERE doc_type = 'pos_receipt'`))[0]!.n)

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  app = createTestApp(database)
  manager = await signIn(app, fx.users.manager.employeeNo)
})

describe('point-of-sale intake', () => {
  it('the office creates a till key, shown once and stored hashed', async () => {
    const res = await call(app, manager, 'POST', '/api/stores/st-a1/pos-keys', { body: { name: 'Till 1' } })
    expect(res.status).toBe(201)
    secret = res.body.secret
    keyId = res.body.key.id
    expect(secret).toMatch(/^bspos_[A-Za-z0-9_-]{43}$/)
    expect(res.body.key).toMatchObject({ storeId: 'st-a1', name: 'Till 1', prefix: secret.slice(0, 12), revokedAt: null })
    const list = await call(app, manager, 'GET', '/api/stores/st-a1/pos-keys')
    expect(list.status).toBe(200)
    expect(list.body.keys).toHaveLength(1)
    expect(JSON.stringify(list.body)).not.toContain(secret)
    const [row] = await database.db.all<{ keyHash: string }>(sql`SELECT key_hash AS keyHash FROM pos_api_keys WHERE id = ${keyId}`)
    expect(row!.keyHash).toMatch(/^[0-9a-f]{64}$/)
    expect(row!.keyHash).not.toContain(secret)
  })

  it('posts a receipt with sales and a return: floor → customer, customer → floor; records the sales value', async () => {
    const res = await till({
      receiptId: 'T1-2026-000001',
      at: '2026-11-02T10:59:00+01:00',
      lines: [
        { barcode: fx.barcodes[0]!.barcode, quantity: 2 },
        { sku: 'SKU-0002', quantity: 1, kind: 'sale', unitPrice: 1799 },
        { sku: 'sku-0003', quantity: 1, kind: 'return' },
      ],
    })
    expect(res.status).toBe(201)
    expect(res.body).toEqual({ receiptId: 'T1-2026-000001', storeId: 'st-a1', at: '2026-11-02T09:59:00.000Z', lines: 3, salesValue: 2 * 149 + 1799 - 349, movements: 3, flaggedForCount: [] })
    expect(await stock('floor', 'it-milk')).toBe(18)
    expect(await stock('floor', 'it-coffee')).toBe(19)
    expect(await stock('floor', 'it-shampoo')).toBe(21)
    const moves = await database.db.all<{ kind: string; counterparty: string; actorUserId: string | null; actorKeyId: string }>(sql`SELECT kind, counterparty,
      actor_user_id AS actorUserId, actor_key_id AS actorKeyId FROM movements WHERE doc_type = 'pos_receipt' ORDER BY id`)
    expect(moves.map((m) => m.kind)).toEqual(['sale', 'sale', 'return'])
    expect(moves.every((m) => m.counterparty === 'customer' && m.actorUserId === null && m.actorKeyId === keyId)).toBe(true)
    const [receipt] = await database.db.all<{ salesValue: number; keyId: string; at: string }>(sql`SELECT sales_value AS salesValue, key_id AS keyId, at FROM pos_receipts`)
    expect(receipt).toEqual({ salesValue: 1748, keyId, at: '2026-11-02T09:59:00.000Z' })
    await assertInvariants(database)
  })

  it('a receipt replayed three times posts once and answers the same', async () => {
    const body = { receiptId: 'T1-2026-000002', lines: [{ barcode: fx.barcodes[3]!.barcode, quantity: 1 }] }
    const first = await till(body)
    expect(first.status).toBe(201)
    const before = await movementCount()
    for (let i = 0; i < 3; i++) {
      const again = await till(body)
      expect(again.status).toBe(200)
      expect(again.headers.get('idempotent-replayed')).toBe('true')
      expect(again.body).toEqual(first.body)
    }
    // Explicit defaults are the same receipt.
    expect((await till({ ...body, returnsTo: 'floor', lines: [{ ...body.lines[0], kind: 'sale' }] })).status).toBe(200)
    expect(await movementCount()).toBe(before)
    expect(await stock('floor', 'it-drill')).toBe(19)
    await assertInvariants(database)
  })

  it('sales may take the floor negative; the item is flagged for a count', async () => {
    const res = await till({ receiptId: 'T1-2026-000003', lines: [{ sku: 'SKU-0005', quantity: 23 }] })
    expect(res.status).toBe(201)
    expect(res.body.flaggedForCount).toEqual(['it-tv'])
    expect(await stock('floor', 'it-tv')).toBe(-3)
    const [flag] = await database.db.all<{ countFlag: string }>(sql`SELECT count_flag AS countFlag FROM store_items WHERE store_id = 'st-a1' AND item_id = 'it-tv'`)
    expect(flag!.countFlag).toBe('negative_floor')
    // …and a flagged count picks it up.
    const count = await call(app, manager, 'POST', '/api/stores/st-a1/counts', { body: { kind: 'flagged', location: 'floor' } })
    expect(count.status).toBe(201)
    expect(count.body.count.progress.lines).toBe(1)
    await assertInvariants(database)
  })

  it('returns can go to quarantine', async () => {
    const res = await till({ receiptId: 'T1-2026-000004', returnsTo: 'quarantine', lines: [{ sku: 'SKU-0001', quantity: 1, kind: 'return' }] })
    expect(res.status).toBe(201)
    expect(res.body.salesValue).toBe(-149)
    expect(await stock('quarantine', 'it-milk')).toBe(1)
  })

  it('serves the till its price list', async () => {
    const res = await call(app, null, 'GET', '/api/pos/catalog?limit=3', { headers: { authorization: `Bearer ${secret}` } })
    expect(res.status).toBe(200)
    expect(res.body.items).toHaveLength(3)
    expect(res.body.items[0]).toEqual({ sku: 'SKU-0001', name: 'Organic Whole Milk 1 L', price: 149, barcodes: [fx.barcodes[0]!.barcode] })
    const next = await call(app, null, 'GET', `/api/pos/catalog?limit=3&after=${res.body.nextAfter}`, { headers: { authorization: `Bearer ${secret}` } })
    expect(next.body.items.map((i: { sku: string }) => i.sku)).toEqual(['SKU-0004', 'SKU-0005'])
    expect(next.body.nextAfter).toBeNull()
  })

  it('every receipt and key change is in the audit trail', async () => {
    const actions = await database.db.all<{ action: string; actorKeyId: string | null }>(sql`SELECT action, actor_key_id AS actorKeyId FROM audit_events WHERE action LIKE 'pos.%' ORDER BY seq`)
    expect(actions.map((a) => a.action)).toEqual(['pos.key_created', 'pos.receipt', 'pos.receipt', 'pos.receipt', 'pos.receipt'])
    expect(actions.slice(1).every((a) => a.actorKeyId === keyId)).toBe(true)
  })
})
