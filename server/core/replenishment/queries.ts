import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import type { Tx } from '../writer'
import { needsRefill, quantityToPick, type RequestStatus } from './rules'
import type { ListRequestsQuery } from './schemas'

export type RequestView = {
  id: string
  storeId: string
  item: { id: string; sku: string; name: string; category: string }
  requestedQty: number | null
  note: string | null
  source: 'clerk' | 'rule'
  status: RequestStatus
  requestedBy: { id: string; name: string } | null
  requestedAt: string
  pickedQty: number | null
  pickedBy: { id: string; name: string } | null
  pickedAt: string | null
  cannotFillReason: string | null
  version: number
  stock: { floor: number; stockroom: number }
}

type Row = {
  id: string
  storeId: string
  itemId: string
  sku: string
  name: string
  category: string
  requestedQty: number | null
  note: string | null
  source: 'clerk' | 'rule'
  status: RequestStatus
  requestedBy: string | null
  requestedByName: string | null
  requestedAt: string
  pickedQty: number | null
  pickedBy: string | null
  pickedByName: string | null
  pickedAt: string | null
  cannotFillReason: string | null
  version: number
  floor: number
  stockroom: number
  shelfTarget: number
}

/** Stock of the request's item in one kind of location of its store (summed, if a store has several). */
const stockIn = (kind: 'floor' | 'stockroom') => sql`COALESCE((SELECT SUM(b.quantity) FROM balances b JOIN locations l ON l.id = b.location_id
  WHERE b.store_id = r.store_id AND b.item_id = r.item_id AND l.kind = ${kind}), 0)`

const SELECT_REQUESTS = sql`SELECT r.id, r.store_id AS storeId, r.item_id AS itemId, i.sku, i.name, i.category,
    r.requested_qty AS requestedQty, r.note, r.source, r.status, r.requested_by AS requestedBy, ru.name AS requestedByName,
    r.requested_at AS requestedAt, r.picked_qty AS pickedQty, r.picked_by AS pickedBy, pu.name AS pickedByName,
    r.picked_at AS pickedAt, r.cannot_fill_reason AS cannotFillReason, r.version,
    ${stockIn('floor')} AS floor, ${stockIn('stockroom')} AS stockroom,
    COALESCE(si.shelf_target, 0) AS shelfTarget
  FROM replenishment_requests r
  JOIN items i ON i.id = r.item_id
  LEFT JOIN users ru ON ru.id = r.requested_by
  LEFT JOIN users pu ON pu.id = r.picked_by
  LEFT JOIN store_items si ON si.store_id = r.store_id AND si.item_id = r.item_id`

const toView = (r: Row): RequestView => ({
  id: r.id,
  storeId: r.storeId,
  item: { id: r.itemId, sku: r.sku, name: r.name, category: r.category },
  requestedQty: r.requestedQty === null ? null : Number(r.requestedQty),
  note: r.note,
  source: r.source,
  status: r.status,
  requestedBy: r.requestedBy ? { id: r.requestedBy, name: r.requestedByName ?? '' } : null,
  requestedAt: r.requestedAt,
  pickedQty: r.pickedQty === null ? null : Number(r.pickedQty),
  pickedBy: r.pickedBy ? { id: r.pickedBy, name: r.pickedByName ?? '' } : null,
  pickedAt: r.pickedAt,
  cannotFillReason: r.cannotFillReason,
  version: Number(r.version),
  stock: { floor: Number(r.floor), stockroom: Number(r.stockroom) },
})

async function select(db: Db | Tx, where: SQL, tail: SQL = sql``) {
  return db.all<Row>(sql`${SELECT_REQUESTS} WHERE ${where} ${tail}`)
}

/** One request of a store (another store's request does not exist here). */
export async function findRequest(db: Db | Tx, storeId: string, id: string): Promise<RequestView | null> {
  const [row] = await select(db, sql`r.id = ${id} AND r.store_id = ${storeId}`)
  return row ? toView(row) : null
}

/** The floor's "my requests" and the office's overview: newest first. */
export async function listRequests(db: Db, storeId: string, query: ListRequestsQuery, userId: string | null) {
  const filters = [sql`r.store_id = ${storeId}`]
  if (query.status === 'active') filters.push(sql`r.status IN ('open', 'picking')`)
  else if (query.status) filters.push(sql`r.status = ${query.status}`)
  if (query.mine === 'true') filters.push(sql`r.requested_by = ${userId}`)
  const rows = await select(db, sql.join(filters, sql` AND `), sql`ORDER BY r.requested_at DESC, r.id DESC LIMIT ${query.limit}`)
  return rows.map(toView)
}

export type PickLine = RequestView & { toPick: number }

/**
 * The back room's pick list: open and picking requests, in the order a picker walks the stockroom.
 * Shelves are arranged by category, then name (there is no bin master yet), so that is the order.
 */
export async function pickList(db: Db, storeId: string): Promise<PickLine[]> {
  const rows = await select(db, sql`r.store_id = ${storeId} AND r.status IN ('open', 'picking')`, sql`ORDER BY i.category, i.name, r.requested_at`)
  return rows.map((row) => ({
    ...toView(row),
    toPick: quantityToPick(row.requestedQty === null ? null : Number(row.requestedQty), Number(row.floor), Number(row.shelfTarget), Number(row.stockroom)),
  }))
}

export type Suggestion = {
  item: { id: string; sku: string; name: string; category: string }
  floor: number
  stockroom: number
  shelfMin: number
  shelfTarget: number
  suggestedQty: number
  activeRequestId: string | null
}

/** Items whose floor stock is below the shelf minimum: the rule behind automatic refills. */
export async function suggestions(db: Db | Tx, storeId: string): Promise<Suggestion[]> {
  const rows = await db.all<{
    itemId: string
    sku: string
    name: string
    category: string
    floor: number
    stockroom: number
    shelfMin: number
    shelfTarget: number
    activeRequestId: string | null
  }>(sql`SELECT * FROM (SELECT si.item_id AS itemId, i.sku, i.name, i.category, si.shelf_min AS shelfMin, si.shelf_target AS shelfTarget,
      COALESCE((SELECT SUM(b.quantity) FROM balances b JOIN locations l ON l.id = b.location_id
        WHERE b.store_id = si.store_id AND b.item_id = si.item_id AND l.kind = 'floor'), 0) AS floor,
      COALESCE((SELECT SUM(b.quantity) FROM balances b JOIN locations l ON l.id = b.location_id
        WHERE b.store_id = si.store_id AND b.item_id = si.item_id AND l.kind = 'stockroom'), 0) AS stockroom,
      (SELECT r.id FROM replenishment_requests r WHERE r.store_id = si.store_id AND r.item_id = si.item_id
        AND r.status IN ('open', 'picking') ORDER BY r.requested_at LIMIT 1) AS activeRequestId
    FROM store_items si JOIN items i ON i.id = si.item_id
    WHERE si.store_id = ${storeId} AND si.shelf_min > 0 AND i.active = 1)
    WHERE floor < shelfMin ORDER BY category, name`)
  return rows
    .map((r) => ({ ...r, floor: Number(r.floor), stockroom: Number(r.stockroom), shelfMin: Number(r.shelfMin), shelfTarget: Number(r.shelfTarget) }))
    .filter((r) => needsRefill(r.floor, r.shelfMin))
    .map((r) => ({
      item: { id: r.itemId, sku: r.sku, name: r.name, category: r.category },
      floor: r.floor,
      stockroom: r.stockroom,
      shelfMin: r.shelfMin,
      shelfTarget: r.shelfTarget,
      suggestedQty: Math.max(r.shelfTarget - r.floor, 1),
      activeRequestId: r.activeRequestId,
    }))
}
