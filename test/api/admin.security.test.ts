import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { call, createTestApp, signIn, type Session, type TestApp } from '../support/app'
import { createTestDatabase } from '../support/db'
import { createFixture, type Fixture } from '../support/fixtures'
import { fingerprint } from '../support/invariants'
import { plantQueue } from './review-fixture'
import { fillPath, listRoutes, WRITE_METHODS } from './route-matrix.support'

let database: Database
let app: TestApp
let fx: Fixture
const s: Record<string, Session> = {}

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  await plantQueue(database, fx)
  app = createTestApp(database)
  for (const key of ['auditor', 'clerk', 'lead', 'regional', 'manager'] as const) s[key] = await signIn(app, fx.users[key].employeeNo)
})

const PERIOD = 'from=2026-10-01&to=2026-11-02'

describe('the auditor reads everything and changes nothing', () => {
  it('reads the queue, reports, anomalies and evidence of every store', async () => {
    for (const path of ['/api/review/corrections?limit=200', `/api/reports/corrections?${PERIOD}`, `/api/reports/anomalies?${PERIOD}`, `/api/evidence?${PERIOD}`]) {
      expect((await call(app, s.auditor!, 'GET', path)).status, path).toBe(200)
    }
    const stores = new Set((await call(app, s.auditor!, 'GET', '/api/review/corrections?limit=200')).body.corrections.map((c: { storeId: string }) => c.storeId))
    expect(stores).toEqual(new Set(['st-a1', 'st-a2', 'st-b1']))
  })

  it('gets 403 from every store- or chain-scoped write route of the app, and nothing changes', async () => {
    const writes = listRoutes(app).filter((r) => WRITE_METHODS.has(r.method) && (r.policy?.kind === 'store' || r.policy?.kind === 'chain'))
    expect(writes.length).toBeGreaterThan(20)
    // Deciding is guarded per correction (the decider may be someone else typing their PIN on this
    // tablet), so those two get a well-formed body and must be refused by the four-eyes rule itself.
    const bodies: Record<string, unknown> = {
      'POST /api/stores/:storeId/corrections/:id/confirm': { version: 1 },
      'POST /api/stores/:storeId/corrections/:id/reject': { version: 1, reason: 'auditor says no' },
    }
    const before = await fingerprint(database)
    const refused: string[] = []
    for (const route of writes) {
      for (const storeId of ['st-a1', 'st-b1']) {
        const id = storeId === 'st-a1' ? 'p1' : 'b1'
        const res = await call(app, s.auditor!, route.method, fillPath(route.path, { storeId, itemId: 'it-milk', id, userId: fx.users.clerk.id }), {
          body: bodies[route.id] ?? {},
          idempotencyKey: randomUUID(),
        })
        if (res.status !== 403) refused.push(`${route.id} @ ${storeId} → ${res.status}`)
      }
    }
    expect(refused).toEqual([])
    expect(await fingerprint(database)).toBe(before)
  })
})

describe('administration routes', () => {
  it('refuse anonymous callers (401) and roles without the action (403), changing nothing', async () => {
    const before = await fingerprint(database)
    const attempts: Array<[Session | null, string, string, unknown, number]> = [
      [null, 'GET', '/api/admin/users', undefined, 401],
      [s.clerk!, 'GET', '/api/admin/users', undefined, 403],
      [s.lead!, 'POST', '/api/admin/users', { employeeNo: 'E8001', name: 'x', password: 'password-1', role: { role: 'clerk', storeId: 'st-a1' } }, 403],
      [s.regional!, 'POST', `/api/admin/users/${fx.users.clerk.id}/disable`, {}, 403],
      [s.manager!, 'POST', '/api/admin/regions', { code: 'Z', name: 'Z' }, 403],
      [s.manager!, 'POST', '/api/admin/stores', { regionId: 'rg-a', code: 'Z1', name: 'Z', city: 'Z' }, 403],
      [s.manager!, 'POST', '/api/admin/reason-codes', { code: 'zz', labelEn: 'z', labelDe: 'z' }, 403],
      [s.manager!, 'PUT', '/api/admin/stores/st-a1/items/it-milk/settings', { shelfMin: 1, shelfTarget: 2 }, 403],
      [s.manager!, 'PUT', '/api/admin/stores/st-b1/items/it-milk/settings', { shelfMin: 1, shelfTarget: 2 }, 404],
      [s.manager!, 'POST', `/api/admin/users/${fx.users.clerk.id}/roles`, { role: 'lead', storeId: 'st-a1', status: 'x' }, 400],
    ]
    for (const [session, method, path, body, status] of attempts) {
      const res = await call(app, session, method, path, body === undefined ? {} : { body })
      expect(res.status, `${method} ${path}`).toBe(status)
    }
    expect(await fingerprint(database)).toBe(before)
  })

  it('offer no way to post stock or decide a correction: no admin route touches either', () => {
    const admin = listRoutes(app).filter((r) => r.path.startsWith('/api/admin/'))
    expect(admin.length).toBeGreaterThanOrEqual(14)
    expect(admin.filter((r) => /correction|movement|stock|balance|confirm/.test(r.path))).toEqual([])
  })
})
