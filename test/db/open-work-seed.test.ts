import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { DEMO_PASSWORD, FIRST_STORE_ID, seedDemo } from '../../db/seed'
import { seedOpenWork, type OpenWorkSummary } from '../../db/seed-open-work'
import { call, createTestApp, signIn } from '../support/app'
import { createTestDatabase } from '../support/db'
import { assertInvariants } from '../support/invariants'

let database: Database
let summary: OpenWorkSummary
const now = new Date('2026-11-02T12:00:00.000Z')

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDemo(database, { stores: 2, items: 300, weeks: 1, now })
  summary = await seedOpenWork(database, { now })
}, 60_000)

const count = async (query: ReturnType<typeof sql>) => Number((await database.db.all<{ n: number }>(query))[0]!.n)

describe('demo open work in the first store', () => {
  it('leaves two refill requests, a delivery due, a count to do and an incoming transfer', async () => {
    expect(summary).toMatchObject({ refills: 2, deliveries: 1, counts: 1, transfers: 1 })
    expect(await count(sql`SELECT COUNT(*) AS n FROM replenishment_requests WHERE store_id = ${FIRST_STORE_ID} AND status = 'open'`)).toBeGreaterThanOrEqual(2)
    expect(await count(sql`SELECT COUNT(*) AS n FROM deliveries WHERE store_id = ${FIRST_STORE_ID} AND status = 'expected'`)).toBe(1)
    expect(await count(sql`SELECT COUNT(*) AS n FROM counts WHERE store_id = ${FIRST_STORE_ID} AND status = 'open'`)).toBe(1)
    expect(await count(sql`SELECT COUNT(*) AS n FROM transfers WHERE to_store_id = ${FIRST_STORE_ID} AND status = 'shipped'`)).toBe(1)
  })

  it('went through the verbs: movements, balances and the audit chain hold, and nothing lies in the future', async () => {
    await assertInvariants(database)
    const inTransit = await count(sql`SELECT COALESCE(SUM(b.quantity), 0) AS n FROM balances b JOIN locations l ON l.id = b.location_id
      WHERE b.store_id = ${FIRST_STORE_ID} AND l.kind = 'in_transit'`)
    expect(inTransit).toBeGreaterThan(0)
    const [last] = await database.db.all<{ at: string }>(sql`SELECT MAX(at) AS at FROM audit_events`)
    expect(last!.at <= now.toISOString()).toBe(true)
    expect(await count(sql`SELECT COUNT(*) AS n FROM audit_events WHERE action IN ('replenishment.requested', 'delivery.created', 'count.created', 'transfer.created', 'transfer.shipped')`)).toBeGreaterThanOrEqual(6)
  })

  it('is what the back room sees when it signs in', async () => {
    const app = createTestApp(database, now.toISOString())
    const stockroom = await signIn(app, 'E1002', DEMO_PASSWORD)
    const picks = await call(app, stockroom, 'GET', `/api/stores/${FIRST_STORE_ID}/replenishment/pick-list`)
    expect(picks.status).toBe(200)
    expect(picks.body.lines.length).toBeGreaterThanOrEqual(2)
    const transfers = await call(app, stockroom, 'GET', `/api/stores/${FIRST_STORE_ID}/transfers?direction=incoming`)
    expect(transfers.status).toBe(200)
    expect(transfers.body.transfers.map((t: { status: string }) => t.status)).toContain('shipped')
  })
})
