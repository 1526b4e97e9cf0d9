import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { applyMovements } from '../../server/core/ledger/apply-movements'
import { call, createTestApp, signIn, type Session, type TestApp } from '../support/app'
import { createTestDatabase } from '../support/db'
import { createFixture, type Fixture } from '../support/fixtures'
import { assertInvariants, fingerprint } from '../support/invariants'

let database: Database
let app: TestApp
let fx: Fixture
const s: Record<string, Session> = {}
const base = '/api/stores/st-a1/counts'

// Stockroom balances no one would type by chance: if one of them (or a variance against it) shows up
// in a counter's response, the count is not blind.
const EXPECTED = { 'it-milk': 7919, 'it-coffee': 6151, 'it-shampoo': 4793 } as const
const COUNTED = { 'it-milk': 7000, 'it-coffee': 6000, 'it-shampoo': 4000 } as const
const SECRET_NUMBERS = new Set(
  Object.keys(EXPECTED).flatMap((k) => {
    const e = EXPECTED[k as keyof typeof EXPECTED]
    const v = COUNTED[k as keyof typeof COUNTED] - e
    return [e, v, -v, e - 50, e + 50] // expected, the variance both ways, the added amount
  }),
)
const FORBIDDEN_KEY = /expect|variance|balance|stock|on_?hand|moved|difference|delta|available|system|book/i

/** Walks a JSON value and reports every forbidden key and every secret number (as a number or a string). */
function leaks(value: unknown, path = '$'): string[] {
  if (typeof value === 'number') return SECRET_NUMBERS.has(value) ? [`${path} = ${value}`] : []
  if (typeof value === 'string') return SECRET_NUMBERS.has(Number(value)) && value.trim() !== '' ? [`${path} = "${value}"`] : []
  if (Array.isArray(value)) return value.flatMap((v, i) => leaks(v, `${path}[${i}]`))
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [...(FORBIDDEN_KEY.test(k) ? [`${path}.${k} (key)`] : []), ...leaks(v, `${path}.${k}`)])
  }
  return []
}

const seen: Array<{ what: string; body: unknown }> = []
/** A request made by a counter: its response (success or error) is kept for the blind check. */
async function asCounter(session: Session, method: string, path: string, body?: unknown) {
  const res = await call(app, session, method, path, body === undefined ? {} : { body })
  seen.push({ what: `${method} ${path} → ${res.status}`, body: res.body })
  return res
}

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  app = createTestApp(database)
  for (const key of ['clerk', 'stockroom', 'stockroom2', 'lead', 'manager', 'managerA2', 'regional', 'auditor'] as const) s[key] = await signIn(app, fx.users[key].employeeNo)
  await database.db.transaction(async (tx) => {
    await applyMovements(tx, new Date(fx.now), { userId: null }, Object.entries(EXPECTED).map(([itemId, q]) => ({
      storeId: 'st-a1', itemId, fromLocationId: null, toLocationId: fx.loc('st-a1', 'stockroom'), counterparty: 'opening' as const, quantity: q - 50, kind: 'opening' as const, docType: 'fixture', docId: 'blind',
    })))
  })
})

describe('the blind count: no expected quantity reaches a counter', () => {
  let countId: string

  it('walks every counter-facing response of a count with two counters and a recount', async () => {
    const created = await call(app, s.manager!, 'POST', base, { body: { kind: 'cycle', location: 'stockroom', items: Object.keys(EXPECTED).map((itemId) => ({ itemId })) } })
    expect(created.status).toBe(201)
    countId = created.body.count.id

    await asCounter(s.stockroom!, 'GET', base)
    await asCounter(s.stockroom!, 'GET', `${base}?status=active`)
    await asCounter(s.stockroom!, 'GET', `${base}/${countId}`)
    await asCounter(s.stockroom!, 'GET', `${base}/${countId}/sheet`)
    await asCounter(s.stockroom!, 'GET', `${base}/${countId}/sheet?limit=1&offset=1`)
    await asCounter(s.stockroom!, 'GET', `${base}/${countId}/review`) // 403: not a reviewer
    for (const [itemId, quantity] of Object.entries(COUNTED)) {
      expect((await asCounter(s.stockroom!, 'POST', `${base}/${countId}/entries`, { id: `blind-${itemId}`, itemId, quantity: quantity - 1000 })).status).toBe(201)
      expect((await asCounter(s.stockroom2!, 'POST', `${base}/${countId}/entries`, { id: `blind2-${itemId}`, itemId, quantity: 1000, device: 'tablet-2' })).status).toBe(201)
    }
    await asCounter(s.stockroom!, 'POST', `${base}/${countId}/entries`, { id: 'blind-it-milk', itemId: 'it-milk', quantity: 6000 }) // replay
    await asCounter(s.stockroom!, 'POST', `${base}/${countId}/entries`, { id: 'blind-it-milk', itemId: 'it-milk', quantity: 6001 }) // reused id
    await asCounter(s.stockroom!, 'POST', `${base}/${countId}/entries`, { id: 'blind-tv-00001', itemId: 'it-tv', quantity: 1 }) // not on the sheet
    await asCounter(s.stockroom!, 'POST', `${base}/${countId}/entries`, { id: 'blind-bad-0001', itemId: 'it-milk', quantity: 1.5 })
    // a correction beyond the counter's own total: refused naming only their own total
    await asCounter(s.stockroom!, 'POST', `${base}/${countId}/entries`, { id: 'blind-bad-0002', itemId: 'it-milk', quantity: -1_000_000 })
    await asCounter(s.stockroom!, 'GET', `${base}/${countId}/sheet`)
    await asCounter(s.stockroom2!, 'GET', `${base}/${countId}`)

    // Every line is far off (−919, −151, −793 units): all go to a recount.
    const submitted = await call(app, s.manager!, 'POST', `${base}/${countId}/submit`, { body: {} })
    expect(submitted.body.outcome).toBe('recount')
    expect(leaks(submitted.body)).toEqual([]) // the manager's answer names lines, not numbers

    await asCounter(s.stockroom!, 'GET', `${base}/${countId}/sheet?recount=true`)
    await asCounter(s.stockroom!, 'POST', `${base}/${countId}/entries`, { id: 'blind-r2-same', itemId: 'it-milk', quantity: 7000 }) // 403 same counter
    await asCounter(s.lead!, 'GET', `${base}/${countId}/sheet?recount=true`)
    for (const [itemId, quantity] of Object.entries(COUNTED)) {
      expect((await asCounter(s.lead!, 'POST', `${base}/${countId}/entries`, { id: `blind-r2-${itemId}`, itemId, quantity })).status).toBe(201)
    }
    await asCounter(s.lead!, 'GET', `${base}/${countId}/review`) // 403: the lead counted
    await asCounter(s.lead!, 'GET', `${base}/${countId}`)
    await asCounter(s.lead!, 'GET', `${base}/${countId}/sheet`)

    const statuses = seen.map((r) => r.what.split(' → ')[1])
    expect(statuses).toContain('403')
    expect(statuses).toContain('422')
    expect(statuses).toContain('400')
    expect(seen.length).toBeGreaterThan(25)
    const found = seen.flatMap((r) => leaks(r.body).map((leak) => `${r.what}: ${leak}`))
    expect(found).toEqual([])
  })

  it('the negative control: the review does show them (so the walker would notice)', async () => {
    const review = await call(app, s.regional!, 'GET', `${base}/${countId}/review`)
    expect(review.status).toBe(200)
    expect(leaks(review.body).length).toBeGreaterThan(0)
  })

  it('the counter-facing response schemas have no expected, balance or variance field at all', async () => {
    const doc = (await call(app, null, 'GET', '/api/openapi.json')).body
    const names: string[] = []
    const walk = (schema: any): void => {
      if (!schema || typeof schema !== 'object') return
      if (schema.$ref) return walk(doc.components.schemas[schema.$ref.split('/').pop()])
      for (const [k, v] of Object.entries(schema.properties ?? {})) {
        names.push(k)
        walk(v)
      }
      walk(schema.items)
      for (const key of ['anyOf', 'oneOf', 'allOf']) for (const sub of schema[key] ?? []) walk(sub)
    }
    const counterRoutes = ['/stores/{storeId}/counts', '/stores/{storeId}/counts/{countId}', '/stores/{storeId}/counts/{countId}/sheet', '/stores/{storeId}/counts/{countId}/entries']
    for (const path of counterRoutes) {
      for (const op of Object.values(doc.paths[path]) as any[]) for (const res of Object.values(op.responses) as any[]) walk(res.content?.['application/json']?.schema)
    }
    expect(names).toContain('myEntered')
    expect(names.filter((n) => FORBIDDEN_KEY.test(n))).toEqual([])
  })
})

describe('reviewing and counting exclude each other while a count is open', () => {
  it('a lead who opened the review may not count; one who counted may not review', async () => {
    const created = await call(app, s.manager!, 'POST', base, { body: { kind: 'cycle', location: 'floor', items: [{ itemId: 'it-drill' }, { itemId: 'it-tv' }] } })
    const countId = created.body.count.id
    expect((await call(app, s.lead!, 'GET', `${base}/${countId}/review`)).status).toBe(200)
    const [opened] = await database.db.all<{ n: number }>(sql`SELECT COUNT(*) AS n FROM audit_events WHERE action = 'count.review_opened' AND entity_id = ${countId} AND actor_user_id = ${fx.users.lead.id}`)
    expect(Number(opened!.n)).toBe(1)
    const before = await fingerprint(database)
    const entry = await call(app, s.lead!, 'POST', `${base}/${countId}/entries`, { body: { id: 'lead-after-rv', itemId: 'it-drill', quantity: 20 } })
    expect(entry.status).toBe(403)
    expect(entry.body.error.code).toBe('REVIEWER_CANNOT_COUNT')
    expect(await fingerprint(database)).toBe(before)

    expect((await call(app, s.stockroom!, 'POST', `${base}/${countId}/entries`, { body: { id: 'stan-count-01', itemId: 'it-drill', quantity: 20 } })).status).toBe(201)
    // The manager counts too, then wants to look: refused while the count is open.
    expect((await call(app, s.manager!, 'POST', `${base}/${countId}/entries`, { body: { id: 'max-count-001', itemId: 'it-tv', quantity: 20 } })).status).toBe(201)
    const look = await call(app, s.manager!, 'GET', `${base}/${countId}/review`)
    expect(look.status).toBe(403)
    expect(look.body.error.code).toBe('COUNTER_CANNOT_REVIEW')
    // Submitted, the figures are history and may be read.
    expect((await call(app, s.manager!, 'POST', `${base}/${countId}/submit`, { body: {} })).body.outcome).toBe('submitted')
    expect((await call(app, s.manager!, 'GET', `${base}/${countId}/review`)).status).toBe(200)
    await assertInvariants(database)
  })
})

describe('counts: who may do what, where', () => {
  async function denied(session: Session | null, method: string, path: string, status: number, body?: unknown) {
    const before = await fingerprint(database)
    const res = await call(app, session, method, path, body === undefined ? {} : { body })
    expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(status)
    expect(await fingerprint(database)).toBe(before)
  }

  it('managers open and submit counts; counters and clerks do not', async () => {
    const body = { kind: 'full' }
    for (const who of ['clerk', 'stockroom', 'lead', 'auditor']) await denied(s[who]!, 'POST', base, 403, body)
    const open = await call(app, s.manager!, 'POST', base, { body: { kind: 'cycle', location: 'floor', items: [{ itemId: 'it-milk' }] } })
    const id = open.body.count.id
    for (const who of ['stockroom', 'lead']) {
      await denied(s[who]!, 'POST', `${base}/${id}/submit`, 403, {})
      await denied(s[who]!, 'POST', `${base}/${id}/cancel`, 403, {})
    }
    await denied(s.clerk!, 'GET', `${base}/${id}/sheet`, 403)
    await denied(s.clerk!, 'POST', `${base}/${id}/entries`, 403, { id: 'clerk-count-1', itemId: 'it-milk', quantity: 1 })
    await denied(s.auditor!, 'POST', `${base}/${id}/entries`, 403, { id: 'audit-count-1', itemId: 'it-milk', quantity: 1 })
    await denied(s.stockroom!, 'GET', `${base}/${id}/review`, 403)
    await denied(null, 'GET', `${base}/${id}/sheet`, 401)
  })

  it('another store’s count does not exist for you', async () => {
    const a2 = await call(app, s.managerA2!, 'POST', '/api/stores/st-a2/counts', { body: { kind: 'cycle', location: 'floor', items: [{ itemId: 'it-milk' }] } })
    const id = a2.body.count.id
    await denied(s.manager!, 'GET', `${base}/${id}`, 404)
    await denied(s.manager!, 'GET', `${base}/${id}/review`, 404)
    await denied(s.stockroom!, 'POST', `${base}/${id}/entries`, 404, { id: 'cross-count-1', itemId: 'it-milk', quantity: 1 })
    await denied(s.manager!, 'POST', `${base}/${id}/submit`, 404, {})
    await denied(s.stockroom!, 'GET', `/api/stores/st-a2/counts/${id}/sheet`, 404)
    // An entry naming a location of another store is not on this count.
    const own = await call(app, s.manager!, 'POST', base, { body: { kind: 'cycle', location: 'floor', items: [{ itemId: 'it-shampoo' }] } })
    await denied(s.stockroom!, 'POST', `${base}/${own.body.count.id}/entries`, 422, { id: 'cross-loc-001', itemId: 'it-shampoo', quantity: 1, locationId: fx.loc('st-a2', 'floor') })
    const list = await call(app, s.regional!, 'GET', '/api/stores/st-a2/counts')
    expect(list.body.counts.map((c: { id: string }) => c.id)).toEqual([id])
  })
})
