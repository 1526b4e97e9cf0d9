import { eq } from 'drizzle-orm'
import { sessions, users } from '../../../db/schema/index'
import { appendAudit } from '../audit/chain'
import type { Ctx, Deps } from '../context'
import { DomainError } from '../errors'
import { dummyHash, normalizeEmployeeNo, verifySecret } from './passwords'
import { recordFailure, lockedUntil, throttleKey, clearFailures } from './throttle'

export type Credentials = { employeeNo: string; pin?: string; password?: string }

/**
 * Proves, right now, who is standing at the tablet: the employee's own PIN or password, checked
 * outside the writer. Failures count towards the same lockout as sign-in. Used by confirmations
 * (a manager confirms on a clerk's tablet by typing their PIN) and by the step-up endpoint. A secret
 * someone else set (temporary) is refused once verified: 403 PIN_CHANGE_REQUIRED / PASSWORD_CHANGE_REQUIRED.
 */
export async function verifyCredentials(deps: Deps, actorForAudit: Ctx['actor'], input: Credentials): Promise<{ userId: string }> {
  const employeeNo = normalizeEmployeeNo(input.employeeNo)
  const key = throttleKey(employeeNo)
  const lock = await lockedUntil(deps, key)
  if (lock) throw new DomainError('ACCOUNT_LOCKED', 'Too many failed attempts; this account is locked for a while')
  const [user] = await deps.db.select().from(users).where(eq(users.employeeNo, employeeNo))
  const secret = input.pin ?? input.password ?? ''
  const stored = input.pin !== undefined ? user?.pinHash : user?.passwordHash
  // An unknown number (or one without a PIN) costs the same hash as a known one: timing tells nothing.
  const matches = await verifySecret(stored ?? (await dummyHash()), secret)
  const ok = Boolean(user?.active && stored && matches)
  const at = deps.clock.now()
  await deps.writer.run(async (tx) => {
    if (ok) return clearFailures(tx, key)
    await recordFailure(tx, at, key)
    await appendAudit(tx, at, actorForAudit, {
      action: 'auth.step_up_failed',
      entityType: 'user',
      entityId: user?.id ?? employeeNo,
      after: { method: input.pin !== undefined ? 'pin' : 'password' },
    })
  })
  if (!ok || !user) throw new DomainError('INVALID_CREDENTIALS', 'Employee number or PIN/password is not correct')
  // Right, but someone else set it (or the holder still has to replace a password someone else set): whoever set
  // it knows it, so it proves nothing about who is at the tablet — said only once the secret was right.
  if (user.passwordTemporary) {
    throw new DomainError('PASSWORD_CHANGE_REQUIRED', `${user.name}'s password was set by someone else: they sign in and choose their own before confirming anything`, {
      employeeNo: user.employeeNo,
    })
  }
  if (input.pin !== undefined && user.pinTemporary) {
    throw new DomainError('PIN_CHANGE_REQUIRED', `${user.name}'s PIN was set by someone else, so it confirms nothing: they set their own PIN first (in their account, with their password)`, {
      employeeNo: user.employeeNo,
    })
  }
  return { userId: user.id }
}

/** Marks the current session as freshly proven (valid for config.stepUpSeconds). */
export async function stepUp({ ctx, input }: { ctx: Ctx; input: { pin?: string; password?: string } }) {
  const [me] = await ctx.db.select({ employeeNo: users.employeeNo }).from(users).where(eq(users.id, ctx.actor.userId ?? ''))
  if (!me || !ctx.actor.sessionId) throw new DomainError('UNAUTHENTICATED', 'Sign in first')
  await verifyCredentials(ctx, ctx.actor, { employeeNo: me.employeeNo, ...input })
  const at = ctx.clock.now()
  await ctx.writer.run(async (tx) => {
    await tx.update(sessions).set({ stepUpAt: at.toISOString() }).where(eq(sessions.idHash, ctx.actor.sessionId!))
    await appendAudit(tx, at, ctx.actor, { action: 'auth.step_up', entityType: 'user', entityId: ctx.actor.userId! })
  })
  return { validUntil: new Date(at.getTime() + ctx.config.stepUpSeconds * 1000).toISOString() }
}
