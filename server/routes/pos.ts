import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { Ctx } from '../core/context'
import { posCatalog } from '../core/pos/catalog'
import { createPosKey, listPosKeys, revokePosKey } from '../core/pos/keys'
import { postReceipt } from '../core/pos/post-receipt'
import { CatalogQuery, CreateKeyInput, ReceiptInput, RevokeKeyInput } from '../core/pos/schemas'
import { ctxOf, type AppEnv } from '../http/app-env'
import { posKeyGuard, storeGuard } from '../http/guard'
import { markReplay } from '../http/idempotency'
import { createRouter, errors, jsonBody, jsonResponse, StoreParams } from '../http/openapi'

/** A till acts as its API key, never as a person (and a session cookie sent along changes nothing). */
const posCtx = (c: Context<AppEnv>): Ctx => ({ ...ctxOf(c), actor: { userId: null, keyId: c.get('posKey').id, requestId: c.get('requestId') } })

const Key = z
  .object({ id: z.string(), storeId: z.string(), name: z.string(), prefix: z.string(), createdBy: z.string(), createdAt: z.string(), revokedAt: z.string().nullable() })
  .openapi('PosApiKey')

const Receipt = z
  .object({
    receiptId: z.string(),
    storeId: z.string(),
    at: z.string(),
    lines: z.number(),
    salesValue: z.number(),
    movements: z.number(),
    flaggedForCount: z.array(z.string()),
  })
  .openapi('PosReceiptPosted')

const KeyParams = StoreParams.extend({ keyId: z.string().min(1).max(64).openapi({ param: { name: 'keyId', in: 'path' } }) })
const Bearer = { security: [{ posKey: [] }] }

const router = createRouter()
router.openAPIRegistry.registerComponent('securitySchemes', 'posKey', { type: 'http', scheme: 'bearer', description: 'A store’s point-of-sale API key (bspos_…)' })

export const posRoutes = router
  .openapi(
    createRoute({
      method: 'post',
      path: '/stores/{storeId}/pos-keys',
      tags: ['pos'],
      summary: 'Create an API key for a till system; the key is shown only in this answer',
      middleware: [storeGuard('pos.keys')] as const,
      request: { params: StoreParams, body: jsonBody(CreateKeyInput) },
      responses: { 201: jsonResponse(z.object({ key: Key, secret: z.string() }), 'Created: store the secret now'), ...errors(400, 401, 403, 404, 415) },
    }),
    async (c) => c.json(await createPosKey({ ctx: ctxOf(c), store: c.get('store'), input: c.req.valid('json') }), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/stores/{storeId}/pos-keys',
      tags: ['pos'],
      summary: 'The store’s till API keys (prefix only, never the key)',
      middleware: [storeGuard('pos.keys')] as const,
      request: { params: StoreParams },
      responses: { 200: jsonResponse(z.object({ keys: z.array(Key) })), ...errors(401, 403, 404) },
    }),
    async (c) => c.json({ keys: await listPosKeys(c.get('deps').db, c.get('store').id) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/stores/{storeId}/pos-keys/{keyId}/revoke',
      tags: ['pos'],
      summary: 'Revoke a till API key (immediately, for good)',
      middleware: [storeGuard('pos.keys')] as const,
      request: { params: KeyParams, body: jsonBody(RevokeKeyInput) },
      responses: { 200: jsonResponse(z.object({ key: Key })), ...errors(400, 401, 403, 404, 415) },
    }),
    async (c) => {
      const { replayed, key } = await revokePosKey({ ctx: ctxOf(c), store: c.get('store'), keyId: c.req.valid('param').keyId, input: c.req.valid('json') })
      markReplay(c, replayed)
      return c.json({ key }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/pos/receipts',
      tags: ['pos'],
      summary: 'A till posts a receipt (sales and returns), idempotent by receipt id; Authorization: Bearer <store API key>',
      middleware: [posKeyGuard()] as const,
      ...Bearer,
      request: { body: jsonBody(ReceiptInput) },
      responses: { 201: jsonResponse(Receipt, 'Posted'), 200: jsonResponse(Receipt, 'Replayed (posted before)'), ...errors(400, 401, 413, 415, 422) },
    }),
    async (c) => {
      const { result, replayed } = await postReceipt({ ctx: posCtx(c), store: c.get('store'), input: c.req.valid('json') })
      markReplay(c, replayed)
      return replayed ? c.json(result, 200) : c.json(result, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/pos/catalog',
      tags: ['pos'],
      summary: 'The price list for a till: SKU, name, price, barcodes (paged by SKU)',
      middleware: [posKeyGuard()] as const,
      ...Bearer,
      request: { query: CatalogQuery },
      responses: {
        200: jsonResponse(z.object({ items: z.array(z.object({ sku: z.string(), name: z.string(), price: z.number(), barcodes: z.array(z.string()) })), nextAfter: z.string().nullable() })),
        ...errors(400, 401),
      },
    }),
    async (c) => c.json(await posCatalog(c.get('deps').db, c.req.valid('query')), 200),
  )
