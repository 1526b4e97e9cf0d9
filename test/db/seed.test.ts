import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { ROLES } from '../../db/schema/index'
import { DEMO_ACCOUNTS, DEMO_PASSWORD, FIRST_STORE_ID, REASON_CODES, seedDemo, type SeedSummary } from '../../db/seed'
import { verifyChain } from '../../server/core/audit/chain'
import { verifySecret } from '../../server/core/auth/passwords'
import { parseBarcode } from '../../server/core/items/barcode'
import { createTestDatabase } from '../support/db'

/** A Wednesday afternoon, so the last simulated day is a partial, open day. */
const NOW = new Date('2026-03-18T15:30:00.000Z')
const database = await createTestDatabase()
let summary: SeedSummary

/** Balances against Σ movements, key by key, in one query: keys compared and keys that differ. */
const LEDGER_CHECK_SQL = `
  WITH deltas AS (
    SELECT to_location_id AS location_id, item_id, quantity AS delta FROM movements WHERE to_location_id IS NOT NULL
    UNION ALL
    SELECT from_location_id, item_id, -quantity FROM movements WHERE from_location_id IS NOT NULL
  ), sums AS (SELECT location_id, item_id, SUM(delta) AS total FROM deltas GROUP BY location_id, item_id)
  SELECT count(*) AS keys, coalesce(sum(s.total IS NOT b.quantity), 0) AS mismatches
  FROM sums s FULL OUTER JOIN balances b ON b.location_id = s.location_id AND b.item_id = s.item_id`

async function ledgerCheck(target: Database) {
  const row = (await target.client.execute(LEDGER_CHECK_SQL)).rows[0]!
  return { keys: Number(row[0]), mismatches: Number(row[1]) }
}

async function rows<T>(sql: string, args: Array<string | number> = []) {
  const result = await database.client.execute({ sql, args })
  return result.rows.map((row) => Object.fromEntries(result.columns.map((c, i) => [c, row[i]])) as T)
}

async function scalar(sql: string, args: Array<string | number> = []) {
  const result = await database.client.execute({ sql, args })
  return Number(result.rows[0]?.[0])
}

beforeAll(async () => {
  summary = await seedDemo(database, { stores: 2, items: 100, weeks: 1, now: NOW })
})

describe('seedDemo: the stock ledger', () => {
  it('writes balances that equal the sum of their movements, key by key', async () => {
    const check = await ledgerCheck(database)
    expect(check.mismatches).toBe(0)
    expect(check.keys).toBeGreaterThan(2 * 100)
    expect(check.keys).toBe(summary.balances)
  })

  it('keeps every balance in the store of its location', async () => {
    const wrong = await scalar('SELECT count(*) FROM balances b JOIN locations l ON l.id = b.location_id WHERE l.store_id <> b.store_id')
    expect(wrong).toBe(0)
  })

  it('never takes stockroom or floor below zero', async () => {
    const negative = await scalar(`SELECT count(*) FROM balances b JOIN locations l ON l.id = b.location_id
      WHERE l.kind IN ('floor', 'stockroom') AND b.quantity < 0`)
    expect(negative).toBe(0)
  })

  it('has opening stock, receipts, refills, sales and returns — and no corrections', async () => {
    const kinds = await rows<{ kind: string; n: number }>('SELECT kind, count(*) AS n FROM movements GROUP BY kind')
    const byKind = Object.fromEntries(kinds.map((k) => [k.kind, Number(k.n)]))
    expect(byKind.opening).toBeGreaterThan(0)
    expect(byKind.receipt).toBeGreaterThan(0)
    expect(byKind.replenish).toBeGreaterThan(0)
    expect(byKind.sale).toBeGreaterThan(100)
    expect(byKind.return).toBeGreaterThan(0)
    expect(byKind.correction).toBeUndefined()
    expect(Object.values(byKind).reduce((a, b) => a + b, 0)).toBe(summary.movements)
  })

  it('uses the counterparty and document each kind of movement calls for', async () => {
    const shapes = await rows<{ kind: string; counterparty: string | null; from_kind: string | null; to_kind: string | null; doc_type: string }>(`
      SELECT DISTINCT m.kind, m.counterparty, f.kind AS from_kind, t.kind AS to_kind, m.doc_type
      FROM movements m LEFT JOIN locations f ON f.id = m.from_location_id LEFT JOIN locations t ON t.id = m.to_location_id
      ORDER BY 1, 4`)
    expect(shapes).toEqual(
      expect.arrayContaining([
        { kind: 'opening', counterparty: 'opening', from_kind: null, to_kind: 'floor', doc_type: 'seed' },
        { kind: 'opening', counterparty: 'opening', from_kind: null, to_kind: 'stockroom', doc_type: 'seed' },
        { kind: 'receipt', counterparty: 'supplier', from_kind: null, to_kind: 'stockroom', doc_type: 'delivery' },
        { kind: 'replenish', counterparty: null, from_kind: 'stockroom', to_kind: 'floor', doc_type: 'replenishment' },
        { kind: 'sale', counterparty: 'customer', from_kind: 'floor', to_kind: null, doc_type: 'pos' },
        { kind: 'return', counterparty: 'customer', from_kind: null, to_kind: 'floor', doc_type: 'pos' },
      ]),
    )
    const others = shapes.filter((s) => !['opening', 'receipt', 'replenish', 'sale', 'return'].includes(s.kind))
    expect(others).toEqual([])
  })

  it('spreads movements over the weeks before now, in id order per store', async () => {
    const [span] = await rows<{ first: string; last: string }>('SELECT min(created_at) AS first, max(created_at) AS last FROM movements')
    expect(span!.first >= '2026-03-11T00:00:00.000Z').toBe(true)
    expect(span!.last <= NOW.toISOString()).toBe(true)
    const days = await scalar("SELECT count(DISTINCT substr(created_at, 1, 10)) FROM movements WHERE kind = 'sale'")
    expect(days).toBe(7) // 8 calendar days, minus the Sunday the stores are closed
    const outOfOrder = await scalar(`SELECT count(*) FROM (
      SELECT created_at < lag(created_at) OVER (PARTITION BY store_id ORDER BY id) AS back FROM movements) WHERE back`)
    expect(outOfOrder).toBe(0)
  })

  it('sells only while a store is open (local time; March is UTC+1 in Germany)', async () => {
    const outside = await scalar(`SELECT count(*) FROM movements m JOIN stores s ON s.id = m.store_id
      WHERE m.kind IN ('sale', 'return') AND NOT (time(m.created_at, '+1 hour') BETWEEN s.opens_at AND s.closes_at)`)
    expect(outside).toBe(0)
    const sundays = await scalar("SELECT count(*) FROM movements WHERE kind = 'sale' AND strftime('%w', created_at) = '0'")
    expect(sundays).toBe(0)
  })

  it('books receipts and refills to people of that store', async () => {
    const strangers = await scalar(`SELECT count(*) FROM movements m
      WHERE m.kind IN ('receipt', 'replenish') AND NOT EXISTS (
        SELECT 1 FROM role_assignments r WHERE r.user_id = m.actor_user_id AND r.store_id = m.store_id
          AND r.role IN ('stockroom', 'lead'))`)
    expect(strangers).toBe(0)
  })

  it('backs every receipt movement with a closed delivery line and every refill with a done request', async () => {
    const orphanReceipts = await scalar(`SELECT count(*) FROM movements m WHERE m.kind = 'receipt' AND NOT EXISTS (
      SELECT 1 FROM delivery_lines l JOIN deliveries d ON d.id = l.delivery_id
      WHERE d.id = m.doc_id AND d.store_id = m.store_id AND l.item_id = m.item_id AND l.received_qty = m.quantity AND d.status = 'closed')`)
    expect(orphanReceipts).toBe(0)
    const orphanRefills = await scalar(`SELECT count(*) FROM movements m WHERE m.kind = 'replenish' AND NOT EXISTS (
      SELECT 1 FROM replenishment_requests r WHERE r.id = m.doc_id AND r.item_id = m.item_id AND r.picked_qty = m.quantity
        AND r.status = 'done')`)
    expect(orphanRefills).toBe(0)
  })

  it('records POS receipts whose totals match their sale and return lines', async () => {
    const [pos] = await rows<{ receipts: number; value: number; lines: number }>(
      'SELECT count(*) AS receipts, sum(sales_value) AS value, sum(line_count) AS lines FROM pos_receipts',
    )
    const [moved] = await rows<{ value: number; lines: number }>(`
      SELECT sum(CASE m.kind WHEN 'sale' THEN m.quantity ELSE -m.quantity END * i.price) AS value, count(*) AS lines
      FROM movements m JOIN items i ON i.id = m.item_id WHERE m.doc_type = 'pos'`)
    expect(Number(pos!.receipts)).toBe(summary.posReceipts)
    expect(Number(pos!.value)).toBe(Number(moved!.value))
    expect(Number(pos!.lines)).toBe(Number(moved!.lines))
    expect(Number(pos!.value)).toBeGreaterThan(0)
  })
})

describe('seedDemo: places and catalog', () => {
  it('creates two regions and the requested stores, each with all five locations', async () => {
    expect(await scalar('SELECT count(*) FROM regions')).toBe(2)
    const stores = await rows<{ id: string; locations: number; kinds: number }>(`
      SELECT s.id, count(l.id) AS locations, count(DISTINCT l.kind) AS kinds
      FROM stores s JOIN locations l ON l.store_id = s.id GROUP BY s.id ORDER BY s.code`)
    expect(stores.map((s) => s.id)).toEqual([FIRST_STORE_ID, 'st-m-schwabing'])
    for (const store of stores) expect([Number(store.locations), Number(store.kinds)]).toEqual([5, 5])
  })

  it('gives every item a SKU, a price above cost and at least one EAN-13', async () => {
    const items = await rows<{ sku: string; unit_cost: number; price: number; eans: number }>(`
      SELECT i.sku, i.unit_cost, i.price, (SELECT count(*) FROM item_barcodes b WHERE b.item_id = i.id AND b.kind = 'ean13') AS eans
      FROM items i`)
    expect(items).toHaveLength(100)
    for (const item of items) {
      expect(item.sku).toMatch(/^SKU-\d{6}$/)
      expect(Number(item.price)).toBeGreaterThan(Number(item.unit_cost))
      expect(Number(item.eans)).toBeGreaterThanOrEqual(1)
    }
  })

  it('writes only barcodes that parse, as the kind they parse to, German prefixes for primary EANs', async () => {
    const barcodes = await rows<{ barcode: string; kind: string }>('SELECT barcode, kind FROM item_barcodes')
    expect(barcodes.length).toBeGreaterThan(100)
    for (const { barcode, kind } of barcodes) {
      expect(parseBarcode(barcode), barcode).toEqual({ code: barcode, kind })
      if (kind === 'ean13') expect(Number(barcode.slice(0, 3)), barcode).toSatisfy((p: number) => p >= 400 && p <= 440)
    }
  })

  it('sets shelf levels for every store × item', async () => {
    expect(await scalar('SELECT count(*) FROM store_items')).toBe(2 * 100)
    expect(await scalar('SELECT count(*) FROM store_items WHERE shelf_min < 1 OR shelf_target < shelf_min')).toBe(0)
  })

  it('adds the reason codes, with "other" requiring a note, and the chain tier policy', async () => {
    const reasons = await rows<{ code: string; requires_note: number }>('SELECT code, requires_note FROM reason_codes ORDER BY sort_order')
    expect(reasons.map((r) => r.code)).toEqual(REASON_CODES.map((r) => r.code))
    expect(reasons.filter((r) => Number(r.requires_note) === 1).map((r) => r.code)).toEqual(['other'])
    const policies = await rows<{ store_id: string | null; lead_max: number; store_manager_max: number; allow_negative_stockroom: number }>(
      'SELECT store_id, lead_max, store_manager_max, allow_negative_stockroom FROM tier_policies',
    )
    expect(policies.map((p) => ({ ...p, lead_max: Number(p.lead_max), store_manager_max: Number(p.store_manager_max), allow_negative_stockroom: Number(p.allow_negative_stockroom) }))).toEqual([
      { store_id: null, lead_max: 5000, store_manager_max: 50000, allow_negative_stockroom: 0 },
    ])
  })
})

describe('seedDemo: people and audit', () => {
  it('has at least one user for every role', async () => {
    const roles = await rows<{ role: string }>('SELECT DISTINCT role FROM role_assignments WHERE revoked_at IS NULL')
    expect(roles.map((r) => r.role).sort()).toEqual([...ROLES].sort())
  })

  it('creates every demo account with its role and scope', async () => {
    const accounts = await rows<{ employee_no: string; name: string; role: string; store_id: string | null; region_id: string | null }>(`
      SELECT u.employee_no, u.name, r.role, r.store_id, r.region_id FROM users u JOIN role_assignments r ON r.user_id = u.id`)
    for (const demo of DEMO_ACCOUNTS) {
      expect(accounts, demo.employeeNo).toContainEqual({
        employee_no: demo.employeeNo, name: demo.name, role: demo.role, store_id: demo.storeId, region_id: demo.regionId,
      })
    }
    const fixed = Object.fromEntries(DEMO_ACCOUNTS.map((a) => [a.employeeNo, [a.role, a.storeId ?? a.regionId, a.pin]]))
    expect(fixed).toMatchObject({
      E1001: ['clerk', FIRST_STORE_ID, '1001'],
      E1002: ['stockroom', FIRST_STORE_ID, '1002'],
      E1003: ['lead', FIRST_STORE_ID, '1003'],
      E1004: ['store_manager', FIRST_STORE_ID, '1004'],
      E1005: ['stockroom', FIRST_STORE_ID, '1005'],
      E2001: ['regional_manager', 'rg-nord', '2001'],
      E2002: ['regional_manager', 'rg-sued', '2002'],
      E9001: ['admin', null, '9001'],
      E9002: ['auditor', null, '9002'],
    })
    // The second store gets its own back room: clerk, stockroom, lead, store manager.
    const second = await rows<{ role: string }>("SELECT role FROM role_assignments WHERE store_id = 'st-m-schwabing' ORDER BY role")
    expect(second.map((r) => r.role)).toEqual(['clerk', 'lead', 'stockroom', 'store_manager'])
    expect(summary.accounts).toHaveLength(DEMO_ACCOUNTS.length + 4)
  })

  it('lets demo users sign in with demo1234 and their own PIN', async () => {
    const [user] = await rows<{ password_hash: string; pin_hash: string }>(
      "SELECT password_hash, pin_hash FROM users WHERE employee_no = 'E1004'",
    )
    expect(await verifySecret(user!.password_hash, DEMO_PASSWORD)).toBe(true)
    expect(await verifySecret(user!.pin_hash, '1004')).toBe(true)
    expect(await verifySecret(user!.pin_hash, '1003')).toBe(false)
  })

  it('audits every user and grant, ends with seed.completed, and the chain verifies', async () => {
    const actions = await rows<{ action: string; n: number }>('SELECT action, count(*) AS n FROM audit_events GROUP BY action')
    const byAction = Object.fromEntries(actions.map((a) => [a.action, Number(a.n)]))
    expect(byAction).toEqual({ 'user.created': summary.users, 'role.granted': summary.users, 'seed.completed': 1 })
    const [last] = await rows<{ action: string; at: string }>('SELECT action, at FROM audit_events ORDER BY seq DESC LIMIT 1')
    expect(last).toEqual({ action: 'seed.completed', at: NOW.toISOString() })
    const report = await verifyChain(database.db)
    expect(report.problems).toEqual([])
    expect(report.ok).toBe(true)
    expect(report.events).toBe(summary.auditEvents)
  })

  it('refuses to seed a database that already holds data, and changes nothing', async () => {
    const before = await scalar('SELECT count(*) FROM movements')
    await expect(seedDemo(database, { stores: 1, items: 10, weeks: 0, now: NOW })).rejects.toThrow(/empty database/)
    expect(await scalar('SELECT count(*) FROM movements')).toBe(before)
  })
})

describe('seedDemo: seeded "now"', () => {
  it('posts nothing after now, even in the middle of a refill round, and keeps the ledger whole', async () => {
    const fresh = await createTestDatabase()
    // Monday 13:00:30 in Hamburg: the deliveries are in, the midday refill round has just begun.
    const now = new Date('2026-03-16T12:00:30.000Z')
    const result = await seedDemo(fresh, { stores: 1, items: 3000, weeks: 0, now })
    const query = async (sql: string) => Number((await fresh.client.execute(sql)).rows[0]?.[0])
    expect(await query("SELECT count(*) FROM movements WHERE kind = 'receipt'")).toBeGreaterThan(0)
    expect(await query(`SELECT count(*) FROM movements WHERE created_at > '${now.toISOString()}'`)).toBe(0)
    expect(await query(`SELECT count(*) FROM replenishment_requests WHERE picked_at > '${now.toISOString()}'`)).toBe(0)
    expect(await query(`SELECT count(*) FROM deliveries WHERE closed_at > '${now.toISOString()}'`)).toBe(0)
    expect(await query("SELECT count(*) FROM movements WHERE kind = 'replenish' AND created_at >= '2026-03-16T12:00:00.000Z'")).toBeGreaterThan(0)
    expect((await ledgerCheck(fresh)).mismatches).toBe(0)
    expect(result.movements).toBe(await query('SELECT count(*) FROM movements'))
  })
})
