import { createRoute, z } from '@hono/zod-openapi'
import { AnomalyQuery, findAnomalies } from '../core/anomalies/find-anomalies'
import { ANOMALY_KINDS } from '../core/anomalies/detectors'
import { correctionReport } from '../core/reports/correction-report'
import { ReportQuery } from '../core/reports/schemas'
import { ctxOf } from '../http/app-env'
import { chainGuard } from '../http/guard'
import { createRouter, errors, jsonResponse } from '../http/openapi'

/** Query parameters for GET /review/corrections listing the corrections behind a figure. */
const Drill = z.record(z.string(), z.string()).openapi('Drill')
const figures = {
  corrections: z.number().int(),
  value: z.number().int(),
  writeOffValue: z.number().int(),
  foundValue: z.number().int(),
  netValue: z.number().int(),
  drill: Drill,
}
const Shrink = { salesValue: z.number().int(), shrinkPct: z.number().nullable() }
const Accuracy = {
  counts: z.number().int(),
  linesCounted: z.number().int(),
  linesWithVariance: z.number().int(),
  accuracyPct: z.number().nullable(),
  varianceUnits: z.number().int(),
  varianceValue: z.number().int(),
  netVarianceValue: z.number().int(),
  drill: Drill,
}

const CorrectionReport = z
  .object({
    period: z.object({ from: z.string(), to: z.string(), days: z.number().int() }),
    stores: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), regionId: z.string() })),
    totals: z.object({ ...figures, ...Shrink }),
    byStore: z.array(z.object({ storeId: z.string(), code: z.string(), name: z.string(), ...figures, ...Shrink })),
    byReason: z.array(z.object({ reason: z.string(), labelEn: z.string(), labelDe: z.string(), ...figures })),
    byCategory: z.array(z.object({ category: z.string(), ...figures })),
    byPerson: z.array(z.object({ userId: z.string(), name: z.string(), ...figures })),
    topItems: z.array(
      z.object({ itemId: z.string(), sku: z.string(), name: z.string(), category: z.string(), units: z.number().int(), writeOffValue: z.number().int(), corrections: z.number().int(), drill: Drill }),
    ),
    countAccuracy: z.object({
      totals: z.object(Accuracy),
      byStore: z.array(z.object({ storeId: z.string(), code: z.string(), name: z.string(), ...Accuracy })),
    }),
    weekly: z.array(z.object({ weekStart: z.string(), from: z.string(), to: z.string(), ...figures, ...Shrink })),
  })
  .openapi('CorrectionReport')

const Anomalies = z
  .object({
    period: z.object({ from: z.string(), to: z.string(), days: z.number().int() }),
    thresholds: z.record(z.string(), z.number()).openapi({ description: 'Every threshold in force for this answer' }),
    thresholdSources: z
      .record(z.string(), z.enum(['default', 'chain', 'request']))
      .openapi({ description: "Where each threshold came from: the built-in default, the chain's stored value (GET /admin/anomaly-thresholds), or this request's query parameter" }),
    anomalies: z.array(
      z.object({
        kind: z.enum(ANOMALY_KINDS),
        storeId: z.string(),
        storeCode: z.string(),
        storeName: z.string(),
        userIds: z.array(z.string()),
        people: z.array(z.object({ id: z.string(), name: z.string() })),
        itemId: z.string().nullable(),
        itemName: z.string().nullable(),
        /** In English, for API users; the web client words it from `kind` and `metrics` in the UI language. */
        explanation: z.string(),
        correctionIds: z.array(z.string()),
        correctionCount: z.number().int(),
        metrics: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
        drill: Drill,
      }),
    ),
  })
  .openapi('Anomalies')

export const reportRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/reports/corrections',
      tags: ['reports'],
      summary: 'Released corrections of a period by reason, store, category and person; shrink vs sales; count accuracy; top items; weekly trend',
      description: 'Every bucket carries `drill`: the query parameters for GET /review/corrections that list the corrections behind it.',
      middleware: [chainGuard('report.read')] as const,
      request: { query: ReportQuery },
      responses: { 200: jsonResponse(CorrectionReport), ...errors(400, 401, 403, 404) },
    }),
    async (c) => c.json(await correctionReport({ ctx: ctxOf(c), input: c.req.valid('query') }), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/reports/anomalies',
      tags: ['reports'],
      summary: 'Patterns worth a look (same pair, just under a limit, repeated write-offs, after an own count, outside hours, store shrink), each explained',
      description:
        "The chain's stored thresholds apply (PUT /admin/anomaly-thresholds), else the defaults; each may be overridden for this request by a query parameter of the same name (see docs/review.md). `thresholdSources` says which applied.",
      middleware: [chainGuard('report.read')] as const,
      request: { query: AnomalyQuery },
      responses: { 200: jsonResponse(Anomalies), ...errors(400, 401, 403, 404) },
    }),
    async (c) => c.json(await findAnomalies({ ctx: ctxOf(c), input: c.req.valid('query') }), 200),
  )
