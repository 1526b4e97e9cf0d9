import { createRoute, z } from '@hono/zod-openapi'
import { notFound } from '../core/errors'
import { createTransfer } from '../core/transfers/create-transfer'
import { findTransfer, listTransfers } from '../core/transfers/queries'
import { receiveTransfer, recordTransferScan } from '../core/transfers/receive-transfer'
import { CreateTransferInput, ListTransfersQuery, TransferScanInput, TransferStepInput } from '../core/transfers/schemas'
import { cancelTransfer, shipTransfer } from '../core/transfers/ship-transfer'
import { ctxOf } from '../http/app-env'
import { storeGuard } from '../http/guard'
import { markReplay } from '../http/idempotency'
import { createRouter, errors, jsonBody, jsonResponse, StoreParams } from '../http/openapi'

const StoreBrief = z.object({ id: z.string(), code: z.string(), name: z.string() })
const Line = z
  .object({
    item: z.object({ id: z.string(), sku: z.string(), name: z.string(), category: z.string() }),
    quantity: z.number(),
    receivedQty: z.number(),
    state: z.enum(['pending', 'partial', 'complete', 'over']),
  })
  .openapi('TransferLine')

const Header = {
  id: z.string(),
  fromStore: StoreBrief,
  toStore: StoreBrief,
  direction: z.enum(['outgoing', 'incoming']),
  status: z.enum(['draft', 'shipped', 'received', 'cancelled']),
  note: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  shippedBy: z.string().nullable(),
  shippedAt: z.string().nullable(),
  receivedBy: z.string().nullable(),
  receivedAt: z.string().nullable(),
  correctionId: z.string().nullable(),
  version: z.number(),
  totals: z.object({ quantity: z.number(), received: z.number(), lines: z.number() }),
}
const Transfer = z.object({ ...Header, lines: z.array(Line) }).openapi('Transfer')
const TransferOnly = z.object({ transfer: Transfer })
const Summary = z.object(Header).openapi('TransferSummary')
const Scanned = z
  .object({ scan: z.object({ id: z.string(), transferId: z.string(), itemId: z.string(), quantity: z.number(), at: z.string() }), line: Line })
  .openapi('TransferScanned')

const TransferParams = StoreParams.extend({ transferId: z.string().min(1).max(64).openapi({ param: { name: 'transferId', in: 'path' } }) })

const step = (path: string, summary: string, action: 'transfer.ship' | 'transfer.receive') =>
  createRoute({
    method: 'post',
    path: `/stores/{storeId}/transfers/{transferId}/${path}`,
    tags: ['transfers'],
    summary,
    middleware: [storeGuard(action)] as const,
    request: { params: TransferParams, body: jsonBody(TransferStepInput) },
    responses: { 200: jsonResponse(TransferOnly), ...errors(400, 401, 403, 404, 409, 415, 422) },
  })

export const transferRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/stores/{storeId}/transfers',
      tags: ['transfers'],
      summary: 'Draft a transfer to another store (lines of item and quantity)',
      middleware: [storeGuard('transfer.ship')] as const,
      request: { params: StoreParams, body: jsonBody(CreateTransferInput) },
      responses: { 201: jsonResponse(TransferOnly, 'Created'), 200: jsonResponse(TransferOnly, 'Replayed'), ...errors(400, 401, 403, 404, 409, 415, 422) },
    }),
    async (c) => {
      const { replayed, transfer } = await createTransfer({ ctx: ctxOf(c), store: c.get('store'), input: c.req.valid('json') })
      markReplay(c, replayed)
      return replayed ? c.json({ transfer }, 200) : c.json({ transfer }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/stores/{storeId}/transfers',
      tags: ['transfers'],
      summary: 'Outgoing and incoming transfers of the store (direction=outgoing|incoming|all)',
      middleware: [storeGuard('transfer.read')] as const,
      request: { params: StoreParams, query: ListTransfersQuery },
      responses: { 200: jsonResponse(z.object({ transfers: z.array(Summary) })), ...errors(400, 401, 403, 404) },
    }),
    async (c) => c.json({ transfers: await listTransfers(c.get('deps').db, c.get('store').id, c.req.valid('query')) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/stores/{storeId}/transfers/{transferId}',
      tags: ['transfers'],
      summary: 'One transfer with its lines, as the shipping or the receiving store sees it',
      middleware: [storeGuard('transfer.read')] as const,
      request: { params: TransferParams },
      responses: { 200: jsonResponse(TransferOnly), ...errors(401, 403, 404) },
    }),
    async (c) => {
      const transfer = await findTransfer(c.get('deps').db, c.get('store').id, c.req.valid('param').transferId)
      if (!transfer) throw notFound('Transfer')
      return c.json({ transfer }, 200)
    },
  )
  .openapi(step('ship', 'Ship: stockroom → in transit (sender) and in transit → receiver, in one transaction; posts once', 'transfer.ship'), async (c) => {
    const { replayed, transfer } = await shipTransfer({ ctx: ctxOf(c), store: c.get('store'), transferId: c.req.valid('param').transferId, input: c.req.valid('json') })
    markReplay(c, replayed)
    return c.json({ transfer }, 200)
  })
  .openapi(step('cancel', 'Drop a draft (a shipped transfer can only be received)', 'transfer.ship'), async (c) => {
    const { replayed, transfer } = await cancelTransfer({ ctx: ctxOf(c), store: c.get('store'), transferId: c.req.valid('param').transferId, input: c.req.valid('json') })
    markReplay(c, replayed)
    return c.json({ transfer }, 200)
  })
  .openapi(
    createRoute({
      method: 'post',
      path: '/stores/{storeId}/transfers/{transferId}/scans',
      tags: ['transfers'],
      summary: 'Receiving store scans what arrived (a negative quantity takes back a mis-scan, never below 0 → 409 BELOW_ZERO); the scan id makes retries count once',
      middleware: [storeGuard('transfer.receive')] as const,
      request: { params: TransferParams, body: jsonBody(TransferScanInput) },
      responses: { 201: jsonResponse(Scanned, 'Scanned'), 200: jsonResponse(Scanned, 'Replayed'), ...errors(400, 401, 403, 404, 409, 415, 422) },
    }),
    async (c) => {
      const { replayed, ...body } = await recordTransferScan({ ctx: ctxOf(c), store: c.get('store'), transferId: c.req.valid('param').transferId, input: c.req.valid('json') })
      markReplay(c, replayed)
      return replayed ? c.json(body, 200) : c.json(body, 201)
    },
  )
  .openapi(step('receive', 'Close the receipt: in transit → stockroom; differences become a pending correction; posts once', 'transfer.receive'), async (c) => {
    const { replayed, transfer } = await receiveTransfer({ ctx: ctxOf(c), store: c.get('store'), transferId: c.req.valid('param').transferId, input: c.req.valid('json') })
    markReplay(c, replayed)
    return c.json({ transfer }, 200)
  })
