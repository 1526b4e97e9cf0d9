import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { notFound } from '../core/errors'
import { cancelRequest } from '../core/replenishment/cancel-request'
import { cannotFill } from '../core/replenishment/cannot-fill'
import { completePick } from '../core/replenishment/complete-pick'
import { createRuleRequests } from '../core/replenishment/create-rule-requests'
import { findRequest, listRequests, pickList, suggestions } from '../core/replenishment/queries'
import { requestRefill } from '../core/replenishment/request-refill'
import { CannotFillInput, CompletePickInput, ListRequestsQuery, RequestRefillInput, StartPickingInput, CancelRequestInput } from '../core/replenishment/schemas'
import { startPicking } from '../core/replenishment/start-picking'
import { viewerFrom } from '../core/items/blind-count'
import { ctxOf, type AppEnv } from '../http/app-env'
import { requireAuth, storeGuard } from '../http/guard'
import { markReplay } from '../http/idempotency'
import { createRouter, errors, jsonBody, jsonResponse, StoreParams } from '../http/openapi'

const ItemBrief = z.object({ id: z.string(), sku: z.string(), name: z.string(), category: z.string() })
const Person = z.object({ id: z.string(), name: z.string() }).nullable()

const Request = z
  .object({
    id: z.string(),
    storeId: z.string(),
    item: ItemBrief,
    requestedQty: z.number().nullable(),
    note: z.string().nullable(),
    source: z.enum(['clerk', 'rule']),
    status: z.enum(['open', 'picking', 'done', 'cannot_fill', 'cancelled']),
    requestedBy: Person,
    requestedAt: z.string(),
    pickedQty: z.number().nullable(),
    pickedBy: Person,
    pickedAt: z.string().nullable(),
    cannotFillReason: z.string().nullable(),
    version: z.number(),
    /** null while the item is on an open count you count blind (then blindCount is true). */
    stock: z.object({ floor: z.number(), stockroom: z.number() }).nullable(),
    blindCount: z.boolean(),
  })
  .openapi('ReplenishmentRequest')

const RequestOnly = z.object({ request: Request })
const Created = z.object({ request: Request, stockroomAvailable: z.number().nullable() }).openapi('RefillRequested')
const PickLine = Request.extend({ toPick: z.number().nullable() }).openapi('PickLine')
const Suggestion = z
  .object({
    item: ItemBrief,
    floor: z.number().nullable(),
    stockroom: z.number().nullable(),
    shelfMin: z.number(),
    shelfTarget: z.number(),
    suggestedQty: z.number().nullable(),
    activeRequestId: z.string().nullable(),
    blindCount: z.boolean(),
  })
  .openapi('RefillSuggestion')

/** Who reads: blind counts hide figures from the same people as in the item look-up. */
const viewer = (c: Context<AppEnv>) => {
  const auth = requireAuth(c.get('auth'))
  return viewerFrom(auth.grants, c.get('store'), auth.userId)
}

const RequestParams = StoreParams.extend({ requestId: z.string().min(1).max(64).openapi({ param: { name: 'requestId', in: 'path' } }) })

/** A state change on one request: the path names it, the body carries what the step needs. */
const step = (path: string, summary: string, action: 'replenishment.pick' | 'replenishment.request', body: z.ZodType) =>
  createRoute({
    method: 'post',
    path: `/stores/{storeId}/replenishment/requests/{requestId}/${path}`,
    tags: ['replenishment'],
    summary,
    middleware: [storeGuard(action)] as const,
    request: { params: RequestParams, body: jsonBody(body) },
    responses: { 200: jsonResponse(RequestOnly), ...errors(400, 401, 403, 404, 409, 415, 422) },
  })

export const replenishmentRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/stores/{storeId}/replenishment/requests',
      tags: ['replenishment'],
      summary: 'Ask the back room for a refill (says at once if the stockroom has none); the client id makes retries safe',
      middleware: [storeGuard('replenishment.request')] as const,
      request: { params: StoreParams, body: jsonBody(RequestRefillInput) },
      responses: { 201: jsonResponse(Created, 'Requested'), 200: jsonResponse(Created, 'Replayed'), ...errors(400, 401, 403, 404, 409, 415, 422) },
    }),
    async (c) => {
      const { replayed, ...body } = await requestRefill({ ctx: ctxOf(c), store: c.get('store'), input: c.req.valid('json') })
      markReplay(c, replayed)
      return replayed ? c.json(body, 200) : c.json(body, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/stores/{storeId}/replenishment/requests',
      tags: ['replenishment'],
      summary: 'Refill requests of the store, newest first (mine=true: the floor’s "my requests"; status=active: open + picking)',
      middleware: [storeGuard('replenishment.read')] as const,
      request: { params: StoreParams, query: ListRequestsQuery },
      responses: { 200: jsonResponse(z.object({ requests: z.array(Request) })), ...errors(400, 401, 403, 404) },
    }),
    async (c) => c.json({ requests: await listRequests(c.get('deps').db, c.get('store').id, c.req.valid('query'), viewer(c)) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/stores/{storeId}/replenishment/requests/{requestId}',
      tags: ['replenishment'],
      summary: 'One refill request and its state',
      middleware: [storeGuard('replenishment.read')] as const,
      request: { params: RequestParams },
      responses: { 200: jsonResponse(RequestOnly), ...errors(401, 403, 404) },
    }),
    async (c) => {
      const request = await findRequest(c.get('deps').db, c.get('store').id, c.req.valid('param').requestId, viewer(c))
      if (!request) throw notFound('Replenishment request')
      return c.json({ request }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/stores/{storeId}/replenishment/pick-list',
      tags: ['replenishment'],
      summary: 'The back room’s pick list: open and picking requests in stockroom order (category, then name)',
      middleware: [storeGuard('replenishment.pick')] as const,
      request: { params: StoreParams },
      responses: { 200: jsonResponse(z.object({ lines: z.array(PickLine) })), ...errors(401, 403, 404) },
    }),
    async (c) => c.json({ lines: await pickList(c.get('deps').db, c.get('store').id, viewer(c)) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/stores/{storeId}/replenishment/suggestions',
      tags: ['replenishment'],
      summary: 'Items whose floor stock is below the shelf minimum',
      middleware: [storeGuard('replenishment.read')] as const,
      request: { params: StoreParams },
      responses: { 200: jsonResponse(z.object({ suggestions: z.array(Suggestion) })), ...errors(401, 403, 404) },
    }),
    async (c) => c.json({ suggestions: await suggestions(c.get('deps').db, c.get('store').id, viewer(c)) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/stores/{storeId}/replenishment/suggestions/requests',
      tags: ['replenishment'],
      summary: 'Create rule requests for the suggestions (never a second active request for an item)',
      middleware: [storeGuard('replenishment.request')] as const,
      request: { params: StoreParams, body: jsonBody(z.object({}).strict()) },
      responses: { 200: jsonResponse(z.object({ created: z.array(z.string()), skippedNoStock: z.array(z.string()) })), ...errors(400, 401, 403, 404, 415) },
    }),
    async (c) => c.json(await createRuleRequests({ ctx: ctxOf(c), store: c.get('store') }), 200),
  )
  .openapi(step('picking', 'Take a request: the floor sees it as picking', 'replenishment.pick', StartPickingInput), async (c) => {
    const { replayed, ...body } = await startPicking({ ctx: ctxOf(c), store: c.get('store'), requestId: c.req.valid('param').requestId, input: c.req.valid('json') })
    markReplay(c, replayed)
    return c.json(body, 200)
  })
  .openapi(step('done', 'Picked (all or part): posts a replenish movement stockroom → floor', 'replenishment.pick', CompletePickInput), async (c) => {
    const { replayed, ...body } = await completePick({ ctx: ctxOf(c), store: c.get('store'), requestId: c.req.valid('param').requestId, input: c.req.valid('json') })
    markReplay(c, replayed)
    return c.json(body, 200)
  })
  .openapi(step('cannot-fill', 'Cannot fill the request, with a reason the floor sees', 'replenishment.pick', CannotFillInput), async (c) => {
    const { replayed, ...body } = await cannotFill({ ctx: ctxOf(c), store: c.get('store'), requestId: c.req.valid('param').requestId, input: c.req.valid('json') })
    markReplay(c, replayed)
    return c.json(body, 200)
  })
  .openapi(step('cancel', 'Take back your own request while it is open', 'replenishment.request', CancelRequestInput), async (c) => {
    const { replayed, ...body } = await cancelRequest({ ctx: ctxOf(c), store: c.get('store'), requestId: c.req.valid('param').requestId, input: c.req.valid('json') })
    markReplay(c, replayed)
    return c.json(body, 200)
  })
