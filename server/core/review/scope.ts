import { sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { loadGrants } from '../access/load-access'
import { can, type Action, type Grant } from '../access/policy'
import type { Ctx } from '../context'
import { DomainError } from '../errors'
import type { Tx } from '../writer'

export type ScopedStore = {
  id: string
  code: string
  name: string
  regionId: string
  regionName: string
  timezone: string
  opensAt: string
  closesAt: string
}

/** The caller's active grants, read fresh (a role revoked a second ago no longer counts). */
export async function actorGrants(ctx: Ctx): Promise<Grant[]> {
  if (!ctx.actor.userId) throw new DomainError('UNAUTHENTICATED', 'Sign in to continue')
  return loadGrants(ctx.db, ctx.actor.userId)
}

/** Every store in which the grants allow `action`, ordered by store code. */
export async function storesWith(db: Db | Tx, grants: Grant[], action: Action): Promise<ScopedStore[]> {
  const rows = await db.all<ScopedStore>(sql`
    SELECT s.id, s.code, s.name, s.region_id AS regionId, r.name AS regionName, s.timezone,
      s.opens_at AS opensAt, s.closes_at AS closesAt
    FROM stores s JOIN regions r ON r.id = s.region_id ORDER BY s.code`)
  return rows.filter((store) => can(grants, action, store))
}

export type StoreSelection = { storeIds?: string[] | undefined; regionId?: string | undefined }

/**
 * Narrows the caller's stores to an explicit selection. A store or region outside the caller's scope
 * answers 404, as if it did not exist, so ids cannot be probed.
 */
export function selectStores(scope: ScopedStore[], selection: StoreSelection): ScopedStore[] {
  let picked = scope
  if (selection.regionId !== undefined) {
    picked = picked.filter((s) => s.regionId === selection.regionId)
    if (picked.length === 0) throw new DomainError('NOT_FOUND', 'Region not found', { regionId: selection.regionId })
  }
  if (selection.storeIds !== undefined && selection.storeIds.length > 0) {
    const byId = new Map(picked.map((s) => [s.id, s]))
    picked = selection.storeIds.map((id) => {
      const store = byId.get(id)
      if (!store) throw new DomainError('NOT_FOUND', 'Store not found', { storeId: id })
      return store
    })
    picked = [...new Map(picked.map((s) => [s.id, s])).values()]
  }
  return picked
}

/** One SQL parameter carrying a list of ids, for `IN (SELECT value FROM json_each(...))`. */
export const idList = (ids: readonly string[]) => sql`(SELECT value FROM json_each(${JSON.stringify(ids)}))`
