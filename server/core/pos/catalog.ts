import { sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'

/** What a till needs of the catalog: SKU, name, price and barcodes, paged by SKU (keyset). */
export async function posCatalog(db: Db, page: { limit: number; after?: string | undefined }) {
  const rows = await db.all<{ sku: string; name: string; price: number; barcodes: string | null }>(sql`
    SELECT i.sku, i.name, i.price, (SELECT group_concat(barcode, ' ') FROM item_barcodes WHERE item_id = i.id) AS barcodes
    FROM items i WHERE i.active = 1 ${page.after ? sql`AND i.sku > ${page.after}` : sql``}
    ORDER BY i.sku LIMIT ${page.limit + 1}`)
  const items = rows.slice(0, page.limit).map((r) => ({ sku: r.sku, name: r.name, price: Number(r.price), barcodes: r.barcodes ? r.barcodes.split(' ') : [] }))
  return { items, nextAfter: rows.length > page.limit ? items.at(-1)!.sku : null }
}
