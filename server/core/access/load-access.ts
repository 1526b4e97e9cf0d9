import { and, eq, isNull } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { roleAssignments, stores } from '../../../db/schema/index'
import type { Tx } from '../writer'
import { seesStore, type Grant, type StoreRef } from './policy'

/** Active grants, read fresh from the database (on every request, and again inside decisions). */
export async function loadGrants(db: Db | Tx, userId: string): Promise<Grant[]> {
  return db
    .select({ role: roleAssignments.role, storeId: roleAssignments.storeId, regionId: roleAssignments.regionId })
    .from(roleAssignments)
    .where(and(eq(roleAssignments.userId, userId), isNull(roleAssignments.revokedAt)))
}

export async function findStore(db: Db | Tx, storeId: string): Promise<StoreRef | undefined> {
  const [store] = await db.select({ id: stores.id, regionId: stores.regionId }).from(stores).where(eq(stores.id, storeId))
  return store
}

/** Every store a person may see, with names, for the store picker. */
export async function visibleStores(db: Db, grants: Grant[]) {
  const all = await db.query.stores.findMany({ orderBy: (s, { asc }) => asc(s.code) })
  return all.filter((store) => seesStore(grants, store))
}
