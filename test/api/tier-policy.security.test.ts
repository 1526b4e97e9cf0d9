import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { call, createTestApp, signIn, type Session, type TestApp } from '../support/app'
import { createTestDatabase } from '../support/db'
import { createFixture, type Fixture } from '../support/fixtures'
import { expectRefused } from '../support/invariants'

let database: Database
let app: TestApp
let fx: Fixture
const s: Record<string, Session> = {}

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  app = createTestApp(database)
  for (const key of ['admin', 'manager', 'regional', 'regionalB', 'auditor', 'lead', 'clerk'] as const) s[key] = await signIn(app, fx.users[key].employeeNo)
  // st-a1 has its own override, so removing it would change something.
  expect((await call(app, s.admin!, 'PUT', '/api/stores/st-a1/tier-policy', { body: { leadMax: 1000, storeManagerMax: 20000, allowNegativeStockroom: false } })).status).toBe(200)
})

/** A DELETE without a body: the browser sends Origin (hono/csrf refuses a bodiless write without it). */
const SAME_ORIGIN = { headers: { origin: 'http://localhost' } }

const POLICY = { leadMax: 1, storeManagerMax: 2, allowNegativeStockroom: true }

describe('tier policy: who reads it', () => {
  it('a store manager reads their own store and the chain, and no other store (404, as if it did not exist)', async () => {
    expect((await call(app, s.manager!, 'GET', '/api/stores/st-a1/tier-policy')).status).toBe(200)
    expect((await call(app, s.manager!, 'GET', '/api/tier-policy')).status).toBe(200)
    for (const storeId of ['st-a2', 'st-b1', 'st-nowhere']) {
      const res = await call(app, s.manager!, 'GET', `/api/stores/${storeId}/tier-policy`)
      expect(res.status, storeId).toBe(404)
      expect(res.body.error).toMatchObject({ code: 'NOT_FOUND', details: { storeId } })
    }
  })

  it('a regional manager reads the stores of the region only', async () => {
    expect((await call(app, s.regional!, 'GET', '/api/stores/st-a2/tier-policy')).status).toBe(200)
    expect((await call(app, s.regional!, 'GET', '/api/stores/st-b1/tier-policy')).status).toBe(404)
    expect((await call(app, s.regionalB!, 'GET', '/api/stores/st-a1/tier-policy')).status).toBe(404)
  })

  it('the auditor reads every store; store staff without an office role get 403', async () => {
    for (const storeId of ['st-a1', 'st-a2', 'st-b1']) expect((await call(app, s.auditor!, 'GET', `/api/stores/${storeId}/tier-policy`)).status).toBe(200)
    for (const who of ['lead', 'clerk'] as const) {
      expect((await call(app, s[who]!, 'GET', '/api/stores/st-a1/tier-policy')).body.error.code, who).toBe('FORBIDDEN')
      expect((await call(app, s[who]!, 'GET', '/api/tier-policy')).status, who).toBe(403)
    }
    expect((await call(app, null, 'GET', '/api/tier-policy')).status).toBe(401)
  })
})

describe('tier policy: only administrators change it', () => {
  it.each(['auditor', 'manager', 'regional'] as const)('%s: 403 on every write, nothing changes', async (who) => {
    await expectRefused(database, () => call(app, s[who]!, 'PUT', '/api/tier-policy', { body: POLICY }), 403, 'FORBIDDEN')
    await expectRefused(database, () => call(app, s[who]!, 'PUT', '/api/stores/st-a1/tier-policy', { body: POLICY }), 403, 'FORBIDDEN')
    await expectRefused(database, () => call(app, s[who]!, 'DELETE', '/api/stores/st-a1/tier-policy', SAME_ORIGIN), 403, 'FORBIDDEN')
  })

  it('a store outside the scope is 404 before the role is even considered', async () => {
    await expectRefused(database, () => call(app, s.manager!, 'DELETE', '/api/stores/st-b1/tier-policy', SAME_ORIGIN), 404, 'NOT_FOUND')
    await expectRefused(database, () => call(app, s.admin!, 'DELETE', '/api/stores/st-nowhere/tier-policy', SAME_ORIGIN), 404, 'NOT_FOUND')
  })
})

describe('tier policy: bad input changes nothing', () => {
  it.each([
    ['storeManagerMax below leadMax', { leadMax: 100, storeManagerMax: 50, allowNegativeStockroom: false }],
    ['escalation after 0 hours', { leadMax: 1, storeManagerMax: 50, allowNegativeStockroom: false, escalateAfterHours: 0 }],
    ['a string amount', { leadMax: '10', storeManagerMax: 50, allowNegativeStockroom: false }],
    ['an unknown field', { leadMax: 1, storeManagerMax: 50, allowNegativeStockroom: false, source: 'chain' }],
  ])('PUT with %s → 400, and the store still reads its old values', async (_label, body) => {
    await expectRefused(database, () => call(app, s.admin!, 'PUT', '/api/stores/st-a1/tier-policy', { body }), 400, 'VALIDATION_FAILED')
    expect((await call(app, s.admin!, 'GET', '/api/stores/st-a1/tier-policy')).body).toMatchObject({ source: 'store', effective: { leadMax: 1000, storeManagerMax: 20000 } })
  })

  it('DELETE with a body that is not JSON is refused before anything happens', async () => {
    await expectRefused(database, () => call(app, s.admin!, 'DELETE', '/api/stores/st-a1/tier-policy', { body: '{"a":', headers: { ...SAME_ORIGIN.headers, 'content-type': 'application/json' } }), 400, 'MALFORMED_JSON')
    await expectRefused(database, () => call(app, s.admin!, 'DELETE', '/api/stores/st-a1/tier-policy', { body: 'x', headers: { ...SAME_ORIGIN.headers, 'content-type': 'text/plain' } }), 415, 'UNSUPPORTED_MEDIA_TYPE')
  })
})
