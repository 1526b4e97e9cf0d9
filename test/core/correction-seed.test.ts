import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { seedCorrectionHistory, type CorrectionSeedSummary } from '../../db/seed-corrections'
import { createTestDatabase } from '../support/db'
import { createFixture } from '../support/fixtures'
import { assertInvariants } from '../support/invariants'

let database: Database
let summary: CorrectionSeedSummary
const now = new Date('2026-11-02T12:00:00.000Z')

beforeAll(async () => {
  database = await createTestDatabase()
  await createFixture(database)
  summary = await seedCorrectionHistory(database, { now })
})

describe('demo correction history', () => {
  it('creates confirmed, rejected, cancelled and pending corrections quickly', () => {
    expect(summary.corrections).toBeGreaterThanOrEqual(12) // the fixture has one staffed store
    expect(summary.confirmed).toBeGreaterThan(summary.rejected)
    expect(summary.rejected).toBeGreaterThan(0)
    expect(summary.cancelled).toBeGreaterThan(0)
    expect(summary.pending).toBeGreaterThan(0)
    expect(summary.ms).toBeLessThan(3000)
  })

  it('keeps every invariant: four eyes, movements ⇔ confirmed, balances, the audit chain', async () => {
    await assertInvariants(database)
    const selfDecided = await database.db.all(sql`SELECT id FROM corrections WHERE status IN ('confirmed', 'rejected') AND decided_by = entered_by`)
    expect(selfDecided).toEqual([])
    const [events] = await database.db.all<{ n: number }>(sql`SELECT COUNT(*) AS n FROM audit_events WHERE action LIKE 'correction.%'`)
    expect(Number(events!.n)).toBe(summary.corrections + summary.confirmed + summary.rejected + summary.cancelled)
  })

  it('uses every tier, and leaves a large one waiting for the regional manager', async () => {
    const tiers = await database.db.all<{ tier: string; status: string }>(sql`SELECT DISTINCT tier, status FROM corrections`)
    expect(new Set(tiers.map((t) => t.tier))).toEqual(new Set(['lead', 'store_manager', 'regional_manager']))
    expect(tiers).toContainEqual({ tier: 'regional_manager', status: 'pending' })
    const decidedByRegional = await database.db.all(sql`SELECT id FROM corrections WHERE status = 'confirmed' AND decided_role = 'regional_manager'`)
    expect(decidedByRegional.length).toBeGreaterThan(0)
  })

  it('lies in the past, and leaves no usable session behind', async () => {
    const [range] = await database.db.all<{ first: string; last: string }>(sql`SELECT MIN(entered_at) AS first, MAX(COALESCE(decided_at, entered_at)) AS last FROM corrections`)
    expect(range!.last <= now.toISOString()).toBe(true)
    expect(Date.parse(range!.first)).toBeLessThan(now.getTime() - 10 * 86_400_000)
    const open = await database.db.all(sql`SELECT id_hash FROM sessions WHERE revoked_at IS NULL`)
    expect(open).toEqual([])
  })
})

describe('demo correction history: something for the anomaly report', () => {
  it('holds one person’s series of write-offs just under the shift lead’s limit, which the report finds', { timeout: 60_000 }, async () => {
    const { seedDemo } = await import('../../db/seed')
    const { findAnomalies } = await import('../../server/core/anomalies/find-anomalies')
    const { coreHarness, actAs } = await import('./correction-helpers')
    const demo = await createTestDatabase()
    await seedDemo(demo, { stores: 2, items: 200, weeks: 1, now })
    await seedCorrectionHistory(demo, { now, stores: 1 })
    const core = coreHarness(demo, now.toISOString())
    const [auditor] = await demo.db.all<{ id: string }>(sql`SELECT user_id AS id FROM role_assignments WHERE role = 'auditor' LIMIT 1`)
    const ctx = await actAs(core, auditor!.id)
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10)
    const { anomalies } = await findAnomalies({ ctx, input: { from: day(now.getTime() - 14 * 86_400_000), to: day(now.getTime()) } })
    const finding = anomalies.find((a) => a.kind === 'just_under_threshold')
    expect(finding, JSON.stringify(anomalies.map((a) => a.kind))).toBeDefined()
    expect(finding!.correctionIds.length).toBeGreaterThanOrEqual(3)
    await core.writer.close()
    demo.client.close()
  })
})
