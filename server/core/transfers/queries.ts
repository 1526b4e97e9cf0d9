import { sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import type { TRANSFER_STATUSES } from '../../../db/schema/index'
import { first } from '../sql'
import type { Tx } from '../writer'
import { transferLineState, type TransferLineState } from './rules'
import type { ListTransfersQuery } from './schemas'

export type TransferStatus = (typeof TRANSFER_STATUSES)[number]
type StoreBrief = { id: string; code: string; name: string }

export type TransferLineView = {
  item: { id: string; sku: string; name: string; category: string }
  quantity: number
  receivedQty: number
  state: TransferLineState
}

export type TransferView = {
  id: string
  fromStore: StoreBrief
  toStore: StoreBrief
  /** Seen from the store asking: outgoing (we ship) or incoming (we receive). */
  direction: 'outgoing' | 'incoming'
  status: TransferStatus
  note: string | null
  createdBy: string
  createdAt: string
  shippedBy: string | null
  shippedAt: string | null
  receivedBy: string | null
  receivedAt: string | null
  correctionId: string | null
  version: number
  totals: { quantity: number; received: number; lines: number }
}

type Row = Omit<TransferView, 'fromStore' | 'toStore' | 'direction' | 'totals'> & {
  fromId: string
  fromCode: string
  fromName: string
  toId: string
  toCode: string
  toName: string
  quantity: number
  received: number
  lineCount: number
}

const SELECT = sql`SELECT t.id, t.status, t.note, t.created_by AS createdBy, t.created_at AS createdAt, t.shipped_by AS shippedBy,
    t.shipped_at AS shippedAt, t.received_by AS receivedBy, t.received_at AS receivedAt, t.correction_id AS correctionId, t.version,
    f.id AS fromId, f.code AS fromCode, f.name AS fromName, d.id AS toId, d.code AS toCode, d.name AS toName,
    (SELECT COALESCE(SUM(quantity), 0) FROM transfer_lines WHERE transfer_id = t.id) AS quantity,
    (SELECT COALESCE(SUM(received_qty), 0) FROM transfer_lines WHERE transfer_id = t.id) AS received,
    (SELECT COUNT(*) FROM transfer_lines WHERE transfer_id = t.id) AS lineCount
  FROM transfers t JOIN stores f ON f.id = t.from_store_id JOIN stores d ON d.id = t.to_store_id`

const toView = (r: Row, storeId: string): TransferView => ({
  id: r.id,
  fromStore: { id: r.fromId, code: r.fromCode, name: r.fromName },
  toStore: { id: r.toId, code: r.toCode, name: r.toName },
  direction: r.fromId === storeId ? 'outgoing' : 'incoming',
  status: r.status,
  note: r.note,
  createdBy: r.createdBy,
  createdAt: r.createdAt,
  shippedBy: r.shippedBy,
  shippedAt: r.shippedAt,
  receivedBy: r.receivedBy,
  receivedAt: r.receivedAt,
  correctionId: r.correctionId,
  version: Number(r.version),
  totals: { quantity: Number(r.quantity), received: Number(r.received), lines: Number(r.lineCount) },
})

/** A transfer as one of its two stores sees it (the receiver only once it is shipped; any other store: null). */
export async function findTransfer(db: Db | Tx, storeId: string, id: string): Promise<(TransferView & { lines: TransferLineView[] }) | null> {
  const row = await first<Row>(db, sql`${SELECT} WHERE t.id = ${id} AND (t.from_store_id = ${storeId} OR (t.to_store_id = ${storeId} AND t.shipped_at IS NOT NULL))`)
  if (!row) return null
  const lines = await db.all<{ id: string; sku: string; name: string; category: string; quantity: number; receivedQty: number }>(sql`
    SELECT i.id, i.sku, i.name, i.category, tl.quantity, tl.received_qty AS receivedQty
    FROM transfer_lines tl JOIN items i ON i.id = tl.item_id WHERE tl.transfer_id = ${id} ORDER BY i.category, i.name`)
  return {
    ...toView(row, storeId),
    lines: lines.map((l) => ({
      item: { id: l.id, sku: l.sku, name: l.name, category: l.category },
      quantity: Number(l.quantity),
      receivedQty: Number(l.receivedQty),
      state: transferLineState(Number(l.quantity), Number(l.receivedQty)),
    })),
  }
}

/** Outgoing and/or incoming transfers of a store; unshipped ones are the shipper's own business. */
export async function listTransfers(db: Db, storeId: string, query: ListTransfersQuery): Promise<TransferView[]> {
  const outgoing = sql`t.from_store_id = ${storeId}`
  const incoming = sql`(t.to_store_id = ${storeId} AND t.shipped_at IS NOT NULL)`
  const side = query.direction === 'outgoing' ? outgoing : query.direction === 'incoming' ? incoming : sql`(${outgoing} OR ${incoming})`
  const status = query.status ? sql`AND t.status = ${query.status}` : sql``
  const rows = await db.all<Row>(sql`${SELECT} WHERE ${side} ${status}
    ORDER BY t.status IN ('draft', 'shipped') DESC, t.created_at DESC, t.id DESC LIMIT ${query.limit}`)
  return rows.map((r) => toView(r, storeId))
}
