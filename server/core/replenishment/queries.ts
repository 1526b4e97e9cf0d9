import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import type { StoreRef } from '../access/policy'
import type { Ctx } from '../context'
import { hiddenFrom, loadViewer, type Viewer } from '../items/blind-count'
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
  /** null while the item is being counted blind by the viewer (see items/blind-count.ts). */
  stock: { floor: number; stockroom: number } | null
  blindCount: boolean
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
  blindCount: false,
})

/** The figures of items counted blind by the viewer, taken out; everything else as it is. */
async function blinded(db: Db | Tx, storeId: string, viewer: Viewer, rows: Row[]) {
  return hiddenFrom(db, storeId, viewer, rows.map((r) => r.itemId))
}
const hideStock = (view: RequestView): RequestView => ({ ...view, stock: null, blindCount: true })

async function select(db: Db | Tx, where: SQL, tail: SQL = sql``) {
  return db.all<Row>(sql`${SELECT_REQUESTS} WHERE ${where} ${tail}`)
}

/** One request of a store (another store's request does not exist here), as `viewer` may see it. */
export async function findRequest(db: Db | Tx, storeId: string, id: string, viewer: Viewer): Promise<RequestView | null> {
  const [row] = await select(db, sql`r.id = ${id} AND r.store_id = ${storeId}`)
  if (!row) return null
  const hidden = await blinded(db, storeId, viewer, [row])
  return hidden.has(row.itemId) ? hideStock(toView(row)) : toView(row)
}

/** The answer of a core verb about one request: as its actor may see it (grants read fresh). */
export async function requestForActor(ctx: Ctx, store: StoreRef, id: string) {
  return (await findRequest(ctx.db, store.id, id, await loadViewer(ctx.db, store, ctx.actor.userId)))!
}

/** The floor's "my requests" and the office's overview: newest first. */
export async function listRequests(db: Db, storeId: string, query: ListRequestsQuery, viewer: Viewer) {
  const filters = [sql`r.store_id = ${storeId}`]
  if (query.status === 'active') filters.push(sql`r.status IN ('open', 'picking')`)
  else if (query.status) filters.push(sql`r.status = ${query.status}`)
  if (query.mine === 'true') filters.push(sql`r.requested_by = ${viewer.userId}`)
  const rows = await select(db, sql.join(filters, sql` AND `), sql`ORDER BY r.requested_at DESC, r.id DESC LIMIT ${query.limit}`)
  const hidden = await blinded(db, storeId, viewer, rows)
  return rows.map((row) => (hidden.has(row.itemId) ? hideStock(toView(row)) : toView(row)))
}

/** `toPick` is null when it could only be told from hidden figures (a blind "fill the shelf"). */
export type PickLine = RequestView & { toPick: number | null }

/**
 * The back room's pick list: open and picking requests, in the order a picker walks the stockroom.
 * Shelves are arranged by category, then name (there is no bin master yet), so that is the order.
 * For an item the picker counts blind, the line shows what was asked for and no stock: capping it at
 * the stockroom, or filling to the target, would give the figures away.
 */
export async function pickList(db: Db, storeId: string, viewer: Viewer): Promise<PickLine[]> {
  const rows = await select(db, sql`r.store_id = ${storeId} AND r.status IN ('open', 'picking')`, sql`ORDER BY i.category, i.name, r.requested_at`)
  const hidden = await blinded(db, storeId, viewer, rows)
  return rows.map((row) => {
    const requested = row.requestedQty === null ? null : Number(row.requestedQty)
    if (hidden.has(row.itemId)) return { ...hideStock(toView(row)), toPick: requested }
    return { ...toView(row), toPick: quantityToPick(requested, Number(row.floor), Number(row.shelfTarget), Number(row.stockroom)) }
  })
}

export type Suggestion = {
  item: { id: string; sku: string; name: string; category: string }
  /** floor, stockroom and suggestedQty are null while the viewer counts the item blind. */
  floor: number | null
  stockroom: number | null
  shelfMin: number
  shelfTarget: number
  suggestedQty: number | null
  activeRequestId: string | null
  blindCount: boolean
}

export type SuggestionRow = Suggestion & { floor: number; stockroom: number; suggestedQty: number }

/** Items whose floor stock is below the shelf minimum, as `viewer` may see them. */
export async function suggestions(db: Db | Tx, storeId: string, viewer: Viewer): Promise<Suggestion[]> {
  const rows = await suggestionRows(db, storeId)
  const hidden = await hiddenFrom(db, storeId, viewer, rows.map((r) => r.item.id))
  return rows.map((r) => (hidden.has(r.item.id) ? { ...r, floor: null, stockroom: null, suggestedQty: null, blindCount: true } : r))
}

/** Items whose floor stock is below the shelf minimum: the rule behind automatic refills (all figures). */
export async function suggestionRows(db: Db | Tx, storeId: string): Promise<SuggestionRow[]> {
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
      blindCount: false,
    }))
}
