import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { call, createTestApp, signIn, type Session, type TestApp } from '../support/app'
import { createTestDatabase } from '../support/db'
import { createFixture, type Fixture } from '../support/fixtures'
import { expectRefused } from '../support/invariants'
import { listRoutes } from './route-matrix.support'

let database: Database
let app: TestApp
let fx: Fixture
const s: Record<string, Session> = {}

const PATH = '/api/admin/anomaly-thresholds'
/** A DELETE without a body: the browser sends Origin (hono/csrf refuses a bodiless write without it). */
const SAME_ORIGIN = { headers: { origin: 'http://localhost' } }
const STORED = { repeatMinCount: 6, shrinkFactor: 3.5 }

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  app = createTestApp(database)
  for (const key of ['admin', 'manager', 'regional', 'auditor', 'lead', 'clerk', 'stockroom'] as const) s[key] = await signIn(app, fx.users[key].employeeNo)
  // Something stored, so that a DELETE let through would change something.
  expect((await call(app, s.admin!, 'PUT', PATH, { body: STORED })).status).toBe(200)
})

const stillStored = async () => expect((await call(app, s.admin!, 'GET', PATH)).body.overrides).toEqual(STORED)

describe('anomaly thresholds: the routes', () => {
  it('are in the route matrix (route-matrix.security.test.ts walks every route), each with its one guard', () => {
    const found = listRoutes(app).filter((r) => r.path === PATH)
    expect(found.map((r) => [r.method, r.policy])).toEqual([
      ['DELETE', { kind: 'chain', action: 'policy.manage' }],
      ['GET', { kind: 'chain', action: 'policy.read' }],
      ['PUT', { kind: 'chain', action: 'policy.manage' }],
    ])
  })
})

describe('anomaly thresholds: who reads them', () => {
  it.each(['admin', 'manager', 'regional', 'auditor'] as const)('%s reads them', async (who) => {
    const res = await call(app, s[who]!, 'GET', PATH)
    expect(res.status).toBe(200)
    expect(res.body.overrides).toEqual(STORED)
  })

  it.each(['lead', 'clerk', 'stockroom'] as const)('%s (no policy.read) gets 403', async (who) => {
    const res = await call(app, s[who]!, 'GET', PATH)
    expect(res.status).toBe(403)
    expect(res.body.error).toMatchObject({ code: 'FORBIDDEN', details: { action: 'policy.read' } })
  })

  it('not signed in → 401', async () => {
    expect((await call(app, null, 'GET', PATH)).body.error.code).toBe('UNAUTHENTICATED')
  })
})

describe('anomaly thresholds: only administrators change them', () => {
  it.each(['manager', 'regional', 'auditor', 'lead', 'clerk'] as const)('%s: 403 on PUT and DELETE, nothing changes', async (who) => {
    await expectRefused(database, () => call(app, s[who]!, 'PUT', PATH, { body: { repeatMinCount: 2 } }), 403, 'FORBIDDEN')
    await expectRefused(database, () => call(app, s[who]!, 'DELETE', PATH, SAME_ORIGIN), 403, 'FORBIDDEN')
    await stillStored()
  })

  it('not signed in: 401, nothing changes', async () => {
    await expectRefused(database, () => call(app, null, 'PUT', PATH, { body: { repeatMinCount: 2 } }), 401, 'UNAUTHENTICATED')
    await expectRefused(database, () => call(app, null, 'DELETE', PATH, SAME_ORIGIN), 401, 'UNAUTHENTICATED')
  })

  it('the core refuses too, whatever the edge let through (a store manager calling the verb directly)', async () => {
    const { setAnomalyThresholds } = await import('../../server/core/anomalies/set-anomaly-thresholds')
    const { resetAnomalyThresholds } = await import('../../server/core/anomalies/reset-anomaly-thresholds')
    const ctx = { ...app.deps, actor: { userId: fx.users.manager.id } }
    await expect(setAnomalyThresholds({ ctx, input: { repeatMinCount: 2 } })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(resetAnomalyThresholds({ ctx })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await stillStored()
  })

  it('a cross-site form post is refused', async () => {
    await expectRefused(
      database,
      () => call(app, s.admin!, 'PUT', PATH, { body: 'repeatMinCount=2', headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' } }),
      403,
    )
  })
})

describe('anomaly thresholds: bad input → 400, nothing changes', () => {
  it.each([
    ['a share above 1', { pairMaxShare: 1.5 }],
    ['a negative share', { pairMaxShare: -0.1 }],
    ['a repeat count of 1 (every write-off would repeat)', { repeatMinCount: 1 }],
    ['a fractional count', { nearMinCount: 2.5 }],
    ['a shrink factor below 1', { shrinkFactor: 0.5 }],
    ['grace beyond 12 hours', { hoursGraceMinutes: 721 }],
    ['a number as text', { repeatMinCount: '4' }],
    ['null', { repeatMinCount: null }],
    ['a boolean', { nearBand: true }],
    ['an unknown threshold', { repeatMinCount: 4, bogus: 1 }],
    ['a field that is not a threshold', { updatedBy: 'u-manager' }],
    ['an array body', [1, 2]],
    ['a huge number', { pairMinStoreCorrections: 1e308 }],
  ])('PUT with %s', async (_label, body) => {
    const res = await expectRefused(database, () => call(app, s.admin!, 'PUT', PATH, { body }), 400, 'VALIDATION_FAILED')
    expect(res.body.error.message).toBeTypeOf('string')
    await stillStored()
  })

  it('malformed JSON → 400 MALFORMED_JSON; another content type → 415', async () => {
    await expectRefused(database, () => call(app, s.admin!, 'PUT', PATH, { body: '{"repeatMinCount":', headers: { 'content-type': 'application/json' } }), 400, 'MALFORMED_JSON')
    await expectRefused(database, () => call(app, s.admin!, 'PUT', PATH, { body: 'repeatMinCount=4', headers: { ...SAME_ORIGIN.headers, 'content-type': 'text/plain' } }), 415, 'UNSUPPORTED_MEDIA_TYPE')
    await stillStored()
  })

  it('a bad threshold in the anomaly query is still 400', async () => {
    for (const bad of ['repeatMinCount=1', 'pairMaxShare=2', 'nearBand=abc']) {
      const res = await call(app, s.regional!, 'GET', `/api/reports/anomalies?from=2026-10-01&to=2026-10-31&${bad}`)
      expect(res.status, bad).toBe(400)
      expect(res.body.error.code).toBe('VALIDATION_FAILED')
    }
  })
})
