import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { findAnomalies } from '../../server/core/anomalies/find-anomalies'
import type { Ctx } from '../../server/core/context'
import { createTestApp, type TestApp } from '../support/app'
import { createTestDatabase } from '../support/db'
import { createFixture, type Fixture } from '../support/fixtures'
import { assertInvariants } from '../support/invariants'
import { addRegionAStaff, plantBaseline, plantPatterns, type Staff } from './anomalies-data'

let database: Database
let app: TestApp
let fx: Fixture
let staff: Record<string, Staff>
const ctx = (userId: string): Ctx => ({ ...app.deps, actor: { userId } })

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  staff = await addRegionAStaff(database, fx)
  await plantBaseline(database, staff, '2026-09')
  await plantBaseline(database, staff, '2026-10')
  await plantPatterns(database, staff)
  app = createTestApp(database)
})

const run = (input: Record<string, unknown>, userId = fx.users.regional.id) => findAnomalies({ ctx: ctx(userId), input })
const october = { from: '2026-10-01', to: '2026-10-31' }

describe('anomalies on planted patterns', () => {
  it('stays quiet on a month of ordinary work', async () => {
    expect((await run({ from: '2026-09-01', to: '2026-09-30' })).anomalies).toEqual([])
  })

  it('finds each planted pattern once, and nothing else', async () => {
    const found = (await run(october)).anomalies.map((a) => [a.kind, a.storeId, a.userIds, a.itemId, [...a.correctionIds].sort()])
    const a1 = staff['st-a1']!
    expect(found).toEqual([
      ['pair_concentration', 'st-a1', [a1.s, a1.l], null, ['base-st-a1-2026-10-0', 'base-st-a1-2026-10-5', ...Array.from({ length: 8 }, (_, i) => `pair-${i}`)].sort()],
      ['just_under_threshold', 'st-a2', [staff['st-a2']!.l], null, ['near-1', 'near-2', 'near-3']],
      ['repeated_write_off', 'st-a3', [staff['st-a3']!.s], 'it-shampoo', ['repeat-0', 'repeat-1', 'repeat-2']],
      ['after_own_count', 'st-a1', [a1.s2], 'it-tv', ['after-count']],
      ['outside_store_hours', 'st-a4', [staff['st-a4']!.m], null, ['dst-winter', 'night']],
      ['store_shrink_outlier', 'st-a4', [], null, ['night', ...Array.from({ length: 10 }, (_, i) => `base-st-a4-2026-10-${i}`)].sort()],
    ])
  })

  it('explains each finding in words, with its figures', async () => {
    const byKind = Object.fromEntries((await run(october)).anomalies.map((a) => [a.kind, a]))
    expect(byKind.pair_concentration!.explanation).toBe(
      'At Store A1 (A1), 10 of 19 confirmed corrections (53%) were entered by Stan Stockroom and confirmed by Lea Lead — more than 50% for one pair. Four eyes only help if the second pair of eyes varies.',
    )
    expect(byKind.just_under_threshold!.explanation).toContain('entered 3 corrections valued within 10% below an approval limit (2 just under the shift-lead limit of €50.00, 1 just under the store-manager limit of €500.00) out of 5 in the period')
    expect(byKind.repeated_write_off!.explanation).toContain('wrote off SKU-0003 Mild Shampoo 300 ml in 3 separate corrections (3 units in total)')
    expect(byKind.after_own_count!.explanation).toContain('within 24 h after counting the same item (SKU-0005 Television 55 inch) themselves — the quickest 360 min later')
    expect(byKind.outside_store_hours!.explanation).toContain('outside store hours (08:00–20:00 Europe/Berlin, 30 min grace), at 04:30, 07:15 local time')
    expect(byKind.store_shrink_outlier!.metrics).toMatchObject({ measure: 'shrink_pct_of_sales', value: 4.66, peerMedian: 0.67, peers: 3, factor: 2 })
    expect(byKind.store_shrink_outlier!.explanation).toContain('Store A4 (A4) wrote off 4.66% of sales, 6.9× the median of the other 3 stores of its region (0.67% of sales)')
  })

  it('carries what the web client needs to word each finding itself: the figures, the item name, the local times', async () => {
    const byKind = Object.fromEntries((await run(october)).anomalies.map((a) => [a.kind, a]))
    expect(byKind.just_under_threshold!.metrics).toMatchObject({ nearCount: 3, nearLeadMax: 2, nearStoreManagerMax: 1, enteredCount: 5 })
    expect(byKind.repeated_write_off!.itemName).toBe('SKU-0003 Mild Shampoo 300 ml')
    expect(byKind.after_own_count!.itemName).toBe('SKU-0005 Television 55 inch')
    expect(byKind.pair_concentration!.itemName).toBeNull()
    expect(byKind.outside_store_hours!.metrics).toMatchObject({ opensAt: '08:00', closesAt: '20:00', localTimes: '04:30, 07:15' })
  })

  it('hands out drill-down parameters for the review queue', async () => {
    const byKind = Object.fromEntries((await run(october)).anomalies.map((a) => [a.kind, a]))
    expect(byKind.repeated_write_off!.drill).toEqual({ storeIds: 'st-a3', ids: 'repeat-0,repeat-1,repeat-2' })
    expect(byKind.store_shrink_outlier!.drill).toEqual({ storeIds: 'st-a4', status: 'confirmed', writeOff: 'true', decidedFrom: '2026-10-01', decidedTo: '2026-10-31' })
  })

  it('takes thresholds from the request', async () => {
    const relaxed = await run({ ...october, pairMaxShare: 0.6, nearBand: 0.01, repeatMinCount: 4, countWindowHours: 5, hoursGraceMinutes: 300, shrinkFactor: 10 })
    expect(relaxed.anomalies).toEqual([])
    expect(relaxed.thresholds).toMatchObject({ pairMaxShare: 0.6, nearBand: 0.01, repeatMinCount: 4 })
    const strict = await run({ ...october, repeatMinCount: 2, pairMaxShare: 0.2 })
    expect(strict.anomalies.filter((a) => a.kind === 'repeated_write_off').length).toBeGreaterThan(1)
  })

  it('looks only at the stores in the caller scope', async () => {
    const mine = await run(october, fx.users.manager.id)
    expect(new Set(mine.anomalies.map((a) => a.storeId))).toEqual(new Set(['st-a1']))
    // A single store has no peers in scope to compare its shrink with.
    expect(mine.anomalies.some((a) => a.kind === 'store_shrink_outlier')).toBe(false)
    expect((await run(october, fx.users.regionalB.id)).anomalies).toEqual([])
  })

  it('refuses overlong periods', async () => {
    await expect(run({ from: '2026-01-01', to: '2026-10-31' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' })
    await assertInvariants(database)
  })
})
