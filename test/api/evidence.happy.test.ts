import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import * as schema from '../../db/schema/index'
import { appendAudit } from '../../server/core/audit/chain'
import { hashSecret } from '../../server/core/auth/passwords'
import { iso, plantCorrection, plantCount } from '../core/review-data'
import { call, createTestApp, signIn, type Session, type TestApp } from '../support/app'
import { createTestDatabase } from '../support/db'
import { createFixture, type Fixture } from '../support/fixtures'
import { entered, decide, line } from './corrections-helpers'

let database: Database
let app: TestApp
let fx: Fixture
const s: Record<string, Session> = {}
let viaApi: string

/** RFC 4180 as Excel writes it: quoted cells may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++
      else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') row.push(cell), (cell = '')
    else if (ch === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++
    else cell += ch
  }
  return rows
}

const PERIOD = 'from=2026-10-01&to=2026-11-02'

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  const u = fx.users
  const hash = await hashSecret('unused')
  // People whose names try to break the CSV and the HTML.
  await database.db.insert(schema.users).values([
    { id: 'u-formula', employeeNo: 'E7001', name: '=HYPERLINK("http://evil.example","click")', passwordHash: hash, createdAt: fx.now },
    { id: 'u-markup', employeeNo: 'E7002', name: '<script>alert(1)</script>, "Jr."', passwordHash: hash, createdAt: fx.now },
    { id: 'u-gone', employeeNo: 'E7003', name: 'Gus Gone', passwordHash: hash, createdAt: fx.now },
    { id: 'u-sleeper', employeeNo: 'E7004', name: 'Sam Sleeper', passwordHash: hash, createdAt: fx.now },
    // A store manager account the store manager Max created (a "puppet": Max chose its password).
    { id: 'u-puppet', employeeNo: 'E7005', name: 'Pat Puppet', passwordHash: hash, createdAt: fx.now, createdBy: 'u-manager', credentialsSetBy: 'u-manager', credentialsSetAt: fx.now },
  ])
  await database.db.insert(schema.roleAssignments).values([
    { id: 'ra-formula', userId: 'u-formula', role: 'stockroom', storeId: 'st-a1', grantedAt: fx.now },
    { id: 'ra-markup', userId: 'u-markup', role: 'stockroom', storeId: 'st-a1', grantedAt: fx.now },
    // A lead whose role was revoked on 10 October; a lead whose account was disabled on 11 October.
    { id: 'ra-gone', userId: 'u-gone', role: 'lead', storeId: 'st-a1', grantedAt: '2026-09-01T00:00:00.000Z', revokedAt: '2026-10-10T00:00:00.000Z' },
    { id: 'ra-sleeper', userId: 'u-sleeper', role: 'lead', storeId: 'st-a1', grantedAt: '2026-09-01T00:00:00.000Z' },
    { id: 'ra-puppet', userId: 'u-puppet', role: 'store_manager', storeId: 'st-a1', grantedBy: 'u-manager', grantedAt: fx.now },
  ])
  await database.client.execute(`UPDATE users SET active = 0, disabled_at = '2026-10-11T00:00:00.000Z' WHERE id = 'u-sleeper'`)
  // The fixture grants its roles "now" (2 November); these people held them since January.
  await database.client.execute(`UPDATE role_assignments SET granted_at = '2026-01-01T00:00:00.000Z' WHERE id NOT IN ('ra-gone', 'ra-sleeper')`)
  const c = (x: Parameters<typeof plantCorrection>[1]) => plantCorrection(database, x)
  // Clean: small ones released by the lead, a medium one by the manager, a large one by the regional manager.
  await c({ id: 'ok-1', storeId: 'st-a1', enteredBy: 'u-formula', enteredAt: iso('2026-10-02'), lines: [{ itemId: 'it-milk', delta: -2 }], decidedBy: u.lead.id, decidedAt: iso('2026-10-02', '11:00'), decidedRole: 'lead' })
  await c({ id: 'ok-2', storeId: 'st-a1', enteredBy: 'u-markup', enteredAt: iso('2026-10-03'), lines: [{ itemId: 'it-drill', delta: -1 }], decidedBy: u.manager.id, decidedAt: iso('2026-10-03', '11:00') })
  await c({ id: 'ok-3', storeId: 'st-a2', enteredBy: u.managerA2.id, enteredAt: iso('2026-10-04'), lines: [{ itemId: 'it-tv', delta: -2 }], decidedBy: u.regional.id, decidedAt: iso('2026-10-04', '11:00'), decidedRole: 'regional_manager' })
  await c({ id: 'ok-b', storeId: 'st-b1', enteredBy: u.managerB1.id, enteredAt: iso('2026-10-04'), lines: [{ itemId: 'it-milk', delta: -1 }], decidedBy: u.regionalB.id, decidedAt: iso('2026-10-04', '12:00') })
  await c({ id: 'pending', storeId: 'st-a1', enteredBy: u.stockroom.id, enteredAt: iso('2026-10-05'), lines: [{ itemId: 'it-milk', delta: -1 }], status: 'pending' })
  await c({ id: 'before', storeId: 'st-a1', enteredBy: u.stockroom.id, enteredAt: iso('2026-09-05'), lines: [{ itemId: 'it-milk', delta: -1 }], decidedBy: u.lead.id, decidedAt: iso('2026-09-05', '12:00') })
  // Violations the schema cannot catch, planted past the application:
  // a store-manager-tier correction released by a lead …
  await c({ id: 'bad-tier', storeId: 'st-a1', enteredBy: u.stockroom.id, enteredAt: iso('2026-10-06'), lines: [{ itemId: 'it-drill', delta: -1 }], decidedBy: u.lead.id, decidedAt: iso('2026-10-06', '12:00'), decidedRole: 'lead' })
  // … a small one lifted to the store manager's tier by its same-day series (the confirm verb recorded that
  // tier in its audit event), released by a lead all the same; and the same, rightly released by the manager …
  await c({ id: 'bad-series', storeId: 'st-a1', enteredBy: u.stockroom.id, enteredAt: iso('2026-10-07'), lines: [{ itemId: 'it-milk', delta: -1 }], decidedBy: u.lead.id, decidedAt: iso('2026-10-07', '12:00'), decidedRole: 'lead', effectiveTier: 'store_manager' })
  await c({ id: 'ok-series', storeId: 'st-a1', enteredBy: u.stockroom.id, enteredAt: iso('2026-10-08'), lines: [{ itemId: 'it-milk', delta: -1 }], decidedBy: u.manager.id, decidedAt: iso('2026-10-08', '12:00'), effectiveTier: 'store_manager' })
  // … by someone whose role was revoked two days before …
  await c({ id: 'bad-revoked', storeId: 'st-a1', enteredBy: u.stockroom.id, enteredAt: iso('2026-10-12'), lines: [{ itemId: 'it-milk', delta: -1 }], decidedBy: 'u-gone', decidedAt: iso('2026-10-12', '12:00'), decidedRole: 'lead' })
  // … by an account disabled the day before …
  await c({ id: 'bad-disabled', storeId: 'st-a1', enteredBy: u.stockroom.id, enteredAt: iso('2026-10-12'), lines: [{ itemId: 'it-shampoo', delta: -1 }], decidedBy: 'u-sleeper', decidedAt: iso('2026-10-12', '13:00'), decidedRole: 'lead' })
  // … by a lead who counted the stock of a count correction whose `counted_by` names someone else …
  await plantCount(database, { id: 'K1', storeId: 'st-a1', countedBy: u.lead.id, at: iso('2026-10-13', '08:00'), correctionId: 'bad-counter', lines: [{ itemId: 'it-coffee', expected: 50, counted: 49 }] })
  await c({ id: 'bad-counter', storeId: 'st-a1', enteredBy: u.stockroom.id, enteredAt: iso('2026-10-13', '08:05'), source: 'count', reason: 'miscount', countId: 'K1', countedBy: u.stockroom.id, lines: [{ itemId: 'it-coffee', delta: -1 }], decidedBy: u.lead.id, decidedAt: iso('2026-10-13', '12:00') })
  // … by a lead who scanned the receipt of the transfer the correction comes from (closed by someone else) …
  await database.db.transaction((tx) =>
    appendAudit(tx, new Date(iso('2026-10-16', '08:00')), { userId: u.lead.id }, { action: 'transfer.scanned', entityType: 'transfer', entityId: 'T1', storeId: 'st-a1', after: { itemId: 'it-shampoo', quantity: 3 } }),
  )
  await c({ id: 'bad-scanner', storeId: 'st-a1', enteredBy: u.stockroom.id, enteredAt: iso('2026-10-16', '08:10'), source: 'transfer', reason: 'other', transferId: 'T1', lines: [{ itemId: 'it-shampoo', delta: -2 }], decidedBy: u.lead.id, decidedAt: iso('2026-10-16', '12:00'), decidedRole: 'lead' })
  // … by the puppet account of the store manager who entered it (planted past the database guard, dropped for it) …
  const [guard] = (await database.client.execute(`SELECT sql FROM sqlite_master WHERE name = 'corrections_administered_guard'`)).rows
  await database.client.execute('DROP TRIGGER corrections_administered_guard')
  await c({ id: 'bad-puppet', storeId: 'st-a1', enteredBy: u.manager.id, enteredAt: iso('2026-10-17'), lines: [{ itemId: 'it-drill', delta: -1 }], decidedBy: 'u-puppet', decidedAt: iso('2026-10-17', '12:00') })
  await database.client.execute(String(guard!.sql))
  // … and one confirmed by raw SQL: no audit event, no movements.
  await c({ id: 'bad-raw', storeId: 'st-a1', enteredBy: u.stockroom.id, enteredAt: iso('2026-10-14'), lines: [{ itemId: 'it-milk', delta: -1 }], decidedBy: u.manager.id, decidedAt: iso('2026-10-14', '12:00'), audit: false, movements: false })

  app = createTestApp(database)
  for (const key of ['stockroom', 'manager', 'lead', 'clerk', 'regional', 'regionalB', 'auditor', 'admin'] as const) s[key] = await signIn(app, fx.users[key].employeeNo)
  // And one through the real verbs: entered by the stockroom, released by the store manager with their PIN.
  const summary = await entered(app, s.stockroom!, [line('st-a1-stockroom', 'it-coffee', -2)])
  const confirm = await decide(app, s.stockroom!, 'confirm', summary.id, { version: summary.version, credentials: { employeeNo: fx.users.manager.employeeNo, pin: fx.users.manager.pin } })
  expect(confirm.status, JSON.stringify(confirm.body)).toBe(200)
  viaApi = summary.id
})

const evidence = async (who: string, query = PERIOD) => {
  const res = await call(app, s[who]!, 'GET', `/api/evidence?${query}`)
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body
}

describe('evidence: the rows match the database', () => {
  it('lists every correction confirmed in the period in my stores, with both people and their roles then', async () => {
    const body = await evidence('regional')
    const ids = body.rows.map((r: { correctionId: string }) => r.correctionId)
    expect([...ids].sort()).toEqual(['bad-counter', 'bad-disabled', 'bad-puppet', 'bad-raw', 'bad-revoked', 'bad-scanner', 'bad-series', 'bad-tier', 'ok-1', 'ok-2', 'ok-3', 'ok-series', viaApi].sort())
    expect(body.corrections).toBe(13)
    const db = await database.db.all<{ id: string; entered_by: string; decided_by: string; value: number; reason_code: string; entered_at: string; decided_at: string; tier: string }>(
      sql`SELECT id, entered_by, decided_by, value, reason_code, entered_at, decided_at, tier FROM corrections WHERE status = 'confirmed' AND decided_at >= '2026-10-01'`,
    )
    for (const row of body.rows) {
      const stored = db.find((d) => d.id === row.correctionId)!
      expect(row).toMatchObject({ enteredBy: stored.entered_by, decidedBy: stored.decided_by, value: stored.value, reason: stored.reason_code, enteredAt: stored.entered_at, decidedAt: stored.decided_at, tier: stored.tier })
      const [event] = await database.db.all<{ seq: number; actor: string }>(
        sql`SELECT seq, actor_user_id AS actor FROM audit_events WHERE entity_type = 'correction' AND entity_id = ${row.correctionId} AND action = 'correction.confirmed'`,
      )
      expect(row.auditSeq).toBe(event?.seq ?? null)
    }
    const api = body.rows.find((r: { correctionId: string }) => r.correctionId === viaApi)
    expect(api).toMatchObject({ enteredBy: fx.users.stockroom.id, enteredRoles: ['stockroom'], decidedBy: fx.users.manager.id, decidedRoles: ['store_manager'], decidedRole: 'store_manager', lineCount: 1, movementCount: 1, violations: [] })
    expect(body.rows.find((r: { correctionId: string }) => r.correctionId === 'ok-3')).toMatchObject({ decidedRoles: ['regional_manager'], enteredRoles: ['store_manager'] })
  })

  it('computes segregation of duties from the data and flags every planted violation', async () => {
    const body = await evidence('auditor')
    const checks = Object.fromEntries(body.segregationOfDuties.checks.map((c: { check: string; count: number; correctionIds: string[] }) => [c.check, [c.count, c.correctionIds]]))
    expect(checks).toEqual({
      confirmed_by_enterer: [0, []],
      confirmer_without_role: [1, ['bad-revoked']],
      confirmed_above_tier: [2, ['bad-tier', 'bad-series']],
      counter_confirmed_own_count: [2, ['bad-counter', 'bad-scanner']],
      confirmer_administered_by_enterer: [1, ['bad-puppet']],
      confirmer_disabled: [1, ['bad-disabled']],
      audit_event_missing: [1, ['bad-raw']],
      movements_mismatch: [1, ['bad-raw']],
    })
    expect(body.segregationOfDuties.ok).toBe(false)
    expect(body.rows.filter((r: { violations: string[] }) => r.violations.length === 0).map((r: { correctionId: string }) => r.correctionId).sort()).toEqual(['ok-1', 'ok-2', 'ok-3', 'ok-b', 'ok-series', viaApi].sort())
    // The tier that applied at the decision, next to the one stored at entry.
    for (const id of ['bad-series', 'ok-series']) expect(body.rows.find((r: { correctionId: string }) => r.correctionId === id)).toMatchObject({ tier: 'lead', decidedTier: 'store_manager' })
    expect(body.rows.find((r: { correctionId: string }) => r.correctionId === 'bad-tier')).toMatchObject({ tier: 'store_manager', decidedTier: 'store_manager' })
  })

  it('reports a clean period as held, with the chain verified and its head as the anchor', async () => {
    const body = await evidence('auditor', 'from=2026-10-02&to=2026-10-04')
    expect(body.segregationOfDuties.ok).toBe(true)
    expect(body.segregationOfDuties.checks.every((c: { count: number }) => c.count === 0)).toBe(true)
    expect(body.chain.ok).toBe(true)
    const [head] = await database.db.all<{ seq: number; hash: string; action: string }>(sql`SELECT seq, hash, action FROM audit_events ORDER BY seq DESC LIMIT 1`)
    expect(body.chain.head).toEqual({ seq: head!.seq, hash: head!.hash })
    // The export itself is the head: recorded in the audit trail before the chain was verified.
    expect(head!.action).toBe('evidence.exported')
    expect(body.exportAuditSeq).toBe(head!.seq)
    expect(body.generatedBy).toEqual({ id: fx.users.auditor.id, name: 'Otto Auditor', employeeNo: 'E9002' })
  })

  it('keeps to the caller scope', async () => {
    const b = await evidence('regionalB')
    expect(b.rows.map((r: { correctionId: string }) => r.correctionId)).toEqual(['ok-b'])
    expect((await call(app, s.regional!, 'GET', `/api/evidence?${PERIOD}&storeIds=st-b1`)).status).toBe(404)
    expect((await evidence('auditor', `${PERIOD}&storeIds=st-a2`)).rows.map((r: { correctionId: string }) => r.correctionId)).toEqual(['ok-3'])
  })
})

describe('evidence: CSV', () => {
  it('downloads every row as CSV, cells escaped and formula-safe', async () => {
    const res = await app.request(`/api/evidence/corrections.csv?${PERIOD}`, { headers: { cookie: s.auditor!.cookie } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="evidence-2026-10-01-2026-11-02.csv"')
    const text = await res.text()
    const [header, ...rows] = parseCsv(text)
    expect(header).toContain('correction_id')
    expect(rows).toHaveLength(14)
    const col = (name: string) => header!.indexOf(name)
    const byId = new Map(rows.map((r) => [r[col('correction_id')]!, r]))
    expect(byId.get('ok-1')![col('entered_by_name')]).toBe(`'=HYPERLINK("http://evil.example","click")`)
    expect(byId.get('ok-2')![col('entered_by_name')]).toBe('<script>alert(1)</script>, "Jr."')
    expect(byId.get('bad-raw')![col('violations')]).toBe('audit_event_missing|movements_mismatch')
    expect(byId.get(viaApi)![col('confirmed_by_roles_at_decision')]).toBe('store_manager')
    expect(byId.get('ok-2')![col('value_cents')]).toBe('6900')
    expect([byId.get('bad-series')![col('tier')], byId.get('bad-series')![col('tier_at_decision')], byId.get('bad-series')![col('violations')]]).toEqual(['lead', 'store_manager', 'confirmed_above_tier'])
    // No cell of the raw text starts a formula.
    expect(text.split(/[,\r\n]/).some((cell) => /^[=+\-@]/.test(cell))).toBe(false)
  })
})

describe('evidence: printable HTML', () => {
  it('is one self-contained page with print styles, every value escaped', async () => {
    const res = await app.request(`/api/evidence/report.html?${PERIOD}`, { headers: { cookie: s.regional!.cookie } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    const html = await res.text()
    expect(html).toContain('<!doctype html>')
    expect(html).toContain('@media print')
    expect(html).toContain('Segregation of duties: VIOLATIONS FOUND')
    expect(html).toContain('Audit chain: verified')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).not.toMatch(/<script|<link|src=|href=/i)
  })
})

describe('evidence: access', () => {
  it.each(['clerk', 'stockroom', 'lead', 'manager', 'admin'])('refuses %s (no evidence.export) with 403', async (who) => {
    for (const path of ['/api/evidence', '/api/evidence/corrections.csv', '/api/evidence/report.html']) {
      expect((await call(app, s[who]!, 'GET', `${path}?${PERIOD}`)).status, path).toBe(403)
    }
  })

  it('records each export in the audit trail', async () => {
    await call(app, s.auditor!, 'GET', `/api/evidence/corrections.csv?${PERIOD}&storeIds=st-a2`)
    const [event] = await database.db.all<{ action: string; actor: string; after: string }>(sql`SELECT action, actor_user_id AS actor, after FROM audit_events ORDER BY seq DESC LIMIT 1`)
    expect(event).toMatchObject({ action: 'evidence.exported', actor: fx.users.auditor.id })
    expect(JSON.parse(event!.after)).toEqual({ format: 'csv', from: '2026-10-01', to: '2026-11-02', storeIds: ['st-a2'] })
  })

  it('names the broken row when the audit chain was tampered with', async () => {
    await database.client.execute('DROP TRIGGER audit_events_no_update')
    await database.client.execute(`UPDATE audit_events SET actor_user_id = 'u-lead' WHERE entity_id = 'ok-2' AND action = 'correction.confirmed'`)
    const body = await evidence('auditor')
    expect(body.chain.ok).toBe(false)
    expect(body.chain.problems).toEqual([expect.objectContaining({ problem: 'hash_mismatch' })])
    // The changed actor no longer matches the confirmer either.
    expect(body.rows.find((r: { correctionId: string }) => r.correctionId === 'ok-2').violations).toEqual(['audit_event_missing'])
  })
})
