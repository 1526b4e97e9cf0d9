import { sql } from 'drizzle-orm'
import { roleAssignments } from '../../../db/schema/index'
import { appendAudit } from '../audit/chain'
import type { Ctx } from '../context'
import { DomainError, notFound } from '../errors'
import { newId } from '../ids'
import { activeGrants, adminActor, findUser, roleList } from './admin-actor'
import { checkGrant } from './create-user'
import { seesUser } from './rules'
import { GrantInput } from './schemas'

/**
 * Grants a role in a scope. Audited with the person's roles before and after. Nobody grants
 * themselves anything: a second person must, which keeps "promote myself, then confirm" impossible.
 */
export async function grantRole({ ctx, userId, input }: { ctx: Ctx; userId: string; input: unknown }) {
  const data = GrantInput.parse(input)
  const actor = await adminActor(ctx.db, ctx)
  const user = await findUser(ctx.db, userId)
  if (!user || !seesUser(actor, await activeGrants(ctx.db, userId))) throw notFound('User', { userId })
  if (userId === actor.userId) throw new DomainError('FORBIDDEN', 'You cannot change your own roles; another administrator has to', { userId })
  const grant = await checkGrant(ctx.db, actor, data)
  if (!user.active) throw new DomainError('INVALID_STATE', 'This account is disabled', { userId })
  const at = ctx.clock.now()
  return ctx.writer.run(async (tx) => {
    const before = await activeGrants(tx, userId)
    if (before.some((g) => g.role === grant.role && g.storeId === grant.storeId && g.regionId === grant.regionId)) {
      throw new DomainError('DUPLICATE', 'This person holds this role here already', { role: grant.role, storeId: grant.storeId, regionId: grant.regionId })
    }
    const id = newId()
    await tx.insert(roleAssignments).values({ id, userId, ...grant, grantedBy: actor.userId, grantedAt: at.toISOString() })
    const after = [...before, grant]
    await appendAudit(tx, at, ctx.actor, {
      action: 'role.granted',
      entityType: 'user',
      entityId: userId,
      storeId: grant.storeId,
      before: { roles: roleList(before) },
      after: { roles: roleList(after), granted: { id, ...grant } },
    })
    return { id, userId, ...grant, grantedAt: at.toISOString(), grantedBy: actor.userId }
  })
}

/** Revokes one grant (never deleted: the history proves who held what when). Audited before/after. */
export async function revokeRole({ ctx, assignmentId }: { ctx: Ctx; assignmentId: string }) {
  const actor = await adminActor(ctx.db, ctx)
  const [grant] = await ctx.db.all<{ id: string; userId: string; role: string; storeId: string | null; regionId: string | null; revokedAt: string | null }>(
    sql`SELECT id, user_id AS userId, role, store_id AS storeId, region_id AS regionId, revoked_at AS revokedAt FROM role_assignments WHERE id = ${assignmentId}`,
  )
  if (!grant || !seesUser(actor, await activeGrants(ctx.db, grant.userId))) throw notFound('Role assignment', { assignmentId })
  if (grant.userId === actor.userId) throw new DomainError('FORBIDDEN', 'You cannot change your own roles; another administrator has to', { assignmentId })
  await checkGrant(ctx.db, actor, { role: grant.role as never, storeId: grant.storeId ?? undefined, regionId: grant.regionId ?? undefined })
  const at = ctx.clock.now()
  return ctx.writer.run(async (tx) => {
    const before = await activeGrants(tx, grant.userId)
    if (!before.some((g) => g.id === assignmentId)) throw new DomainError('INVALID_STATE', 'This role was revoked already', { assignmentId })
    await tx.run(sql`UPDATE role_assignments SET revoked_at = ${at.toISOString()}, revoked_by = ${actor.userId} WHERE id = ${assignmentId} AND revoked_at IS NULL`)
    const after = before.filter((g) => g.id !== assignmentId)
    await appendAudit(tx, at, ctx.actor, {
      action: 'role.revoked',
      entityType: 'user',
      entityId: grant.userId,
      storeId: grant.storeId,
      before: { roles: roleList(before) },
      after: { roles: roleList(after), revoked: { id: assignmentId, role: grant.role, storeId: grant.storeId, regionId: grant.regionId } },
    })
    return { id: assignmentId, userId: grant.userId, revokedAt: at.toISOString(), revokedBy: actor.userId }
  })
}
