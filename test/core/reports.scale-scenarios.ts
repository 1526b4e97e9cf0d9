import type { Ctx } from '../../server/core/context'
import { findAnomalies } from '../../server/core/anomalies/find-anomalies'
import { buildEvidence, evidenceCsv } from '../../server/core/evidence/build-evidence'
import { correctionReport } from '../../server/core/reports/correction-report'
import { listReviewCorrections } from '../../server/core/review/list-corrections'

const day = (now: Date, minus: number) => new Date(now.getTime() - minus * 86_400_000).toISOString().slice(0, 10)

export type Scenario = { name: string; employeeNo: string; run: (ctx: Ctx, now: Date) => Promise<string> }

const REGIONAL = 'E2001'
const AUDITOR = 'E9002'
const MANAGER = 'E1004'

export const scenarios: Scenario[] = [
  {
    name: 'queue: region, pending, oldest first, 50',
    employeeNo: REGIONAL,
    run: async (ctx) => `${(await listReviewCorrections({ ctx, input: { status: 'pending', sort: 'oldest', limit: 50 } })).corrections.length} rows`,
  },
  {
    name: 'queue: region, all statuses, newest first, 50',
    employeeNo: REGIONAL,
    run: async (ctx) => `${(await listReviewCorrections({ ctx, input: { sort: 'newest', limit: 50 } })).corrections.length} rows`,
  },
  {
    name: 'queue: chain (auditor), all, newest first, 50',
    employeeNo: AUDITOR,
    run: async (ctx) => `${(await listReviewCorrections({ ctx, input: { sort: 'newest', limit: 50 } })).corrections.length} rows`,
  },
  {
    name: 'queue: chain (auditor), all, by value, 50',
    employeeNo: AUDITOR,
    run: async (ctx) => `${(await listReviewCorrections({ ctx, input: { sort: 'value_desc', limit: 50 } })).corrections.length} rows`,
  },
  {
    name: 'queue: region, overdue only',
    employeeNo: REGIONAL,
    run: async (ctx) => `${(await listReviewCorrections({ ctx, input: { overdue: true, limit: 50 } })).corrections.length} rows`,
  },
  {
    name: 'queue: region drill (confirmed, reason, 1 month)',
    employeeNo: REGIONAL,
    run: async (ctx, now) =>
      `${(await listReviewCorrections({ ctx, input: { status: 'confirmed', reason: 'damaged', decidedFrom: day(now, 30), decidedTo: day(now, 1), sort: 'newest' } })).corrections.length} rows`,
  },
  {
    name: 'queue: region drill (item write-offs, 1 month)',
    employeeNo: REGIONAL,
    run: async (ctx, now) => {
      const item = (await ctx.db.all<{ id: string }>((await import('drizzle-orm')).sql`SELECT id FROM items ORDER BY id LIMIT 1`))[0]!.id
      return `${(await listReviewCorrections({ ctx, input: { status: 'confirmed', itemId: item, writeOff: true, decidedFrom: day(now, 30), decidedTo: day(now, 1) } })).corrections.length} rows`
    },
  },
  {
    name: 'report: one store, 1 month',
    employeeNo: MANAGER,
    run: async (ctx, now) => `${(await correctionReport({ ctx, input: { from: day(now, 30), to: day(now, 1) } })).totals.corrections} corrections`,
  },
  {
    name: 'report: region, 1 month',
    employeeNo: REGIONAL,
    run: async (ctx, now) => `${(await correctionReport({ ctx, input: { from: day(now, 30), to: day(now, 1) } })).totals.corrections} corrections`,
  },
  {
    name: 'report: region, 1 quarter',
    employeeNo: REGIONAL,
    run: async (ctx, now) => `${(await correctionReport({ ctx, input: { from: day(now, 91), to: day(now, 1) } })).totals.corrections} corrections`,
  },
  {
    name: 'report: region, 1 year',
    employeeNo: REGIONAL,
    run: async (ctx, now) => `${(await correctionReport({ ctx, input: { from: day(now, 365), to: day(now, 1) } })).totals.corrections} corrections`,
  },
  {
    name: 'report: chain (auditor), 1 month',
    employeeNo: AUDITOR,
    run: async (ctx, now) => `${(await correctionReport({ ctx, input: { from: day(now, 30), to: day(now, 1) } })).totals.corrections} corrections`,
  },
  {
    name: 'report: chain (auditor), 1 year',
    employeeNo: AUDITOR,
    run: async (ctx, now) => `${(await correctionReport({ ctx, input: { from: day(now, 365), to: day(now, 1) } })).totals.corrections} corrections`,
  },
  {
    name: 'anomalies: one store, 1 month',
    employeeNo: MANAGER,
    run: async (ctx, now) => `${(await findAnomalies({ ctx, input: { from: day(now, 30), to: day(now, 1) } })).anomalies.length} findings`,
  },
  {
    name: 'anomalies: region, 1 month',
    employeeNo: REGIONAL,
    run: async (ctx, now) => `${(await findAnomalies({ ctx, input: { from: day(now, 30), to: day(now, 1) } })).anomalies.length} findings`,
  },
  {
    name: 'evidence JSON/HTML: region, 1 month',
    employeeNo: REGIONAL,
    run: async (ctx, now) => `${(await buildEvidence({ ctx, input: { from: day(now, 30), to: day(now, 1) } })).corrections} rows`,
  },
  {
    name: 'evidence CSV (streamed): region, 1 quarter',
    employeeNo: REGIONAL,
    run: async (ctx, now) => {
      const { lines } = await evidenceCsv({ ctx, input: { from: day(now, 91), to: day(now, 1) } })
      let bytes = 0
      for await (const chunk of lines) bytes += chunk.length
      return `${(bytes / 1e6).toFixed(1)} MB`
    },
  },
]
