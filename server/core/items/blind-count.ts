import { sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'

/**
 * Blind counting must not leak through the ordinary look-up: while an item is on an open count of the
 * store, its quantities (stock, movement history) are hidden from everyone who may not review counts —
 * and from reviewers who are themselves counting it. Returns the ids of the given items to hide.
 */
export async function blindItems(db: Db, input: { storeId: string; itemIds: string[]; userId: string; mayReview: boolean }) {
  if (input.itemIds.length === 0) return new Set<string>()
  const ids = sql.join(input.itemIds.map((id) => sql`${id}`), sql`, `)
  const rows = await db.all<{ itemId: string }>(sql`
    SELECT DISTINCT ci.item_id AS itemId FROM count_items ci JOIN counts c ON c.id = ci.count_id
    WHERE c.store_id = ${input.storeId} AND c.status IN ('open', 'recount') AND ci.item_id IN (${ids})
      AND (${input.mayReview ? 0 : 1} = 1 OR EXISTS (
        SELECT 1 FROM count_entries e WHERE e.count_id = c.id AND e.user_id = ${input.userId}))`)
  return new Set(rows.map((r) => r.itemId))
}
