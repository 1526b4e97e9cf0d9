import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { plantReportData } from '../core/reports-data'
import { call, createTestApp, signIn, type Session, type TestApp } from '../support/app'
import { createTestDatabase } from '../support/db'
import { createFixture, type Fixture } from '../support/fixtures'
import { fingerprint } from '../support/invariants'

let database: Database
let app: TestApp
let fx: Fixture
const s: Record<string, Session> = {}

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  await plantReportData(database, fx)
  app = createTestApp(database)
  for (const key of ['clerk', 'stockroom', 'lead', 'manager', 'regional', 'auditor', 'admin'] as const) s[key] = await signIn(app, fx.users[key].employeeNo)
})

type Bucket = { corrections: number; value?: number; drill: Record<string, string> }
const listed = async (who: Session, drill: Record<string, string>) => {
  const res = await call(app, who, 'GET', `/api/review/corrections?${new URLSearchParams({ ...drill, limit: '200' })}`)
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body.corrections as Array<{ id: string; value: number }>
}

describe('GET /reports/corrections', () => {
  it('answers the report of my scope', async () => {
    const res = await call(app, s.regional!, 'GET', '/api/reports/corrections?from=2026-10-05&to=2026-10-18')
    expect(res.status).toBe(200)
    expect(res.body.totals).toMatchObject({ corrections: 6, value: 52_629, writeOffValue: 49_832, shrinkPct: 14.24 })
    expect(res.body.stores.map((st: { id: string }) => st.id)).toEqual(['st-a1', 'st-a2'])
  })

  it.each(['regional', 'manager', 'auditor'])('drills down from every bucket to exactly the corrections behind it (%s)', async (who) => {
    const session = s[who]!
    const query = who === 'auditor' ? '&regionId=rg-a' : ''
    const report = (await call(app, session, 'GET', `/api/reports/corrections?from=2026-10-05&to=2026-10-18${query}`)).body
    const wholeCorrections: Bucket[] = [report.totals, ...report.byStore, ...report.byReason, ...report.byPerson, ...report.weekly]
    for (const bucket of wholeCorrections) {
      const rows = await listed(session, bucket.drill)
      expect(rows.length, JSON.stringify(bucket.drill)).toBe(bucket.corrections)
      expect(rows.reduce((sum, r) => sum + r.value, 0), JSON.stringify(bucket.drill)).toBe(bucket.value)
    }
    // Category and item buckets count the corrections touching them.
    for (const bucket of [...report.byCategory, ...report.topItems] as Bucket[]) {
      expect((await listed(session, bucket.drill)).length, JSON.stringify(bucket.drill)).toBe(bucket.corrections)
    }
    const theft = report.byReason.find((r: { reason: string }) => r.reason === 'theft')
    if (theft) expect((await listed(session, theft.drill)).map((r) => r.id).sort()).toEqual(who === 'manager' ? ['k2'] : ['k2', 'm1'])
  })

  it('drills down into count accuracy (the count corrections entered in the period)', async () => {
    const report = (await call(app, s.manager!, 'GET', '/api/reports/corrections?from=2026-10-05&to=2026-10-18')).body
    expect((await listed(s.manager!, report.countAccuracy.totals.drill)).map((r) => r.id)).toEqual(['k9'])
  })
})

describe('GET /reports/anomalies', () => {
  it('answers the findings with thresholds from the query, and refuses bad thresholds', async () => {
    const res = await call(app, s.regional!, 'GET', '/api/reports/anomalies?from=2026-10-01&to=2026-10-31&repeatMinCount=2&pairMaxShare=0.3')
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.thresholds).toMatchObject({ repeatMinCount: 2, pairMaxShare: 0.3, nearBand: 0.1 })
    // Stan wrote off milk four times in A1 in October (k1, k7, and the pending k5 and k9).
    const repeat = res.body.anomalies.find((a: { kind: string; itemId: string }) => a.kind === 'repeated_write_off' && a.itemId === 'it-milk')
    expect(repeat).toMatchObject({ storeId: 'st-a1', storeCode: 'A1', people: [{ id: fx.users.stockroom.id, name: 'Stan Stockroom' }], correctionCount: 4 })
    expect((await listed(s.regional!, repeat.drill)).map((r) => r.id).sort()).toEqual(repeat.correctionIds.sort())
    for (const bad of ['pairMaxShare=2', 'repeatMinCount=1', 'nearBand=abc', 'shrinkFactor=0']) {
      expect((await call(app, s.regional!, 'GET', `/api/reports/anomalies?from=2026-10-01&to=2026-10-31&${bad}`)).status, bad).toBe(400)
    }
  })
})

describe('report access', () => {
  it.each(['clerk', 'stockroom', 'lead', 'admin'])('refuses %s (no report.read anywhere) with 403', async (who) => {
    const res = await call(app, s[who]!, 'GET', '/api/reports/corrections?from=2026-10-05&to=2026-10-18')
    expect(res.status).toBe(403)
    expect((await call(app, s[who]!, 'GET', '/api/reports/anomalies?from=2026-10-05&to=2026-10-18')).status).toBe(403)
  })

  it('answers 404 for stores and regions outside the scope', async () => {
    for (const query of ['storeIds=st-b1', 'regionId=rg-b', 'storeIds=st-a1,st-b1']) {
      expect((await call(app, s.regional!, 'GET', `/api/reports/corrections?from=2026-10-05&to=2026-10-18&${query}`)).status, query).toBe(404)
    }
  })

  it.each([
    'from=2026-10-05',
    'from=2026-10-18&to=2026-10-05',
    'from=2024-01-01&to=2026-10-05',
    'from=05.10.2026&to=2026-10-18',
    'from=2026-02-30&to=2026-03-01',
    'from=2026-10-05&to=2026-10-18&topItems=0',
    'from=2026-10-05&to=2026-10-18&bogus=1',
  ])('refuses a bad period or parameter (%s) with 400, changing nothing', async (query) => {
    const before = await fingerprint(database)
    const res = await call(app, s.regional!, 'GET', `/api/reports/corrections?${query}`)
    expect(res.status).toBe(400)
    expect(await fingerprint(database)).toBe(before)
  })
})
