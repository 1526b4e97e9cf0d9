import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import type { Ctx } from '../../server/core/context'
import { correctionReport } from '../../server/core/reports/correction-report'
import { rollupMismatches } from '../../server/core/reports/rollup'
import { createTestApp, type TestApp } from '../support/app'
import { createTestDatabase } from '../support/db'
import { createFixture, type Fixture } from '../support/fixtures'
import { plantReportData } from './reports-data'

/** Figures computed by hand from the data set of reports-data.ts. */
let database: Database
let app: TestApp
let fx: Fixture
const ctx = (userId: string): Ctx => ({ ...app.deps, actor: { userId } })
const period = { from: '2026-10-05', to: '2026-10-18' }

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  app = createTestApp(database)
  await plantReportData(database, fx)
})

describe('correction report (hand-computed figures)', () => {
  it('keeps the roll-ups equal to the raw tables', async () => {
    expect(await rollupMismatches(database.db)).toEqual({ corrections: [], sales: [] })
  })

  it('totals and stores: value, write-offs, found stock, shrink as % of sales', async () => {
    const report = await correctionReport({ ctx: ctx(fx.users.regional.id), input: period })
    expect(report.stores.map((s) => s.id)).toEqual(['st-a1', 'st-a2'])
    expect(report.totals).toMatchObject({ corrections: 6, value: 52_629, writeOffValue: 49_832, foundValue: 2_797, netValue: -47_035, salesValue: 350_000, shrinkPct: 14.24 })
    expect(report.byStore.map(({ drill: _d, ...s }) => s)).toEqual([
      { storeId: 'st-a2', code: 'A2', name: 'Store A2', corrections: 2, value: 41_398, writeOffValue: 41_199, foundValue: 199, netValue: -41_000, salesValue: 200_000, shrinkPct: 20.6 },
      { storeId: 'st-a1', code: 'A1', name: 'Store A1', corrections: 4, value: 11_231, writeOffValue: 8_633, foundValue: 2_598, netValue: -6_035, salesValue: 150_000, shrinkPct: 5.76 },
    ])
  })

  it('by reason, category and person', async () => {
    const report = await correctionReport({ ctx: ctx(fx.users.regional.id), input: period })
    const pick = <T extends { corrections: number; value: number; writeOffValue: number; foundValue: number }>(rows: T[], key: keyof T) =>
      rows.map((r) => [r[key], r.corrections, r.value, r.writeOffValue, r.foundValue])
    expect(pick(report.byReason, 'reason')).toEqual([
      ['theft', 2, 47_198, 47_198, 0],
      ['miscount', 1, 1_498, 1_299, 199],
      ['damaged', 1, 890, 890, 0],
      ['expired', 1, 445, 445, 0],
      ['found', 1, 2_598, 0, 2_598],
    ])
    expect(report.byReason[0]).toMatchObject({ labelEn: 'Theft / shrink', labelDe: 'Diebstahl / Schwund' })
    expect(pick(report.byCategory, 'category')).toEqual([
      ['Electronics', 1, 39_900, 39_900, 0],
      ['Tools', 1, 6_900, 6_900, 0],
      ['Dairy', 2, 1_335, 1_335, 0],
      ['Coffee', 2, 3_897, 1_299, 2_598],
      ['Drugstore', 2, 597, 398, 199],
    ])
    expect(pick(report.byPerson, 'userId')).toEqual([
      [fx.users.managerA2.id, 2, 41_398, 41_199, 199],
      [fx.users.stockroom.id, 2, 8_188, 8_188, 0],
      [fx.users.lead.id, 1, 445, 445, 0],
      [fx.users.stockroom2.id, 1, 2_598, 0, 2_598],
    ])
    expect(report.byPerson[0]!.name).toBe('Mona ManagerA2')
  })

  it('top items by shrink', async () => {
    const report = await correctionReport({ ctx: ctx(fx.users.regional.id), input: { ...period, topItems: 4 } })
    expect(report.topItems.map(({ drill: _d, ...t }) => t)).toEqual([
      { itemId: 'it-tv', sku: 'SKU-0005', name: 'Television 55 inch', category: 'Electronics', units: 1, writeOffValue: 39_900, corrections: 1 },
      { itemId: 'it-drill', sku: 'SKU-0004', name: 'Cordless Drill 18 V', category: 'Tools', units: 1, writeOffValue: 6_900, corrections: 1 },
      { itemId: 'it-milk', sku: 'SKU-0001', name: 'Organic Whole Milk 1 L', category: 'Dairy', units: 15, writeOffValue: 1_335, corrections: 2 },
      { itemId: 'it-coffee', sku: 'SKU-0002', name: 'Espresso Beans 1 kg', category: 'Coffee', units: 1, writeOffValue: 1_299, corrections: 1 },
    ])
  })

  it('weekly trend, with every week of the period and its sales', async () => {
    const report = await correctionReport({ ctx: ctx(fx.users.regional.id), input: period })
    expect(report.weekly.map(({ drill: _d, ...w }) => w)).toEqual([
      { weekStart: '2026-10-05', from: '2026-10-05', to: '2026-10-11', corrections: 3, value: 10_786, writeOffValue: 8_188, foundValue: 2_598, netValue: -5_590, salesValue: 100_000, shrinkPct: 8.19 },
      { weekStart: '2026-10-12', from: '2026-10-12', to: '2026-10-18', corrections: 3, value: 41_843, writeOffValue: 41_644, foundValue: 199, netValue: -41_445, salesValue: 250_000, shrinkPct: 16.66 },
    ])
    // A period starting mid-week clips the first week's drill-down to the period.
    const mid = await correctionReport({ ctx: ctx(fx.users.regional.id), input: { from: '2026-10-07', to: '2026-10-13' } })
    expect(mid.weekly.map((w) => [w.weekStart, w.from, w.to, w.corrections])).toEqual([
      ['2026-10-05', '2026-10-07', '2026-10-11', 2],
      ['2026-10-12', '2026-10-12', '2026-10-13', 1],
    ])
  })

  it('count accuracy: variance before correction, from counts submitted in the period', async () => {
    const report = await correctionReport({ ctx: ctx(fx.users.regional.id), input: period })
    const { drill: _d, ...totals } = report.countAccuracy.totals
    expect(totals).toEqual({ counts: 2, linesCounted: 6, linesWithVariance: 2, accuracyPct: 66.67, varianceUnits: 3, varianceValue: 377, netVarianceValue: 21 })
    expect(report.countAccuracy.byStore.map((s) => [s.storeId, s.counts, s.accuracyPct])).toEqual([
      ['st-a1', 2, 66.67],
      ['st-a2', 0, null],
    ])
  })

  it('covers only the caller scope: a store manager their store, an auditor the chosen region', async () => {
    const mine = await correctionReport({ ctx: ctx(fx.users.manager.id), input: period })
    expect(mine.stores.map((s) => s.id)).toEqual(['st-a1'])
    expect(mine.totals).toMatchObject({ corrections: 4, writeOffValue: 8_633, salesValue: 150_000 })
    const b = await correctionReport({ ctx: ctx(fx.users.auditor.id), input: { ...period, regionId: 'rg-b' } })
    expect(b.totals).toMatchObject({ corrections: 1, value: 267, writeOffValue: 267, salesValue: 10_000, shrinkPct: 2.67 })
    await expect(correctionReport({ ctx: ctx(fx.users.manager.id), input: { ...period, storeIds: ['st-a2'] } })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(correctionReport({ ctx: ctx(fx.users.regional.id), input: { from: '2026-10-18', to: '2026-10-05' } })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' })
  })
})
