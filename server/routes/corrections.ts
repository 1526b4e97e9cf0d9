import { createRoute, z } from '@hono/zod-openapi'
import { CORRECTION_STATUSES, TIERS } from '../../db/schema/index'
import { cancelCorrection } from '../core/corrections/cancel-correction'
import { confirmCorrection } from '../core/corrections/confirm-correction'
import { enterCorrection } from '../core/corrections/enter-correction'
import { getCorrection, listCorrections, listDecidable, listReasonCodes } from '../core/corrections/queries'
import { rejectCorrection } from '../core/corrections/reject-correction'
import { CancelBody, ConfirmBody, CorrectionEntry, CORRECTION_LIST_STATUSES, RejectBody, TierPolicyBody } from '../core/corrections/schemas'
import { setTierPolicy } from '../core/corrections/set-tier-policy'
import { ctxOf } from '../http/app-env'
import { chainGuard, storeGuard } from '../http/guard'
import { markReplay } from '../http/idempotency'
import { createRouter, errors, jsonBody, jsonResponse, StoreParams } from '../http/openapi'

const CorrectionParams = StoreParams.extend({ id: z.string().min(1).max(64).openapi({ param: { name: 'id', in: 'path' } }) })

const Line = z.object({ lineNo: z.number(), locationId: z.string(), itemId: z.string(), quantityDelta: z.number(), unitCost: z.number(), value: z.number() })

const CorrectionFields = {
  id: z.string(),
  storeId: z.string(),
  status: z.enum(CORRECTION_STATUSES),
  source: z.string(),
  reasonCode: z.string(),
  note: z.string().nullable(),
  value: z.number().int().openapi({ description: 'Σ |delta| × unit cost, minor units' }),
  tierValue: z.number().int().openapi({ description: 'Value used for the tier: includes the enterer’s same-item corrections of the last 24 h' }),
  tier: z.enum(TIERS),
  countedBy: z.string().nullable().openapi({ description: 'The counter of record (most entries on the differing lines)' }),
  counters: z.array(z.string()).openapi({ description: 'Everyone who counted the stock (count entries of any round, transfer receipt scans): none of them may confirm or reject it' }),
  enteredBy: z.string(),
  enteredAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedRole: z.string().nullable(),
  decisionNote: z.string().nullable(),
  flaggedNegative: z.boolean(),
  version: z.number().int().openapi({ description: 'Send it back with confirm/reject/cancel: a changed correction answers 409' }),
}

const Summary = z.object({ ...CorrectionFields, lines: z.array(Line) }).openapi('CorrectionSummary')

const Verdict = z
  .union([z.object({ ok: z.literal(true) }), z.object({ ok: z.literal(false), code: z.string(), message: z.string() })])
  .openapi('ConfirmVerdict')

const ListFields = {
  ...CorrectionFields,
  storeCode: z.string(),
  storeName: z.string(),
  reasonLabel: z.object({ en: z.string(), de: z.string() }),
  enteredByName: z.string(),
  decidedByName: z.string().nullable(),
  lineCount: z.number(),
  itemNames: z.array(z.string()),
  ageMinutes: z.number(),
  effectiveTier: z.enum(TIERS).openapi({ description: 'The tier a decision needs now: the higher of `tier` (stored at entry) and the tier of the series valued together with it (F16)' }),
  series: z
    .object({ others: z.number().int(), value: z.number().int(), ids: z.array(z.string()) })
    .nullable()
    .openapi({ description: 'F16: the same enterer’s other pending or confirmed corrections in the store that share an item and were entered within 24 h before or after this pending one (null: valued alone, or decided)' }),
  canConfirm: Verdict,
}
const ListItem = z.object({ ...ListFields, overdue: z.boolean().optional() }).openapi('CorrectionListItem')

const Detail = z
  .object({
    ...ListFields,
    stepUp: z.object({ fresh: z.boolean(), validUntil: z.string().nullable() }).openapi({ description: 'Whether my own session may decide without a PIN right now' }),
    lines: z.array(
      z.object({
        lineNo: z.number(),
        locationId: z.string(),
        locationKind: z.string(),
        locationName: z.string(),
        itemId: z.string(),
        sku: z.string(),
        itemName: z.string(),
        quantityDelta: z.number(),
        unitCost: z.number(),
        value: z.number(),
      }),
    ),
    movements: z.array(
      z.object({
        id: z.number(),
        lineNo: z.number(),
        itemId: z.string(),
        quantity: z.number(),
        fromLocationId: z.string().nullable(),
        toLocationId: z.string().nullable(),
        counterparty: z.string().nullable(),
        at: z.string(),
      }),
    ),
    history: z.array(
      z.object({
        seq: z.number(),
        at: z.string(),
        action: z.string(),
        actorUserId: z.string().nullable(),
        actorName: z.string().nullable(),
        sessionUserName: z.string().nullable(),
        deviceId: z.string().nullable(),
        requestId: z.string().nullable(),
        before: z.unknown(),
        after: z.unknown(),
      }),
    ),
  })
  .openapi('CorrectionDetail')

const ReasonCodes = z.object({
  reasonCodes: z.array(z.object({ code: z.string(), label: z.object({ en: z.string(), de: z.string() }), requiresNote: z.boolean() })),
})

const TierPolicy = z
  .object({
    policy: z.object({
      id: z.string(),
      storeId: z.string().nullable(),
      scope: z.enum(['chain', 'store']),
      leadMax: z.number(),
      storeManagerMax: z.number(),
      allowNegativeStockroom: z.boolean(),
      recountUnits: z.number(),
      recountValue: z.number(),
      escalateAfterHours: z.number(),
      updatedBy: z.string().nullable(),
      updatedAt: z.string(),
    }),
  })
  .openapi('TierPolicy')

const Flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')
const ListQuery = z
  .object({ status: z.enum(CORRECTION_LIST_STATUSES).optional(), mine: Flag.optional(), limit: z.coerce.number().int().min(1).max(500).optional() })
  .strict()

/**
 * Four-eyes corrections. Entering and cancelling need an entering role (correction.report covers the
 * floor's damage reports; the core checks correction.enter for back-room entries). Decisions pass the
 * route with correction.read because the SESSION may be a stockroom tablet handed to a manager: who
 * decides is the person who proved their identity (PIN in the body, or a fresh step-up), and the core
 * authorizes that person inside the deciding transaction.
 */
export const correctionRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/stores/{storeId}/reason-codes',
      tags: ['corrections'],
      summary: 'Reason codes for corrections (damaged, expired, theft/shrink, found, miscount, supplier error, other + note)',
      middleware: [storeGuard('correction.report')] as const,
      request: { params: StoreParams },
      responses: { 200: jsonResponse(ReasonCodes), ...errors(401, 403, 404) },
    }),
    async (c) => c.json(await listReasonCodes(c.get('deps').db), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/stores/{storeId}/corrections',
      tags: ['corrections'],
      summary: 'Enter a correction (changes no stock until a second person confirms it); the client id makes retries safe',
      middleware: [storeGuard('correction.report')] as const,
      request: { params: StoreParams, body: jsonBody(CorrectionEntry) },
      responses: { 201: jsonResponse(Summary, 'Entered (or the same entry replayed)'), ...errors(400, 401, 403, 404, 409, 415, 422) },
    }),
    async (c) => {
      const result = await enterCorrection({ ctx: ctxOf(c), input: { ...c.req.valid('json'), storeId: c.get('store').id } })
      markReplay(c, result.replayed)
      return c.json(result.body, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/stores/{storeId}/corrections',
      tags: ['corrections'],
      summary: "A store's corrections, newest first (filter by status, or mine=true for the ones I entered)",
      middleware: [storeGuard('correction.read')] as const,
      request: { params: StoreParams, query: ListQuery },
      responses: { 200: jsonResponse(z.object({ corrections: z.array(ListItem) })), ...errors(400, 401, 403, 404) },
    }),
    async (c) => c.json(await listCorrections({ ctx: ctxOf(c), input: { ...c.req.valid('query'), storeId: c.get('store').id } }), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/stores/{storeId}/corrections/{id}',
      tags: ['corrections'],
      summary: 'One correction: lines, values, movements, audit history, and whether I may release it',
      middleware: [storeGuard('correction.read')] as const,
      request: { params: CorrectionParams },
      responses: { 200: jsonResponse(Detail), ...errors(401, 403, 404) },
    }),
    async (c) => c.json(await getCorrection({ ctx: ctxOf(c), input: { storeId: c.get('store').id, id: c.req.valid('param').id } }), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/stores/{storeId}/corrections/{id}/cancel',
      tags: ['corrections'],
      summary: 'Withdraw my own pending correction (optionally with the version I saw and a reason)',
      description: 'Only corrections a person entered (backroom, floor report). A count or transfer difference answers 409 NOT_CANCELLABLE: a second person confirms or rejects it.',
      middleware: [storeGuard('correction.report')] as const,
      request: { params: CorrectionParams, body: { required: false, content: { 'application/json': { schema: CancelBody } } } },
      responses: { 200: jsonResponse(Summary), ...errors(400, 401, 403, 404, 409, 415) },
    }),
    async (c) => {
      const body = (c.req.valid('json') as z.infer<typeof CancelBody> | undefined) ?? {}
      return c.json(await cancelCorrection({ ctx: ctxOf(c), input: { ...body, storeId: c.get('store').id, id: c.req.valid('param').id } }), 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/stores/{storeId}/corrections/{id}/confirm',
      tags: ['corrections'],
      summary: 'Release a correction: posts its movements once. Needs fresh credentials (PIN in the body, or a step-up in the last minute)',
      middleware: [storeGuard('correction.read')] as const,
      request: { params: CorrectionParams, body: jsonBody(ConfirmBody) },
      responses: { 200: jsonResponse(Summary), ...errors(400, 401, 403, 404, 409, 415, 422, 423) },
    }),
    async (c) =>
      c.json(await confirmCorrection({ ctx: ctxOf(c), input: { ...c.req.valid('json'), storeId: c.get('store').id, id: c.req.valid('param').id } }), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/stores/{storeId}/corrections/{id}/reject',
      tags: ['corrections'],
      summary: 'Reject a correction with a reason (same people and proof as confirming)',
      middleware: [storeGuard('correction.read')] as const,
      request: { params: CorrectionParams, body: jsonBody(RejectBody) },
      responses: { 200: jsonResponse(Summary), ...errors(400, 401, 403, 404, 409, 415, 423) },
    }),
    async (c) =>
      c.json(await rejectCorrection({ ctx: ctxOf(c), input: { ...c.req.valid('json'), storeId: c.get('store').id, id: c.req.valid('param').id } }), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/corrections/pending',
      tags: ['corrections'],
      summary: 'Pending corrections in all my stores that I may release, oldest first',
      middleware: [chainGuard('correction.decide')] as const,
      responses: { 200: jsonResponse(z.object({ corrections: z.array(ListItem) })), ...errors(401, 403) },
    }),
    async (c) => c.json(await listDecidable({ ctx: ctxOf(c) }), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/stores/{storeId}/tier-policy',
      tags: ['corrections'],
      summary: "Set one store's approval thresholds (overrides the chain's); administrators only",
      middleware: [storeGuard('policy.manage')] as const,
      request: { params: StoreParams, body: jsonBody(TierPolicyBody) },
      responses: { 200: jsonResponse(TierPolicy), ...errors(400, 401, 403, 404, 415) },
    }),
    async (c) => c.json(await setTierPolicy({ ctx: ctxOf(c), input: { ...c.req.valid('json'), storeId: c.get('store').id } }), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/tier-policy',
      tags: ['corrections'],
      summary: "Set the chain's default approval thresholds; administrators only",
      middleware: [chainGuard('policy.manage')] as const,
      request: { body: jsonBody(TierPolicyBody) },
      responses: { 200: jsonResponse(TierPolicy), ...errors(400, 401, 403, 415) },
    }),
    async (c) => c.json(await setTierPolicy({ ctx: ctxOf(c), input: { ...c.req.valid('json'), storeId: null } }), 200),
  )
