import { sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'

/**
 * Turns what a person typed into a safe FTS5 prefix query: only letters and digits survive, each
 * word must match the start of a word in name, SKU or category. Quotes, operators, wildcards and
 * control characters never reach FTS5's query syntax.
 */
export function toFtsQuery(input: string): string | null {
  const words = input
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 8)
  return words.length === 0 ? null : words.map((w) => `"${w}"*`).join(' ')
}

export type SearchHit = {
  id: string
  sku: string
  name: string
  category: string
  price: number
  barcodes: string[]
  floor: number
  stockroom: number
}

export async function searchItems(db: Db, storeId: string, q: string, limit: number): Promise<SearchHit[]> {
  const fts = toFtsQuery(q)
  if (!fts) return []
  const rows = await db.all<Omit<SearchHit, 'barcodes'> & { barcodes: string | null }>(sql`
    WITH hits AS (
      SELECT i.rowid AS rid, i.id, i.sku, i.name, i.category, i.price FROM items_fts f
      JOIN items i ON i.rowid = f.rowid
      WHERE items_fts MATCH ${fts} AND i.active = 1
      ORDER BY f.rank LIMIT ${limit}
    )
    SELECT h.id AS id, h.sku AS sku, h.name AS name, h.category AS category, h.price AS price,
      (SELECT group_concat(barcode) FROM item_barcodes WHERE item_id = h.id) AS barcodes,
      COALESCE((SELECT SUM(b.quantity) FROM balances b JOIN locations l ON l.id = b.location_id
        WHERE b.store_id = ${storeId} AND b.item_id = h.id AND l.kind = 'floor'), 0) AS floor,
      COALESCE((SELECT SUM(b.quantity) FROM balances b JOIN locations l ON l.id = b.location_id
        WHERE b.store_id = ${storeId} AND b.item_id = h.id AND l.kind = 'stockroom'), 0) AS stockroom
    FROM hits h`)
  return rows.map((r) => ({
    ...r,
    price: Number(r.price),
    floor: Number(r.floor),
    stockroom: Number(r.stockroom),
    barcodes: r.barcodes ? r.barcodes.split(',') : [],
  }))
}
