import { createRoute, z } from '@hono/zod-openapi'
import { escalateCorrection } from '../core/review/escalate-correction'
import { listReviewCorrections } from '../core/review/list-corrections'
import { EscalateInput, ReviewQuery } from '../core/review/schemas'
import { ctxOf } from '../http/app-env'
import { chainGuard } from '../http/guard'
import { createRouter, errors, jsonBody, jsonResponse } from '../http/openapi'

const Person = z.object({ id: z.string(), name: z.string() })

const Series = z
  .object({
    others: z.number().int().openapi({ description: 'Other corrections valued together with this one' }),
    value: z.number().int().openapi({ description: 'This correction’s value plus theirs, minor units' }),
    ids: z.array(z.string()),
  })
  .openapi('CorrectionSeries', {
    description: 'F16: the same enterer’s other pending or confirmed corrections in the store that share an item and were entered within 24 h before or after this pending one',
  })

const ReviewRow = z
  .object({
    id: z.string(),
    storeId: z.string(),
    storeCode: z.string(),
    storeName: z.string(),
    regionId: z.string(),
    status: z.string(),
    source: z.string(),
    reasonCode: z.string(),
    note: z.string().nullable(),
    value: z.number().int(),
    tierValue: z.number().int(),
    tier: z.string().openapi({ description: 'The tier stored at entry' }),
    effectiveTier: z.string().openapi({ description: 'The tier a decision needs now: the higher of `tier` and the tier of the series valued together with it (F16)' }),
    series: Series.nullable(),
    lineCount: z.number().int(),
    itemNames: z.array(z.string()).openapi({ description: 'Names of the first three items (by line), for a one-line summary; lineCount says how many lines there are' }),
    enteredBy: Person,
    enteredAt: z.string(),
    countedBy: z.string().nullable(),
    counters: z.array(z.string()),
    decidedBy: Person.nullable(),
    decidedAt: z.string().nullable(),
    decidedRole: z.string().nullable(),
    decisionNote: z.string().nullable(),
    version: z.number().int(),
    ageHours: z.number().int(),
    overdue: z.boolean(),
    escalatedAt: z.string().nullable(),
    mayDecide: z.boolean(),
  })
  .openapi('ReviewRow')

const CorrectionParams = z.object({ id: z.string().min(1).max(64).openapi({ param: { name: 'id', in: 'path' } }) })

export const reviewRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/review/corrections',
      tags: ['review'],
      summary: 'Corrections across the stores in my scope, filtered, sorted and paged (keyset cursor)',
      description: 'Decisions are made one by one through the corrections routes (with step-up); this list only shows which ones I may decide.',
      middleware: [chainGuard('correction.read')] as const,
      request: { query: ReviewQuery },
      responses: {
        200: jsonResponse(
          z.object({
            corrections: z.array(ReviewRow),
            nextCursor: z.string().nullable(),
            /** Set when no period was given: history is limited to the corrections entered since this day. */
            window: z.object({ enteredFrom: z.string() }).nullable(),
          }),
        ),
        ...errors(400, 401, 403, 404),
      },
    }),
    async (c) => c.json(await listReviewCorrections({ ctx: ctxOf(c), input: c.req.valid('query') }), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/review/corrections/{id}/escalate',
      tags: ['review'],
      summary: 'Escalate a pending correction to the region (recorded in the audit trail)',
      middleware: [chainGuard('correction.decide')] as const,
      request: { params: CorrectionParams, body: jsonBody(EscalateInput) },
      responses: {
        200: jsonResponse(z.object({ id: z.string(), escalatedAt: z.string(), auditSeq: z.number().int() })),
        ...errors(400, 401, 403, 404, 409, 415),
      },
    }),
    async (c) => {
      const input = { correctionId: c.req.valid('param').id, note: c.req.valid('json').note }
      return c.json(await escalateCorrection({ ctx: ctxOf(c), input }), 200)
    },
  )
