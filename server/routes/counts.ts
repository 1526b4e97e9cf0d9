import { createRoute, z } from '@hono/zod-openapi'
import { createCount } from '../core/counts/create-count'
import { flaggedItems } from '../core/counts/flagged'
import { countSheet, findCount, listCounts } from '../core/counts/queries'
import { recordEntry } from '../core/counts/record-entry'
import { reviewCount } from '../core/counts/review-count'
import { CancelCountInput, CreateCountInput, EntryInput, ListCountsQuery, SheetQuery, SubmitCountInput } from '../core/counts/schemas'
import { cancelCount, submitCount } from '../core/counts/submit-count'
import { notFound } from '../core/errors'
import { ctxOf } from '../http/app-env'
import { storeGuard } from '../http/guard'
import { markReplay } from '../http/idempotency'
import { createRouter, errors, jsonBody, jsonResponse, StoreParams } from '../http/openapi'

// Counter-facing shapes (Count, CountSheet, CountEntry) carry no expected quantity, balance or variance.
const Count = z
  .object({
    id: z.string(),
    storeId: z.string(),
    kind: z.enum(['cycle', 'location', 'flagged', 'full']),
    status: z.enum(['open', 'recount', 'submitted', 'cancelled']),
    location: z.object({ id: z.string(), kind: z.string(), name: z.string() }).nullable(),
    note: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
    submittedBy: z.string().nullable(),
    submittedAt: z.string().nullable(),
    correctionId: z.string().nullable(),
    version: z.number(),
    progress: z.object({ lines: z.number(), counted: z.number(), recount: z.number() }),
  })
  .openapi('Count')
const CountOnly = z.object({ count: Count })

const FlagReason = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('count_flag'), flag: z.string(), flaggedAt: z.string().nullable() }),
    z.object({ kind: z.literal('high_shrink'), writeOffUnits: z.number(), writeOffValue: z.number(), days: z.number(), since: z.string() }),
  ])
  .openapi('CountFlagReason')
const FlaggedItem = z
  .object({ item: z.object({ id: z.string(), sku: z.string(), name: z.string(), category: z.string() }), reasons: z.array(FlagReason) })
  .openapi('FlaggedItem')
/** The answer to opening a count; a flagged count also says why each of its items was flagged. */
const CountCreated = CountOnly.extend({ flagged: z.array(FlaggedItem).optional() }).openapi('CountCreated')

const SheetLine = z
  .object({
    locationId: z.string(),
    locationKind: z.string(),
    locationName: z.string(),
    item: z.object({ id: z.string(), sku: z.string(), name: z.string(), category: z.string(), uom: z.string(), barcodes: z.array(z.string()) }),
    round: z.number(),
    recount: z.boolean(),
    myEntered: z.number(),
  })
  .openapi('CountSheetLine')

const Entry = z
  .object({ id: z.string(), countId: z.string(), locationId: z.string(), itemId: z.string(), round: z.number(), quantity: z.number(), device: z.string().nullable(), at: z.string() })
  .openapi('CountEntry')

const ReviewLine = z
  .object({
    locationId: z.string(),
    locationKind: z.string(),
    item: z.object({ id: z.string(), sku: z.string(), name: z.string(), category: z.string(), unitCost: z.number() }),
    round: z.number(),
    expectedAtStart: z.number(),
    movedSinceStart: z.number(),
    expected: z.number(),
    counted: z.number().nullable(),
    variance: z.number().nullable(),
    varianceValue: z.number().nullable(),
    needsRecount: z.boolean(),
    counters: z.array(z.object({ id: z.string(), name: z.string(), round: z.number() })),
  })
  .openapi('CountReviewLine')

const Review = z
  .object({
    count: Count,
    lines: z.array(ReviewLine),
    totals: z.object({ lines: z.number(), counted: z.number(), withVariance: z.number(), varianceUnits: z.number(), varianceValue: z.number() }),
    policy: z.object({ recountUnits: z.number(), recountValue: z.number() }),
  })
  .openapi('CountReview')

const Submitted = z
  .object({
    outcome: z.enum(['recount', 'submitted']),
    count: Count,
    recount: z.array(z.object({ locationId: z.string(), itemId: z.string(), sku: z.string(), name: z.string() })),
    correctionId: z.string().nullable(),
  })
  .openapi('CountSubmitted')

const CountParams = StoreParams.extend({ countId: z.string().min(1).max(64).openapi({ param: { name: 'countId', in: 'path' } }) })

export const countRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/stores/{storeId}/counts',
      tags: ['counts'],
      summary: 'Open a count (cycle: chosen items in a location; location; flagged items; full stocktake)',
      middleware: [storeGuard('count.manage')] as const,
      request: { params: StoreParams, body: jsonBody(CreateCountInput) },
      responses: { 201: jsonResponse(CountCreated, 'Created'), 200: jsonResponse(CountCreated, 'Replayed'), ...errors(400, 401, 403, 404, 409, 415, 422) },
    }),
    async (c) => {
      const { replayed, ...body } = await createCount({ ctx: ctxOf(c), store: c.get('store'), input: c.req.valid('json') })
      markReplay(c, replayed)
      return replayed ? c.json(body, 200) : c.json(body, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/stores/{storeId}/counts/flagged-items',
      tags: ['counts'],
      summary: 'What a flagged count would cover now, with the reason each item is flagged for (count flag, high shrink)',
      middleware: [storeGuard('count.manage')] as const,
      request: { params: StoreParams },
      responses: {
        200: jsonResponse(z.object({ items: z.array(FlaggedItem), shrinkPolicy: z.object({ days: z.number(), units: z.number(), value: z.number() }) })),
        ...errors(401, 403, 404),
      },
    }),
    async (c) => {
      const { db, clock, config } = c.get('deps')
      return c.json({ items: await flaggedItems(db, c.get('store').id, clock.now(), config.shrinkFlag), shrinkPolicy: config.shrinkFlag }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/stores/{storeId}/counts',
      tags: ['counts'],
      summary: 'Counts of the store with their progress (blind: no expected quantities)',
      middleware: [storeGuard('count.read')] as const,
      request: { params: StoreParams, query: ListCountsQuery },
      responses: { 200: jsonResponse(z.object({ counts: z.array(Count) })), ...errors(400, 401, 403, 404) },
    }),
    async (c) => c.json({ counts: await listCounts(c.get('deps').db, c.get('store').id, c.req.valid('query')) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/stores/{storeId}/counts/{countId}',
      tags: ['counts'],
      summary: 'One count and its progress (blind)',
      middleware: [storeGuard('count.read')] as const,
      request: { params: CountParams },
      responses: { 200: jsonResponse(CountOnly), ...errors(401, 403, 404) },
    }),
    async (c) => {
      const count = await findCount(c.get('deps').db, c.get('store').id, c.req.valid('param').countId)
      if (!count) throw notFound('Count')
      return c.json({ count }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/stores/{storeId}/counts/{countId}/sheet',
      tags: ['counts'],
      summary: 'The blind count sheet: what to count where, and what you entered yourself — never what is expected',
      middleware: [storeGuard('count.enter')] as const,
      request: { params: CountParams, query: SheetQuery },
      responses: { 200: jsonResponse(z.object({ count: Count, lines: z.array(SheetLine), total: z.number() })), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const count = await findCount(c.get('deps').db, c.get('store').id, c.req.valid('param').countId)
      if (!count) throw notFound('Count')
      return c.json(await countSheet(c.get('deps').db, count, c.get('auth')?.userId ?? null, c.req.valid('query')), 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/stores/{storeId}/counts/{countId}/entries',
      tags: ['counts'],
      summary: 'Enter what you counted (adds up across devices; a negative entry corrects your own total of the line, never below 0 → 409 BELOW_ZERO; the entry id makes retries count once)',
      middleware: [storeGuard('count.enter')] as const,
      request: { params: CountParams, body: jsonBody(EntryInput) },
      responses: { 201: jsonResponse(z.object({ entry: Entry }), 'Entered'), 200: jsonResponse(z.object({ entry: Entry }), 'Replayed'), ...errors(400, 401, 403, 404, 409, 415, 422) },
    }),
    async (c) => {
      const { replayed, entry } = await recordEntry({ ctx: ctxOf(c), store: c.get('store'), countId: c.req.valid('param').countId, input: c.req.valid('json') })
      markReplay(c, replayed)
      return replayed ? c.json({ entry }, 200) : c.json({ entry }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/stores/{storeId}/counts/{countId}/review',
      tags: ['counts'],
      summary: 'Variances as of counting time (reviewers only; refused to anyone who counted, and recorded)',
      middleware: [storeGuard('count.review')] as const,
      request: { params: CountParams },
      responses: { 200: jsonResponse(Review), ...errors(401, 403, 404) },
    }),
    async (c) => c.json(await reviewCount({ ctx: ctxOf(c), store: c.get('store'), countId: c.req.valid('param').countId }), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/stores/{storeId}/counts/{countId}/submit',
      tags: ['counts'],
      summary: 'Submit: large variances go to a recount first; then one pending correction with the variances (none if all match)',
      middleware: [storeGuard('count.manage')] as const,
      request: { params: CountParams, body: jsonBody(SubmitCountInput) },
      responses: { 200: jsonResponse(Submitted), ...errors(400, 401, 403, 404, 409, 415) },
    }),
    async (c) => {
      const { replayed, ...body } = await submitCount({ ctx: ctxOf(c), store: c.get('store'), countId: c.req.valid('param').countId, input: c.req.valid('json') })
      markReplay(c, replayed)
      return c.json(body, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/stores/{storeId}/counts/{countId}/cancel',
      tags: ['counts'],
      summary: 'Abandon a count that is not submitted',
      middleware: [storeGuard('count.manage')] as const,
      request: { params: CountParams, body: jsonBody(CancelCountInput) },
      responses: { 200: jsonResponse(CountOnly), ...errors(400, 401, 403, 404, 409, 415) },
    }),
    async (c) => {
      const { replayed, count } = await cancelCount({ ctx: ctxOf(c), store: c.get('store'), countId: c.req.valid('param').countId, input: c.req.valid('json') })
      markReplay(c, replayed)
      return c.json({ count }, 200)
    },
  )
