import { createRoute, z } from '@hono/zod-openapi'
import { findItemIdByCode, getItemInStore, movementHistory } from '../core/items/lookup-item'
import { searchItems } from '../core/items/search-items'
import { DomainError, notFound } from '../core/errors'
import { hiddenFrom, viewerFrom } from '../core/items/blind-count'
import type { Context } from 'hono'
import type { AppEnv } from '../http/app-env'
import { requireAuth, storeGuard } from '../http/guard'
import { createRouter, errors, jsonResponse, StoreParams } from '../http/openapi'

const Movement = z
  .object({
    id: z.number(),
    kind: z.string(),
    quantity: z.number(),
    fromKind: z.string().nullable(),
    toKind: z.string().nullable(),
    counterparty: z.string().nullable(),
    docType: z.string(),
    docId: z.string(),
    at: z.string(),
    actorName: z.string().nullable(),
  })
  .openapi('Movement')

const Stock = z.object({ floor: z.number(), stockroom: z.number(), inTransit: z.number(), receiving: z.number(), quarantine: z.number() })

const ItemInStore = z
  .object({
    item: z.object({
      id: z.string(),
      sku: z.string(),
      name: z.string(),
      category: z.string(),
      uom: z.string(),
      price: z.number().int(),
      unitCost: z.number().int(),
      active: z.boolean(),
      barcodes: z.array(z.string()),
    }),
    stock: Stock.nullable(),
    blindCount: z.boolean(),
    shelf: z.object({ min: z.number(), target: z.number() }),
    countFlag: z.string().nullable(),
    nearby: z.array(
      z.object({ storeId: z.string(), storeCode: z.string(), storeName: z.string(), city: z.string(), floor: z.number(), stockroom: z.number() }),
    ),
    lastMovements: z.array(Movement),
  })
  .openapi('ItemInStore')

const SearchHit = z
  .object({
    id: z.string(),
    sku: z.string(),
    name: z.string(),
    category: z.string(),
    price: z.number(),
    barcodes: z.array(z.string()),
    floor: z.number().nullable(),
    stockroom: z.number().nullable(),
  })
  .openapi('SearchHit')

/** The items among `itemIds` whose quantities this caller may not see now (an open blind count). */
const hiddenFor = (c: Context<AppEnv>) => (itemIds: string[]) => {
  const auth = requireAuth(c.get('auth'))
  const store = c.get('store')
  return hiddenFrom(c.get('deps').db, store.id, viewerFrom(auth.grants, store, auth.userId), itemIds)
}

const ItemParams = StoreParams.extend({ itemId: z.string().min(1).max(64).openapi({ param: { name: 'itemId', in: 'path' } }) })
const Code = z.string().trim().min(1).max(64)

export const itemRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/stores/{storeId}/items/lookup',
      tags: ['items'],
      summary: 'Look an item up by scanned barcode or typed SKU, with stock here and nearby',
      middleware: [storeGuard('item.read')] as const,
      request: { params: StoreParams, query: z.object({ code: Code }).strict() },
      responses: { 200: jsonResponse(ItemInStore), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { code } = c.req.valid('query')
      const db = c.get('deps').db
      const itemId = await findItemIdByCode(db, code)
      if (!itemId) throw notFound('Item', { code })
      const hideStock = (await hiddenFor(c)([itemId])).has(itemId)
      return c.json(await getItemInStore(db, c.get('store'), itemId, { hideStock }), 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/stores/{storeId}/items/search',
      tags: ['items'],
      summary: 'Search items by words of their name, SKU or category (prefix match)',
      middleware: [storeGuard('item.read')] as const,
      request: {
        params: StoreParams,
        query: z.object({ q: z.string().max(100), limit: z.coerce.number().int().min(1).max(50).default(20) }).strict(),
      },
      responses: { 200: jsonResponse(z.object({ items: z.array(SearchHit) })), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { q, limit } = c.req.valid('query')
      return c.json({ items: await searchItems(c.get('deps').db, c.get('store').id, q, limit, hiddenFor(c)) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/stores/{storeId}/items/{itemId}',
      tags: ['items'],
      summary: 'One item with its stock in this store and nearby stores',
      middleware: [storeGuard('item.read')] as const,
      request: { params: ItemParams },
      responses: { 200: jsonResponse(ItemInStore), ...errors(401, 403, 404) },
    }),
    async (c) => {
      const { itemId } = c.req.valid('param')
      const hideStock = (await hiddenFor(c)([itemId])).has(itemId)
      return c.json(await getItemInStore(c.get('deps').db, c.get('store'), itemId, { hideStock }), 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/stores/{storeId}/items/{itemId}/movements',
      tags: ['items'],
      summary: "An item's movements in this store, newest first",
      middleware: [storeGuard('movement.read')] as const,
      request: {
        params: ItemParams,
        query: z
          .object({ limit: z.coerce.number().int().min(1).max(200).default(50), before: z.coerce.number().int().positive().optional() })
          .strict(),
      },
      responses: { 200: jsonResponse(z.object({ movements: z.array(Movement), nextBefore: z.number().nullable() })), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { itemId } = c.req.valid('param')
      const db = c.get('deps').db
      const item = await db.query.items.findFirst({ where: (t, { eq }) => eq(t.id, itemId), columns: { id: true } })
      if (!item) throw notFound('Item', { itemId })
      if ((await hiddenFor(c)([itemId])).has(itemId)) {
        throw new DomainError('BLIND_COUNT', 'This item is being counted; its movements are hidden until the count is submitted')
      }
      return c.json(await movementHistory(db, c.get('store').id, itemId, c.req.valid('query')), 200)
    },
  )
