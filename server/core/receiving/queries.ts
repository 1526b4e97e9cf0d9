import { sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import type { DELIVERY_STATUSES } from '../../../db/schema/index'
import { first } from '../sql'
import type { Tx } from '../writer'
import { lineState, type DiscrepancyKind, type LineState } from './rules'
import type { ListDeliveriesQuery } from './schemas'

export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number]
type ItemBrief = { id: string; sku: string; name: string; category: string }

export type DeliveryLineView = {
  item: ItemBrief
  expectedQty: number
  receivedQty: number
  damagedQty: number
  /** Still to come (never negative). */
  remainingQty: number
  state: LineState
}

export type DeliveryView = {
  id: string
  storeId: string
  supplier: string
  reference: string
  status: DeliveryStatus
  expectedAt: string | null
  createdBy: string
  createdAt: string
  closedBy: string | null
  closedAt: string | null
  version: number
  lines: DeliveryLineView[]
  totals: { expected: number; received: number; damaged: number }
  discrepancies: Array<{ item: ItemBrief; kind: DiscrepancyKind; quantity: number }>
}

type Header = Omit<DeliveryView, 'lines' | 'totals' | 'discrepancies'>

const HEADER = sql`id, store_id AS storeId, supplier, reference, status, expected_at AS expectedAt, created_by AS createdBy,
  created_at AS createdAt, closed_by AS closedBy, closed_at AS closedAt, version`

/** A delivery of this store with its live expected vs received lines (another store's: null). */
export async function findDelivery(db: Db | Tx, storeId: string, id: string): Promise<DeliveryView | null> {
  const header = await first<Header>(db, sql`SELECT ${HEADER} FROM deliveries WHERE id = ${id} AND store_id = ${storeId}`)
  if (!header) return null
  const rows = await db.all<ItemBrief & { expectedQty: number; receivedQty: number; damagedQty: number }>(sql`
    SELECT i.id, i.sku, i.name, i.category, dl.expected_qty AS expectedQty, dl.received_qty AS receivedQty, dl.damaged_qty AS damagedQty
    FROM delivery_lines dl JOIN items i ON i.id = dl.item_id WHERE dl.delivery_id = ${id}
    ORDER BY dl.expected_qty = 0, i.category, i.name`)
  const lines = rows.map((r) => {
    const counts = { expectedQty: Number(r.expectedQty), receivedQty: Number(r.receivedQty), damagedQty: Number(r.damagedQty) }
    return {
      item: { id: r.id, sku: r.sku, name: r.name, category: r.category },
      ...counts,
      remainingQty: Math.max(counts.expectedQty - counts.receivedQty - counts.damagedQty, 0),
      state: lineState(counts),
    }
  })
  const discrepancies = await db.all<ItemBrief & { kind: DiscrepancyKind; quantity: number }>(sql`
    SELECT i.id, i.sku, i.name, i.category, d.kind, d.quantity FROM delivery_discrepancies d JOIN items i ON i.id = d.item_id
    WHERE d.delivery_id = ${id} ORDER BY i.category, i.name, d.kind`)
  return {
    ...header,
    version: Number(header.version),
    lines,
    totals: {
      expected: lines.reduce((s, l) => s + l.expectedQty, 0),
      received: lines.reduce((s, l) => s + l.receivedQty, 0),
      damaged: lines.reduce((s, l) => s + l.damagedQty, 0),
    },
    discrepancies: discrepancies.map((d) => ({ item: { id: d.id, sku: d.sku, name: d.name, category: d.category }, kind: d.kind, quantity: Number(d.quantity) })),
  }
}

export type DeliverySummary = Header & { lineCount: number; totals: { expected: number; received: number; damaged: number } }

/** The store's deliveries, the ones still to receive first ("open" = expected or receiving). */
export async function listDeliveries(db: Db, storeId: string, query: ListDeliveriesQuery): Promise<DeliverySummary[]> {
  const status =
    query.status === 'open' ? sql`AND d.status IN ('expected', 'receiving')` : query.status ? sql`AND d.status = ${query.status}` : sql``
  const rows = await db.all<Header & { lineCount: number; expected: number; received: number; damaged: number }>(sql`
    SELECT d.id, d.store_id AS storeId, d.supplier, d.reference, d.status, d.expected_at AS expectedAt, d.created_by AS createdBy,
      d.created_at AS createdAt, d.closed_by AS closedBy, d.closed_at AS closedAt, d.version,
      COUNT(dl.item_id) AS lineCount, COALESCE(SUM(dl.expected_qty), 0) AS expected,
      COALESCE(SUM(dl.received_qty), 0) AS received, COALESCE(SUM(dl.damaged_qty), 0) AS damaged
    FROM deliveries d LEFT JOIN delivery_lines dl ON dl.delivery_id = d.id
    WHERE d.store_id = ${storeId} ${status}
    GROUP BY d.id
    ORDER BY d.status IN ('expected', 'receiving') DESC, COALESCE(d.expected_at, d.created_at) DESC, d.id DESC
    LIMIT ${query.limit}`)
  return rows.map(({ expected, received, damaged, lineCount, ...r }) => ({
    ...r,
    version: Number(r.version),
    lineCount: Number(lineCount),
    totals: { expected: Number(expected), received: Number(received), damaged: Number(damaged) },
  }))
}
