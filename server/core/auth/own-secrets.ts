import { eq, sql } from 'drizzle-orm'
import { users } from '../../../db/schema/index'
import { appendAudit } from '../audit/chain'
import type { Ctx } from '../context'
import { DomainError } from '../errors'
import { first } from '../sql'
import type { Tx } from '../writer'
import { lockedUntil, recordFailure, throttleKey } from './throttle'

/**
 * What changing one's own password or PIN shares: the person (from the session, never the body), the
 * lockout it counts toward (the same as sign-in), recognising a retry of a change that went through,
 * and the answer.
 */

/** A retry of a change this session made less than this long ago answers as the first time did. */
export const REPLAY_WINDOW_MS = 10 * 60_000

export type OwnAccount = {
  id: string
  employeeNo: string
  name: string
  passwordHash: string
  pinHash: string | null
  passwordTemporary: boolean
  pinTemporary: boolean
  credentialsSetBy: string | null
}

/** What the account screen needs to know after a change (and /me says the same). */
export type AccountState = { mustChangePassword: boolean; mustChangePin: boolean; hasPin: boolean }

export type SecretChanged = { changedAt: string; sessionsEnded: number; account: AccountState; replayed: boolean }

export async function ownAccount(ctx: Ctx): Promise<OwnAccount & { throttle: string }> {
  const userId = ctx.actor.userId
  if (!userId || !ctx.actor.sessionId) throw new DomainError('UNAUTHENTICATED', 'Sign in to continue')
  const [row] = await ctx.db
    .select({
      id: users.id,
      employeeNo: users.employeeNo,
      name: users.name,
      passwordHash: users.passwordHash,
      pinHash: users.pinHash,
      passwordTemporary: users.passwordTemporary,
      pinTemporary: users.pinTemporary,
      credentialsSetBy: users.credentialsSetBy,
      active: users.active,
    })
    .from(users)
    .where(eq(users.id, userId))
  if (!row?.active) throw new DomainError('UNAUTHENTICATED', 'Sign in to continue')
  const throttle = throttleKey(row.employeeNo)
  const lock = await lockedUntil(ctx, throttle)
  if (lock) throw locked(lock, ctx.clock.now())
  return { ...row, throttle }
}

export const accountState = (row: { passwordTemporary: boolean; pinTemporary: boolean; pinHash: string | null }): AccountState => ({
  mustChangePassword: row.passwordTemporary,
  mustChangePin: row.pinHash !== null && row.pinTemporary,
  hasPin: row.pinHash !== null,
})

export function weakSecret(secret: 'password' | 'pin', reason: string, details: Record<string, unknown> = {}) {
  const what = secret === 'password' ? 'password' : 'PIN'
  return new DomainError('WEAK_SECRET', `This ${what} is too easy to guess (${reason}): choose another`, { secret, reason, ...details })
}

export const sameSecret = (secret: 'password' | 'pin') =>
  new DomainError('SAME_SECRET', secret === 'password' ? 'The new password is the current one: choose a different one' : 'The new PIN is the current one: choose a different one', { secret })

export function locked(until: Date, now: Date) {
  return new DomainError('ACCOUNT_LOCKED', 'Too many failed attempts; this account is locked for a while', {
    retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)),
  })
}

/**
 * A wrong current password or PIN counts toward the sign-in lockout (10 within 15 minutes, shared with
 * sign-in and step-up) and is audited (without the secret). Like a failed sign-in it leaves sessions alone.
 */
export async function refuseWrongProof(ctx: Ctx, me: { id: string; throttle: string }, secret: 'password' | 'pin', proof: 'password' | 'pin'): Promise<never> {
  const at = ctx.clock.now()
  const lockedNow = await ctx.writer.run(async (tx) => {
    const lock = await recordFailure(tx, at, me.throttle)
    await appendAudit(tx, at, ctx.actor, {
      action: 'auth.credential_change_failed',
      entityType: 'user',
      entityId: me.id,
      after: { secret, proof, locked: lock !== null },
    })
    return lock
  })
  if (lockedNow) throw locked(lockedNow, at)
  throw new DomainError('INVALID_CREDENTIALS', proof === 'password' ? 'Your current password is not correct' : 'Your current PIN is not correct', { proof })
}

/**
 * The last change of this kind, if this very session made it within REPLAY_WINDOW_MS: the request is then
 * probably a retry of it (the answer was lost). The caller still checks that the new secret is what is stored.
 */
export async function recentOwnChange(ctx: Ctx, userId: string, action: 'user.password_changed' | 'user.pin_changed') {
  const last = await first<{ at: string; sessionId: string | null; after: string | null }>(
    ctx.db,
    sql`SELECT at, session_id AS sessionId, after FROM audit_events
      WHERE entity_type = 'user' AND entity_id = ${userId} AND action = ${action} ORDER BY seq DESC LIMIT 1`,
  )
  if (!last || last.sessionId !== ctx.actor.sessionId) return null
  const age = ctx.clock.now().getTime() - Date.parse(last.at)
  if (age < 0 || age > REPLAY_WINDOW_MS) return null
  const after = last.after ? (JSON.parse(last.after) as { sessionsEnded?: unknown }) : {}
  return { changedAt: last.at, sessionsEnded: Number(after.sessionsEnded ?? 0) }
}

/** Inside the writer: the secret is still the one the request proved (no other change slipped in). */
export async function unchangedSince(tx: Tx, me: OwnAccount, column: 'password_hash' | 'pin_hash') {
  const [row] = await tx.all<{ hash: string | null; active: number }>(sql`SELECT ${sql.raw(column)} AS hash, active FROM users WHERE id = ${me.id}`)
  if (!row || !Number(row.active)) throw new DomainError('UNAUTHENTICATED', 'This account is disabled')
  const expected = column === 'password_hash' ? me.passwordHash : me.pinHash
  if (row.hash !== expected) {
    throw new DomainError('CONFLICT', 'Your password or PIN was changed meanwhile (another tablet?): look again and retry', { secret: column === 'password_hash' ? 'password' : 'pin' })
  }
}

/** For /me: whether the person still has to replace a password or PIN someone else set. */
export async function readAccountState(db: Ctx['db'], userId: string): Promise<AccountState> {
  const row = await first<{ passwordTemporary: number; pinTemporary: number; hasPin: number }>(
    db,
    sql`SELECT password_temporary AS passwordTemporary, pin_temporary AS pinTemporary, pin_hash IS NOT NULL AS hasPin FROM users WHERE id = ${userId}`,
  )
  const hasPin = Boolean(Number(row?.hasPin))
  return { mustChangePassword: Boolean(Number(row?.passwordTemporary)), mustChangePin: hasPin && Boolean(Number(row?.pinTemporary)), hasPin }
}
