import { sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { notFound } from '../errors'
import { first, sqlList } from '../sql'
import { barcodeForms } from './barcode'
import type { StoreRef } from '../access/policy'

export type StockByLocation = { floor: number; stockroom: number; inTransit: number; receiving: number; quarantine: number }

export type MovementView = {
  id: number
  kind: string
  quantity: number
  fromKind: string | null
  toKind: string | null
  counterparty: string | null
  docType: string
  docId: string
  at: string
  actorName: string | null
}

const num = (value: unknown) => Number(value ?? 0)

/** Finds an item by a scanned barcode or a typed SKU; null when neither matches. */
export async function findItemIdByCode(db: Db, code: string): Promise<string | null> {
  const trimmed = code.trim()
  const row = await first<{ id: string }>(db, sql`
    SELECT item_id AS id FROM item_barcodes WHERE barcode IN ${sqlList(barcodeForms(trimmed))}
    UNION ALL SELECT id FROM items WHERE sku = ${trimmed.toUpperCase()}
    LIMIT 1`)
  return row?.id ?? null
}

/**
 * Everything a clerk needs about one item in one store: floor, stockroom and in-transit stock,
 * shelf settings, the same item in the other stores of the region, and the last movements.
 * Reads balances only — never the ledger — so it stays fast on large stores.
 */
export async function getItemInStore(db: Db, store: StoreRef, itemId: string, options: { hideStock?: boolean } = {}) {
  const item = await db.query.items.findFirst({ where: (t, { eq }) => eq(t.id, itemId) })
  if (!item) throw notFound('Item', { itemId })
  const [barcodes, stockRows, settings, nearby, lastMovements] = await Promise.all([
    db.all<{ barcode: string }>(sql`SELECT barcode FROM item_barcodes WHERE item_id = ${itemId} ORDER BY kind, barcode`),
    db.all<{ kind: string; quantity: number }>(sql`
      SELECT l.kind AS kind, SUM(b.quantity) AS quantity FROM balances b JOIN locations l ON l.id = b.location_id
      WHERE b.store_id = ${store.id} AND b.item_id = ${itemId} GROUP BY l.kind`),
    first<{ shelfMin: number; shelfTarget: number; countFlag: string | null }>(db, sql`
      SELECT shelf_min AS shelfMin, shelf_target AS shelfTarget, count_flag AS countFlag
      FROM store_items WHERE store_id = ${store.id} AND item_id = ${itemId}`),
    db.all<{ storeId: string; storeCode: string; storeName: string; city: string; floor: number; stockroom: number }>(sql`
      SELECT s.id AS storeId, s.code AS storeCode, s.name AS storeName, s.city AS city,
        COALESCE(SUM(CASE WHEN l.kind = 'floor' THEN b.quantity END), 0) AS floor,
        COALESCE(SUM(CASE WHEN l.kind = 'stockroom' THEN b.quantity END), 0) AS stockroom
      FROM stores s
      LEFT JOIN balances b ON b.store_id = s.id AND b.item_id = ${itemId}
      LEFT JOIN locations l ON l.id = b.location_id
      WHERE s.region_id = ${store.regionId} AND s.id <> ${store.id} AND s.active = 1
      GROUP BY s.id ORDER BY s.code`),
    movementHistory(db, store.id, itemId, { limit: 10 }),
  ])
  const stock: StockByLocation = { floor: 0, stockroom: 0, inTransit: 0, receiving: 0, quarantine: 0 }
  for (const row of stockRows) {
    const key = row.kind === 'in_transit' ? 'inTransit' : (row.kind as keyof StockByLocation)
    if (key in stock) stock[key] = num(row.quantity)
  }
  const hide = options.hideStock === true
  return {
    item: {
      id: item.id,
      sku: item.sku,
      name: item.name,
      category: item.category,
      uom: item.uom,
      price: item.price,
      unitCost: item.unitCost,
      active: item.active,
      barcodes: barcodes.map((b) => b.barcode),
    },
    /** null while the item is being counted blind by this caller (see blind-count.ts). */
    stock: hide ? null : stock,
    blindCount: hide,
    shelf: { min: num(settings?.shelfMin), target: num(settings?.shelfTarget) },
    countFlag: settings?.countFlag ?? null,
    nearby: nearby.map((n) => ({ ...n, floor: num(n.floor), stockroom: num(n.stockroom) })),
    lastMovements: hide ? [] : lastMovements.movements,
  }
}

/** An item's movements in one store, newest first, paged by movement id. */
export async function movementHistory(db: Db, storeId: string, itemId: string, page: { limit: number; before?: number }) {
  const rows = await db.all<MovementView>(sql`
    SELECT m.id AS id, m.kind AS kind, m.quantity AS quantity, lf.kind AS fromKind, lt.kind AS toKind,
      m.counterparty AS counterparty, m.doc_type AS docType, m.doc_id AS docId, m.created_at AS at, u.name AS actorName
    FROM movements m
    LEFT JOIN locations lf ON lf.id = m.from_location_id
    LEFT JOIN locations lt ON lt.id = m.to_location_id
    LEFT JOIN users u ON u.id = m.actor_user_id
    WHERE m.store_id = ${storeId} AND m.item_id = ${itemId} ${page.before ? sql`AND m.id < ${page.before}` : sql``}
    ORDER BY m.id DESC LIMIT ${page.limit + 1}`)
  const movements = rows.slice(0, page.limit).map((m) => ({ ...m, id: num(m.id), quantity: num(m.quantity) }))
  return { movements, nextBefore: rows.length > page.limit ? movements.at(-1)!.id : null }
}
