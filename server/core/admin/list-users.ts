import { sql, type SQL } from 'drizzle-orm'
import type { Role } from '../../../db/schema/index'
import type { Ctx } from '../context'
import { DomainError } from '../errors'
import { idList } from '../review/scope'
import { adminActor } from './admin-actor'
import { ListUsersQuery } from './schemas'

export type UserView = {
  id: string
  employeeNo: string
  name: string
  locale: string
  active: boolean
  disabledAt: string | null
  createdAt: string
  hasPin: boolean
  /** The password / PIN was set by a manager or administrator and the holder has not replaced it yet. */
  passwordTemporary: boolean
  pinTemporary: boolean
  roles: Array<{ id: string; role: Role; storeId: string | null; regionId: string | null; grantedAt: string; grantedBy: string | null }>
}

/** Users with their active roles: all of them for a chain administrator, the people of my stores for a store manager. */
export async function listUsers({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const query = ListUsersQuery.parse(input)
  const actor = await adminActor(ctx.db, ctx)
  if (query.storeId && !actor.chainAdmin && !actor.managedStores.has(query.storeId)) {
    throw new DomainError('NOT_FOUND', 'Store not found', { storeId: query.storeId })
  }
  const where: SQL[] = []
  const stores = query.storeId ? [query.storeId] : actor.chainAdmin ? null : [...actor.managedStores]
  if (stores) where.push(sql`EXISTS (SELECT 1 FROM role_assignments ra WHERE ra.user_id = u.id AND ra.revoked_at IS NULL AND ra.store_id IN ${idList(stores)})`)
  if (!query.includeDisabled) where.push(sql`u.active = 1`)
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`
    where.push(sql`(u.name LIKE ${like} ESCAPE '\\' OR u.employee_no LIKE ${like.toUpperCase()} ESCAPE '\\')`)
  }
  type Row = Omit<UserView, 'roles' | 'active' | 'hasPin' | 'passwordTemporary' | 'pinTemporary'> & {
    active: number
    hasPin: number
    passwordTemporary: number
    pinTemporary: number
  }
  const rows = await ctx.db.all<Row>(sql`
    SELECT u.id, u.employee_no AS employeeNo, u.name, u.locale, u.active, u.disabled_at AS disabledAt, u.created_at AS createdAt,
      u.pin_hash IS NOT NULL AS hasPin, u.password_temporary AS passwordTemporary, u.pin_hash IS NOT NULL AND u.pin_temporary AS pinTemporary
    FROM users u ${where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``}
    ORDER BY u.employee_no LIMIT ${query.limit + 1} OFFSET ${query.offset}`)
  const page = rows.slice(0, query.limit)
  const grants = page.length
    ? await ctx.db.all<UserView['roles'][number] & { userId: string }>(sql`
        SELECT id, user_id AS userId, role, store_id AS storeId, region_id AS regionId, granted_at AS grantedAt, granted_by AS grantedBy
        FROM role_assignments WHERE revoked_at IS NULL AND user_id IN ${idList(page.map((u) => u.id))} ORDER BY granted_at, id`)
    : []
  const users: UserView[] = page.map((u) => ({
    ...u,
    active: Boolean(Number(u.active)),
    hasPin: Boolean(Number(u.hasPin)),
    passwordTemporary: Boolean(Number(u.passwordTemporary)),
    pinTemporary: Boolean(Number(u.pinTemporary)),
    roles: grants.filter((g) => g.userId === u.id).map(({ userId: _u, ...g }) => g),
  }))
  return { users, nextOffset: rows.length > query.limit ? query.offset + query.limit : null }
}
