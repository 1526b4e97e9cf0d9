import { sql, type SQL } from 'drizzle-orm'
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
  // Names and categories only: every SKU starts with "SKU", so matching SKUs by word would match all.
  return words.length === 0 ? null : `{name category} : (${words.map((w) => `"${w}"*`).join(' ')})`
}

/** A typed SKU (or its start), e.g. "sku-0001" → "SKU-0001": letters, digits and dashes with a digit. */
export function toSkuPrefix(input: string): string | null {
  const value = input.normalize('NFKC').trim().toUpperCase()
  return /^[A-Z0-9][A-Z0-9-]{2,31}$/.test(value) && /[0-9]/.test(value) ? value : null
}

export type SearchHit = {
  id: string
  sku: string
  name: string
  category: string
  price: number
  barcodes: string[]
  /** null while the item is being counted blind by this caller. */
  floor: number | null
  stockroom: number | null
}

export async function searchItems(db: Db, storeId: string, q: string, limit: number, hidden?: (itemIds: string[]) => Promise<Set<string>>): Promise<SearchHit[]> {
  const skuPrefix = toSkuPrefix(q)
  const fts = toFtsQuery(q)
  // A SKU prefix is a range scan on the unique SKU index; words go through the full-text index.
  const hits = skuPrefix
    ? sql`SELECT i.id, i.sku, i.name, i.category, i.price FROM items i
        WHERE i.sku >= ${skuPrefix} AND i.sku < ${skuPrefix + '\uffff'} AND i.active = 1 ORDER BY i.sku LIMIT ${limit}`
    : fts
      ? sql`SELECT i.id, i.sku, i.name, i.category, i.price FROM items_fts f JOIN items i ON i.rowid = f.rowid
          WHERE items_fts MATCH ${fts} AND i.active = 1 ORDER BY f.rank LIMIT ${limit}`
      : null
  if (!hits) return []
  let rows = await withStock(db, storeId, hits)
  if (rows.length === 0 && skuPrefix && fts) {
    rows = await withStock(db, storeId, sql`SELECT i.id, i.sku, i.name, i.category, i.price FROM items_fts f JOIN items i ON i.rowid = f.rowid
      WHERE items_fts MATCH ${fts} AND i.active = 1 ORDER BY f.rank LIMIT ${limit}`)
  }
  const blind = hidden ? await hidden(rows.map((r) => r.id)) : new Set<string>()
  return rows.map((r) => (blind.has(r.id) ? { ...r, floor: null, stockroom: null } : r))
}

async function withStock(db: Db, storeId: string, hits: SQL): Promise<SearchHit[]> {
  const rows = await db.all<Omit<SearchHit, 'barcodes'> & { barcodes: string | null }>(sql`
    WITH hits AS (${hits})
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
