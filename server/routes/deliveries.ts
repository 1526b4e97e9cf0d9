import { createRoute, z } from '@hono/zod-openapi'
import { notFound } from '../core/errors'
import { cancelDelivery, closeDelivery } from '../core/receiving/close-delivery'
import { createDelivery } from '../core/receiving/create-delivery'
import { importDeliveries } from '../core/receiving/import-deliveries'
import { findDelivery, listDeliveries } from '../core/receiving/queries'
import { recordScan } from '../core/receiving/record-scan'
import { CancelDeliveryInput, CloseDeliveryInput, CreateDeliveryInput, ImportDeliveriesInput, ListDeliveriesQuery, ScanInput } from '../core/receiving/schemas'
import { ctxOf } from '../http/app-env'
import { storeGuard } from '../http/guard'
import { markReplay } from '../http/idempotency'
import { createRouter, errors, jsonBody, jsonResponse, StoreParams } from '../http/openapi'

const ItemBrief = z.object({ id: z.string(), sku: z.string(), name: z.string(), category: z.string() })
const Totals = z.object({ expected: z.number(), received: z.number(), damaged: z.number() })
const Status = z.enum(['expected', 'receiving', 'closed', 'cancelled'])

const Line = z
  .object({
    item: ItemBrief,
    expectedQty: z.number(),
    receivedQty: z.number(),
    damagedQty: z.number(),
    remainingQty: z.number(),
    state: z.enum(['pending', 'partial', 'complete', 'over', 'unexpected']),
  })
  .openapi('DeliveryLine')

const Header = {
  id: z.string(),
  storeId: z.string(),
  supplier: z.string(),
  reference: z.string(),
  status: Status,
  expectedAt: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  closedBy: z.string().nullable(),
  closedAt: z.string().nullable(),
  version: z.number(),
}

const Delivery = z
  .object({
    ...Header,
    lines: z.array(Line),
    totals: Totals,
    discrepancies: z.array(z.object({ item: ItemBrief, kind: z.enum(['short', 'over', 'unexpected', 'damaged']), quantity: z.number() })),
  })
  .openapi('Delivery')
const DeliveryOnly = z.object({ delivery: Delivery })
const Summary = z.object({ ...Header, lineCount: z.number(), totals: Totals }).openapi('DeliverySummary')
const Imported = z
  .object({
    deliveries: z.array(z.object({ id: z.string(), supplier: z.string(), reference: z.string(), lineCount: z.number() })),
    rows: z.number(),
    ignoredColumns: z.array(z.string()),
  })
  .openapi('DeliveriesImported')
const Scanned = z
  .object({
    scan: z.object({ id: z.string(), deliveryId: z.string(), itemId: z.string(), quantity: z.number(), damaged: z.boolean(), at: z.string() }),
    line: Line,
  })
  .openapi('DeliveryScanned')

const DeliveryParams = StoreParams.extend({ deliveryId: z.string().min(1).max(64).openapi({ param: { name: 'deliveryId', in: 'path' } }) })

export const deliveryRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/stores/{storeId}/deliveries',
      tags: ['receiving'],
      summary: 'Announce an expected delivery (office): supplier, reference, lines with expected quantities',
      middleware: [storeGuard('delivery.manage')] as const,
      request: { params: StoreParams, body: jsonBody(CreateDeliveryInput) },
      responses: { 201: jsonResponse(DeliveryOnly, 'Created'), 200: jsonResponse(DeliveryOnly, 'Replayed'), ...errors(400, 401, 403, 404, 409, 415, 422) },
    }),
    async (c) => {
      const { replayed, delivery } = await createDelivery({ ctx: ctxOf(c), store: c.get('store'), input: c.req.valid('json') })
      markReplay(c, replayed)
      return replayed ? c.json({ delivery }, 200) : c.json({ delivery }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/stores/{storeId}/deliveries/import',
      tags: ['receiving'],
      summary: 'Import expected deliveries from a CSV file sent as { csv }; one bad row refuses the file (422 INVALID_CSV with row errors)',
      middleware: [storeGuard('delivery.manage')] as const,
      request: { params: StoreParams, body: jsonBody(ImportDeliveriesInput) },
      responses: { 201: jsonResponse(Imported, 'Imported'), ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
    }),
    async (c) => c.json(await importDeliveries({ ctx: ctxOf(c), store: c.get('store'), input: c.req.valid('json') }), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/stores/{storeId}/deliveries',
      tags: ['receiving'],
      summary: 'Deliveries of the store, open ones first (status=open: expected or receiving)',
      middleware: [storeGuard('delivery.read')] as const,
      request: { params: StoreParams, query: ListDeliveriesQuery },
      responses: { 200: jsonResponse(z.object({ deliveries: z.array(Summary) })), ...errors(400, 401, 403, 404) },
    }),
    async (c) => c.json({ deliveries: await listDeliveries(c.get('deps').db, c.get('store').id, c.req.valid('query')) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/stores/{storeId}/deliveries/{deliveryId}',
      tags: ['receiving'],
      summary: 'A delivery with expected vs received per line, live, and its discrepancies once closed',
      middleware: [storeGuard('delivery.read')] as const,
      request: { params: DeliveryParams },
      responses: { 200: jsonResponse(DeliveryOnly), ...errors(401, 403, 404) },
    }),
    async (c) => {
      const delivery = await findDelivery(c.get('deps').db, c.get('store').id, c.req.valid('param').deliveryId)
      if (!delivery) throw notFound('Delivery')
      return c.json({ delivery }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/stores/{storeId}/deliveries/{deliveryId}/scans',
      tags: ['receiving'],
      summary: 'Receive by scanning (+1, or with a quantity; damaged units apart; a negative quantity takes back a mis-scan, never below 0 → 409 BELOW_ZERO); the scan id makes retries count once',
      middleware: [storeGuard('delivery.receive')] as const,
      request: { params: DeliveryParams, body: jsonBody(ScanInput) },
      responses: { 201: jsonResponse(Scanned, 'Scanned'), 200: jsonResponse(Scanned, 'Replayed'), ...errors(400, 401, 403, 404, 409, 415, 422) },
    }),
    async (c) => {
      const { replayed, ...body } = await recordScan({ ctx: ctxOf(c), store: c.get('store'), deliveryId: c.req.valid('param').deliveryId, input: c.req.valid('json') })
      markReplay(c, replayed)
      return replayed ? c.json(body, 200) : c.json(body, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/stores/{storeId}/deliveries/{deliveryId}/close',
      tags: ['receiving'],
      summary: 'Close the receipt: receipt movements into the stockroom (damaged → quarantine) and the discrepancy list; posts once',
      middleware: [storeGuard('delivery.receive')] as const,
      request: { params: DeliveryParams, body: jsonBody(CloseDeliveryInput) },
      responses: { 200: jsonResponse(DeliveryOnly), ...errors(400, 401, 403, 404, 409, 415, 422) },
    }),
    async (c) => {
      const { replayed, delivery } = await closeDelivery({ ctx: ctxOf(c), store: c.get('store'), deliveryId: c.req.valid('param').deliveryId, input: c.req.valid('json') })
      markReplay(c, replayed)
      return c.json({ delivery }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/stores/{storeId}/deliveries/{deliveryId}/cancel',
      tags: ['receiving'],
      summary: 'Withdraw an announced delivery before anything was scanned',
      middleware: [storeGuard('delivery.manage')] as const,
      request: { params: DeliveryParams, body: jsonBody(CancelDeliveryInput) },
      responses: { 200: jsonResponse(DeliveryOnly), ...errors(400, 401, 403, 404, 409, 415) },
    }),
    async (c) => {
      const { replayed, delivery } = await cancelDelivery({ ctx: ctxOf(c), store: c.get('store'), deliveryId: c.req.valid('param').deliveryId, input: c.req.valid('json') })
      markReplay(c, replayed)
      return c.json({ delivery }, 200)
    },
  )
