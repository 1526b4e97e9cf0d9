import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { call, createTestApp, signIn, type Session, type TestApp } from '../support/app'
import { createTestDatabase } from '../support/db'
import { createFixture, type Fixture } from '../support/fixtures'
import { fingerprint } from '../support/invariants'
import { plantQueue } from './review-fixture'

let database: Database
let app: TestApp
let fx: Fixture
const s: Record<string, Session> = {}

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  await plantQueue(database, fx)
  app = createTestApp(database)
  for (const key of ['clerk', 'stockroom', 'manager', 'auditor', 'admin'] as const) s[key] = await signIn(app, fx.users[key].employeeNo)
})

describe('review queue: who sees what', () => {
  it('refuses roles without correction.read anywhere (403) and anonymous callers (401)', async () => {
    expect((await call(app, s.clerk!, 'GET', '/api/review/corrections')).status).toBe(403)
    expect((await call(app, s.admin!, 'GET', '/api/review/corrections')).status).toBe(403)
    expect((await call(app, null, 'GET', '/api/review/corrections')).status).toBe(401)
  })

  it('answers 404 for a store or region outside the scope, as if it did not exist', async () => {
    for (const query of ['storeIds=st-b1', 'storeIds=st-a1,st-a2', 'regionId=rg-b', 'storeIds=st-nope']) {
      const res = await call(app, s.manager!, 'GET', `/api/review/corrections?${query}`)
      expect(res.status, query).toBe(404)
      expect(res.body.error.code).toBe('NOT_FOUND')
    }
  })

  it.each([
    'cursor=garbage',
    `cursor=${Buffer.from(JSON.stringify(['newest', 'x', 'y'])).toString('base64url')}`,
    `cursor=${Buffer.from(JSON.stringify(['oldest', { a: 1 }, 'y'])).toString('base64url')}`,
    'limit=201',
    'limit=0',
    'status=approved',
    'sort=random',
    'enteredFrom=2026-13-01',
    'minValue=-1',
    'minValue=1.5',
    'overdue=yes',
    'escalated=1',
    'extra=1',
    `storeIds=${Array.from({ length: 1001 }, (_, i) => `s${i}`).join(',')}`,
  ])('refuses a bad query (%#) with 400', async (query) => {
    const res = await call(app, s.manager!, 'GET', `/api/review/corrections?${query}`)
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('VALIDATION_FAILED')
  })
})

describe('escalation: refusals change nothing', () => {
  it.each([
    ['auditor', 'p1', 403, 'FORBIDDEN'],
    ['stockroom', 'p1', 403, 'FORBIDDEN'],
    ['clerk', 'p1', 403, 'FORBIDDEN'],
    ['manager', 'b1', 404, 'NOT_FOUND'],
    ['manager', 'nope', 404, 'NOT_FOUND'],
    ['manager', 'c1', 409, 'INVALID_STATE'],
  ] as const)('%s escalating %s → %i', async (who, id, status, code) => {
    const before = await fingerprint(database)
    const res = await call(app, s[who]!, 'POST', `/api/review/corrections/${id}/escalate`, { body: {} })
    expect(res.status).toBe(status)
    expect(res.body.error.code).toBe(code)
    expect(await fingerprint(database)).toBe(before)
  })

  it('refuses extra fields, non-JSON bodies and cross-site posts', async () => {
    const before = await fingerprint(database)
    expect((await call(app, s.manager!, 'POST', '/api/review/corrections/p1/escalate', { body: { note: 'x', status: 'confirmed' } })).status).toBe(400)
    expect((await call(app, s.manager!, 'POST', '/api/review/corrections/p1/escalate', { body: '<note/>', headers: { 'content-type': 'application/xml' } })).status).toBe(415)
    expect((await call(app, s.manager!, 'POST', '/api/review/corrections/p1/escalate', { body: 'note=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(403)
    expect((await call(app, s.manager!, 'POST', '/api/review/corrections/p1/escalate', { body: {}, headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403)
    expect(await fingerprint(database)).toBe(before)
  })
})
