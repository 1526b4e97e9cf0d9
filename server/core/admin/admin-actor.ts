import { sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import type { Role } from '../../../db/schema/index'
import { loadGrants } from '../access/load-access'
import { can, canAnywhere } from '../access/policy'
import type { Ctx } from '../context'
import { DomainError } from '../errors'
import type { Tx } from '../writer'
import type { ActiveGrant, AdminActor } from './rules'

/** The acting administrator: chain-wide or the stores in which they hold store.users, from grants read now. */
export async function adminActor(db: Db | Tx, ctx: Ctx): Promise<AdminActor> {
  const userId = ctx.actor.userId
  if (!userId) throw new DomainError('UNAUTHENTICATED', 'Sign in to continue')
  const grants = await loadGrants(db, userId)
  const stores = await db.all<{ id: string; regionId: string }>(sql`SELECT id, region_id AS regionId FROM stores`)
  return {
    userId,
    chainAdmin: canAnywhere(grants, 'chain.manage'),
    managedStores: new Set(stores.filter((s) => can(grants, 'store.users', s)).map((s) => s.id)),
  }
}

export type ActiveGrantRow = ActiveGrant & { id: string; grantedAt: string; grantedBy: string | null }

export async function activeGrants(db: Db | Tx, userId: string): Promise<ActiveGrantRow[]> {
  return db.all<ActiveGrantRow>(sql`SELECT id, role, store_id AS storeId, region_id AS regionId, granted_at AS grantedAt, granted_by AS grantedBy
    FROM role_assignments WHERE user_id = ${userId} AND revoked_at IS NULL ORDER BY granted_at, id`)
}

/** What an audit event records about a person's roles (before / after a change). */
export const roleList = (grants: ReadonlyArray<{ role: Role; storeId: string | null; regionId: string | null }>) =>
  grants.map((g) => ({ role: g.role, storeId: g.storeId, regionId: g.regionId }))

export type TargetUser = { id: string; employeeNo: string; name: string; active: boolean }

export async function findUser(db: Db | Tx, userId: string): Promise<TargetUser | undefined> {
  const [row] = await db.all<{ id: string; employeeNo: string; name: string; active: number }>(
    sql`SELECT id, employee_no AS employeeNo, name, active FROM users WHERE id = ${userId}`,
  )
  return row && { ...row, active: Boolean(Number(row.active)) }
}
