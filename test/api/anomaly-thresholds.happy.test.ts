import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { DEFAULT_THRESHOLDS } from '../../server/core/anomalies/thresholds'
import { plantReportData } from '../core/reports-data'
import { call, createTestApp, signIn, type Session, type TestApp } from '../support/app'
import { createTestDatabase } from '../support/db'
import { createFixture, type Fixture } from '../support/fixtures'
import { assertInvariants } from '../support/invariants'

let database: Database
let app: TestApp
let fx: Fixture
const s: Record<string, Session> = {}

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  // Stan wrote off milk in four corrections in A1 in October (k1, k5, k7, k9): a repeated write-off at the default of 3.
  await plantReportData(database, fx)
  app = createTestApp(database)
  for (const key of ['admin', 'regional', 'manager', 'auditor'] as const) s[key] = await signIn(app, fx.users[key].employeeNo)
})

const PATH = '/api/admin/anomaly-thresholds'
/** A DELETE without a body: the browser sends Origin (hono/csrf refuses a bodiless write without it). */
const SAME_ORIGIN = { headers: { origin: 'http://localhost' } }
const ALL_DEFAULT = Object.fromEntries(Object.keys(DEFAULT_THRESHOLDS).map((k) => [k, 'default']))

async function events(action: string) {
  return database.db.all<{ entity_type: string; entity_id: string; store_id: string | null; actor_user_id: string; before: string | null; after: string | null }>(
    sql`SELECT entity_type, entity_id, store_id, actor_user_id, before, after FROM audit_events WHERE action = ${action} ORDER BY seq`,
  )
}

/** Whether October's anomaly report (as the regional manager) flags Stan's repeated milk write-offs. */
async function milkFlagged(query = '') {
  const res = await call(app, s.regional!, 'GET', `/api/reports/anomalies?from=2026-10-01&to=2026-10-31${query}`)
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  const found = res.body.anomalies.some((a: { kind: string; itemId: string | null }) => a.kind === 'repeated_write_off' && a.itemId === 'it-milk')
  return { found, thresholds: res.body.thresholds, sources: res.body.thresholdSources }
}

describe('anomaly thresholds: defaults', () => {
  it('with nothing stored, every threshold is its default, and says so', async () => {
    const res = await call(app, s.admin!, 'GET', PATH)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      effective: DEFAULT_THRESHOLDS,
      sources: ALL_DEFAULT,
      overrides: {},
      defaults: DEFAULT_THRESHOLDS,
      ignored: [],
      updatedAt: null,
      updatedBy: null,
      updatedByName: null,
    })
  })

  it('the anomaly report uses the defaults and names them as the source', async () => {
    const report = await milkFlagged()
    expect(report.found).toBe(true)
    expect(report.thresholds).toEqual(DEFAULT_THRESHOLDS)
    expect(report.sources).toEqual(ALL_DEFAULT)
  })
})

describe('anomaly thresholds: set, effect, reset', () => {
  it('an administrator stores some thresholds; the others stay at their defaults; audited in the same write', async () => {
    const res = await call(app, s.admin!, 'PUT', PATH, { body: { repeatMinCount: 5, pairMaxShare: 0.4 } })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toMatchObject({
      effective: { ...DEFAULT_THRESHOLDS, repeatMinCount: 5, pairMaxShare: 0.4 },
      sources: { ...ALL_DEFAULT, repeatMinCount: 'chain', pairMaxShare: 'chain' },
      overrides: { repeatMinCount: 5, pairMaxShare: 0.4 },
      updatedAt: app.clock.now().toISOString(),
      updatedBy: fx.users.admin.id,
      updatedByName: 'Ada Admin',
    })
    // Readers see the same.
    for (const who of ['regional', 'manager', 'auditor'] as const) {
      expect((await call(app, s[who]!, 'GET', PATH)).body, who).toEqual(res.body)
    }
    const [event, ...more] = await events('policy.anomaly_thresholds_changed')
    expect(more).toEqual([])
    expect(event).toMatchObject({ entity_type: 'anomaly_thresholds', entity_id: 'chain', store_id: null, actor_user_id: fx.users.admin.id, before: null })
    expect(JSON.parse(event!.after!)).toMatchObject({ overrides: { repeatMinCount: 5, pairMaxShare: 0.4 }, effective: { repeatMinCount: 5, nearBand: 0.1 } })
    await assertInvariants(database)
  })

  it('the anomaly report now uses the stored value: four write-offs are no longer flagged at 5', async () => {
    const report = await milkFlagged()
    expect(report.found).toBe(false)
    expect(report.thresholds).toMatchObject({ repeatMinCount: 5, pairMaxShare: 0.4, nearBand: 0.1 })
    expect(report.sources).toMatchObject({ repeatMinCount: 'chain', pairMaxShare: 'chain', nearBand: 'default' })
  })

  it('a query parameter still overrides the stored value for that request only', async () => {
    const report = await milkFlagged('&repeatMinCount=4')
    expect(report.found).toBe(true)
    expect(report.thresholds).toMatchObject({ repeatMinCount: 4, pairMaxShare: 0.4 })
    expect(report.sources).toMatchObject({ repeatMinCount: 'request', pairMaxShare: 'chain' })
    expect((await milkFlagged()).found).toBe(false)
  })

  it('a PUT replaces what was stored: a threshold left out follows its default again', async () => {
    const res = await call(app, s.admin!, 'PUT', PATH, { body: { repeatMinCount: 4 } })
    expect(res.status).toBe(200)
    expect(res.body.overrides).toEqual({ repeatMinCount: 4 })
    expect(res.body.effective.pairMaxShare).toBe(DEFAULT_THRESHOLDS.pairMaxShare)
    expect((await milkFlagged()).found).toBe(true)
    const [, second] = await events('policy.anomaly_thresholds_changed')
    expect(JSON.parse(second!.before!)).toMatchObject({ overrides: { repeatMinCount: 5, pairMaxShare: 0.4 } })
    expect(JSON.parse(second!.after!)).toMatchObject({ overrides: { repeatMinCount: 4 } })
  })

  it('DELETE goes back to the defaults, audited with what was removed; a second DELETE changes nothing', async () => {
    await call(app, s.admin!, 'PUT', PATH, { body: { repeatMinCount: 5 } })
    expect((await milkFlagged()).found).toBe(false)

    const res = await call(app, s.admin!, 'DELETE', PATH, SAME_ORIGIN)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ removed: true, effective: DEFAULT_THRESHOLDS, sources: ALL_DEFAULT, overrides: {}, updatedAt: null })
    expect((await call(app, s.auditor!, 'GET', PATH)).body).toMatchObject({ effective: DEFAULT_THRESHOLDS, overrides: {} })
    const report = await milkFlagged()
    expect(report.found).toBe(true)
    expect(report.sources).toEqual(ALL_DEFAULT)

    const [event, ...more] = await events('policy.anomaly_thresholds_reset')
    expect(more).toEqual([])
    expect(event).toMatchObject({ entity_id: 'chain', actor_user_id: fx.users.admin.id })
    expect(JSON.parse(event!.before!)).toMatchObject({ overrides: { repeatMinCount: 5 } })
    expect(JSON.parse(event!.after!)).toMatchObject({ overrides: {}, effective: { repeatMinCount: 3 } })

    const again = await call(app, s.admin!, 'DELETE', PATH, SAME_ORIGIN)
    expect(again.status).toBe(200)
    expect(again.body).toMatchObject({ removed: false, overrides: {} })
    expect(await events('policy.anomaly_thresholds_reset')).toHaveLength(1)
    await assertInvariants(database)
  })

  it('an empty PUT stores nothing overridden (every default applies) but records who did it', async () => {
    const res = await call(app, s.admin!, 'PUT', PATH, { body: {} })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ effective: DEFAULT_THRESHOLDS, sources: ALL_DEFAULT, overrides: {}, updatedBy: fx.users.admin.id })
    expect((await call(app, s.admin!, 'DELETE', PATH, SAME_ORIGIN)).body.removed).toBe(true)
  })
})

describe('anomaly thresholds: a stored value that no longer fits', () => {
  it('is ignored (its default applies) and named, and the report still answers', async () => {
    // As if a later release narrowed a range or dropped a threshold: written past the API on purpose.
    await database.client.execute({
      sql: `INSERT INTO anomaly_thresholds (id, overrides, updated_by, updated_at) VALUES ('chain', ?, ?, ?)`,
      args: [JSON.stringify({ repeatMinCount: 1, gone: 3, nearBand: 0.2 }), fx.users.admin.id, fx.now],
    })
    const res = await call(app, s.regional!, 'GET', PATH)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ overrides: { nearBand: 0.2 }, ignored: ['repeatMinCount', 'gone'], effective: { repeatMinCount: 3, nearBand: 0.2 } })
    const report = await milkFlagged()
    expect(report.found).toBe(true)
    expect(report.sources).toMatchObject({ repeatMinCount: 'default', nearBand: 'chain' })
    expect((await call(app, s.admin!, 'DELETE', PATH, SAME_ORIGIN)).status).toBe(200)
  })
})
