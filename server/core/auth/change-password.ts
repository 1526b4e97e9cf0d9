import { sql } from 'drizzle-orm'
import { appendAudit } from '../audit/chain'
import type { Ctx } from '../context'
import { hashSecret, verifySecret } from './passwords'
import {
  accountState,
  ownAccount,
  recentOwnChange,
  refuseWrongProof,
  sameSecret,
  unchangedSince,
  weakSecret,
  type SecretChanged,
} from './own-secrets'
import { ChangePasswordInput } from './schemas'
import { PASSWORD_MIN_LENGTH, passwordProblem } from './rules'
import { revokeUserSessions } from './sessions'
import { clearFailures } from './throttle'

/**
 * The signed-in person sets their own password, proven with the current one (also a temporary one: that is
 * how a new or reset account gets going). It must pass `passwordProblem` and differ from the current one.
 * Then the password is theirs: not temporary any more, `credentials_set_by` = themself (so nobody's
 * corrections are kept from them because someone else once set it), and every OTHER session of theirs ends
 * — whoever knew the old password is out. A wrong current password counts toward the sign-in lockout. A retry
 * from the same session after the change went through (the answer was lost) answers the same, writing nothing.
 */
export async function changePassword({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<SecretChanged> {
  const data = ChangePasswordInput.parse(input)
  const me = await ownAccount(ctx)
  const problem = passwordProblem(data.newPassword, me)
  if (problem) throw weakSecret('password', problem, { minLength: PASSWORD_MIN_LENGTH })

  if (!(await verifySecret(me.passwordHash, data.currentPassword))) {
    const replay = await recentOwnChange(ctx, me.id, 'user.password_changed')
    if (replay && (await verifySecret(me.passwordHash, data.newPassword))) return { ...replay, account: accountState(me), replayed: true }
    return refuseWrongProof(ctx, me, 'password', 'password')
  }
  if (data.newPassword.normalize('NFKC') === data.currentPassword.normalize('NFKC')) throw sameSecret('password')

  const passwordHash = await hashSecret(data.newPassword)
  const at = ctx.clock.now()
  const sessionId = ctx.actor.sessionId!
  return ctx.writer.run(async (tx) => {
    await unchangedSince(tx, me, 'password_hash')
    await clearFailures(tx, me.throttle)
    await tx.run(sql`UPDATE users SET password_hash = ${passwordHash}, password_temporary = 0, credentials_set_by = ${me.id},
      credentials_set_at = ${at.toISOString()} WHERE id = ${me.id}`)
    const sessionsEnded = await revokeUserSessions(tx, at, me.id, sessionId)
    await appendAudit(tx, at, ctx.actor, {
      action: 'user.password_changed',
      entityType: 'user',
      entityId: me.id,
      // Never the password: whether the one replaced was someone else's, and who had set it.
      before: { temporary: me.passwordTemporary, credentialsSetBy: me.credentialsSetBy },
      after: { temporary: false, credentialsSetBy: me.id, sessionsEnded },
    })
    return { changedAt: at.toISOString(), sessionsEnded, account: accountState({ ...me, passwordTemporary: false }), replayed: false }
  })
}
