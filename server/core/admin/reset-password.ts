import { sql } from 'drizzle-orm'
import { appendAudit } from '../audit/chain'
import { hashSecret } from '../auth/passwords'
import { revokeUserSessions } from '../auth/sessions'
import type { Ctx } from '../context'
import { DomainError } from '../errors'
import { manageableUser } from './disable-user'
import { ResetPasswordInput } from './schemas'

/**
 * Sets a temporary password for someone who forgot theirs — the same people a PIN reset may reach
 * (`manageableUser`: a chain administrator anyone but themselves, a store manager the people of their own
 * stores up to store manager). Every session of theirs ends (whoever knew the old password is out); at their
 * next sign-in they must choose their own before doing anything else (403 PASSWORD_CHANGE_REQUIRED). The user
 * row records who set it (users.credentials_set_by/at: 90 days of ADMINISTERED_BY_ENTERER unless the holder
 * replaces it); the audit event never the password.
 */
export async function resetPassword({ ctx, userId, input }: { ctx: Ctx; userId: string; input: unknown }) {
  const { password } = ResetPasswordInput.parse(input)
  const { user, grants } = await manageableUser(ctx, userId)
  if (!user.active) throw new DomainError('INVALID_STATE', 'This account is disabled', { userId })
  const passwordHash = await hashSecret(password)
  const at = ctx.clock.now()
  const setBy = ctx.actor.userId!
  return ctx.writer.run(async (tx) => {
    const [before] = await tx.all<{ active: number; temporary: number }>(sql`SELECT active, password_temporary AS temporary FROM users WHERE id = ${userId}`)
    if (!Number(before?.active)) throw new DomainError('INVALID_STATE', 'This account is disabled', { userId })
    await tx.run(sql`UPDATE users SET password_hash = ${passwordHash}, password_temporary = 1, credentials_set_by = ${setBy},
      credentials_set_at = ${at.toISOString()} WHERE id = ${userId}`)
    const sessionsEnded = await revokeUserSessions(tx, at, userId)
    await appendAudit(tx, at, ctx.actor, {
      action: 'user.password_reset',
      entityType: 'user',
      entityId: userId,
      storeId: grants.find((g) => g.storeId)?.storeId ?? null,
      before: { temporary: Boolean(Number(before?.temporary)) },
      after: { temporary: true, sessionsEnded },
    })
    return { id: userId, mustChangePassword: true, sessionsEnded }
  })
}
