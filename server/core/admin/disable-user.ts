import { sql } from 'drizzle-orm'
import { appendAudit } from '../audit/chain'
import { revokeUserSessions } from '../auth/sessions'
import type { Ctx } from '../context'
import { DomainError, notFound } from '../errors'
import { activeGrants, adminActor, findUser, roleList } from './admin-actor'
import { mayManageUser, seesUser } from './rules'

/** The target of a user administration verb: found, visible to the actor (else 404) and theirs to manage (else 403). */
export async function manageableUser(ctx: Ctx, userId: string) {
  const actor = await adminActor(ctx.db, ctx)
  const user = await findUser(ctx.db, userId)
  const grants = user ? await activeGrants(ctx.db, userId) : []
  if (!user || !seesUser(actor, grants)) throw notFound('User', { userId })
  if (!mayManageUser(actor, userId, grants)) {
    throw new DomainError('FORBIDDEN', userId === actor.userId ? 'You cannot do this to your own account' : 'This person also works elsewhere or above store level: ask a chain administrator', { userId })
  }
  return { actor, user, grants }
}

/**
 * Disables an account: it can no longer sign in or confirm, and every session it has ends now. Its
 * roles stay on record (revoked roles and history prove who held what when). Tablets this person
 * registered stay registered: they belong to the store, and others keep switching on them by PIN —
 * revoke one in the office (POST /stores/{storeId}/devices/{deviceId}/revoke) if it should go too.
 */
export async function disableUser({ ctx, userId }: { ctx: Ctx; userId: string }) {
  const { user, grants } = await manageableUser(ctx, userId)
  const at = ctx.clock.now()
  return ctx.writer.run(async (tx) => {
    const [current] = await tx.all<{ active: number }>(sql`SELECT active FROM users WHERE id = ${userId}`)
    if (!Number(current?.active)) throw new DomainError('INVALID_STATE', 'This account is disabled already', { userId })
    const [open] = await tx.all<{ n: number }>(sql`SELECT COUNT(*) AS n FROM sessions WHERE user_id = ${userId} AND revoked_at IS NULL`)
    await tx.run(sql`UPDATE users SET active = 0, disabled_at = ${at.toISOString()} WHERE id = ${userId}`)
    await revokeUserSessions(tx, at, userId)
    await appendAudit(tx, at, ctx.actor, {
      action: 'user.disabled',
      entityType: 'user',
      entityId: userId,
      storeId: grants.find((g) => g.storeId)?.storeId ?? null,
      before: { active: true },
      after: { active: false, sessionsRevoked: Number(open?.n ?? 0), roles: roleList(grants) },
    })
    return { id: userId, employeeNo: user.employeeNo, active: false, disabledAt: at.toISOString(), sessionsRevoked: Number(open?.n ?? 0) }
  })
}
