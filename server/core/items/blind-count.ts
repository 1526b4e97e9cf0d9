import { sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { loadGrants } from '../access/load-access'
import { can, type Grant, type StoreRef } from '../access/policy'
import type { Tx } from '../writer'

/**
 * Blind counting must not leak through the ordinary look-up: while an item is on an open count of the
 * store, its quantities (stock, movement history) are hidden from everyone who may not review counts —
 * and from reviewers who are themselves counting it. Returns the ids of the given items to hide.
 */
export async function blindItems(db: Db | Tx, input: { storeId: string; itemIds: string[]; userId: string; mayReview: boolean }) {
  if (input.itemIds.length === 0) return new Set<string>()
  const ids = sql.join(input.itemIds.map((id) => sql`${id}`), sql`, `)
  const rows = await db.all<{ itemId: string }>(sql`
    SELECT DISTINCT ci.item_id AS itemId FROM count_items ci JOIN counts c ON c.id = ci.count_id
    WHERE c.store_id = ${input.storeId} AND c.status IN ('open', 'recount') AND ci.item_id IN (${ids})
      AND (${input.mayReview ? 0 : 1} = 1 OR EXISTS (
        SELECT 1 FROM count_entries e WHERE e.count_id = c.id AND e.user_id = ${input.userId}))`)
  return new Set(rows.map((r) => r.itemId))
}

/**
 * Who is looking, as far as blind counts go: the same people are blind everywhere (look-up,
 * replenishment, …) — anyone without `count.review` in the store, and reviewers who count.
 */
export type Viewer = { userId: string | null; mayReview: boolean }

/** The viewer from grants the HTTP edge has already loaded for this request. */
export const viewerFrom = (grants: Grant[], store: StoreRef, userId: string | null): Viewer => ({
  userId,
  mayReview: userId !== null && can(grants, 'count.review', store),
})

/** The viewer behind a core verb's actor, with grants read fresh (a till key or no user: blind). */
export async function loadViewer(db: Db | Tx, store: StoreRef, userId: string | null | undefined): Promise<Viewer> {
  if (!userId) return { userId: null, mayReview: false }
  return viewerFrom(await loadGrants(db, userId), store, userId)
}

/** The items among `itemIds` whose quantities `viewer` may not see now in `storeId`. */
export const hiddenFrom = (db: Db | Tx, storeId: string, viewer: Viewer, itemIds: string[]) =>
  blindItems(db, { storeId, itemIds: [...new Set(itemIds)], userId: viewer.userId ?? '', mayReview: viewer.mayReview })
