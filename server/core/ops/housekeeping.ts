import { and, isNotNull, lt, or, sql } from 'drizzle-orm'
import { idempotencyKeys, loginThrottle, sessions } from '../../../db/schema/index'
import type { Deps } from '../context'

/** How long an ended session row is kept: audit events name their session, so it outlives them in reviews. */
export const SESSION_RETENTION_DAYS = 400

export type HousekeepingResult = { idempotencyKeys: number; sessions: number; loginThrottle: number }

const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000).toISOString()

/**
 * Forgets what has served its purpose, in one write transaction:
 * - idempotency records older than `config.idempotencyRetentionDays` (a retry after that is a new request);
 * - sessions that ended (expired or revoked) more than SESSION_RETENTION_DAYS ago;
 * - sign-in throttle rows whose window began over a day ago and that lock nobody out now.
 * Movements, audit events and corrections are never touched. `npm start` runs it at boot and hourly.
 */
export async function housekeeping(deps: Pick<Deps, 'writer' | 'clock' | 'config'>): Promise<HousekeepingResult> {
  const now = deps.clock.now()
  const nowIso = now.toISOString()
  const sessionCutoff = daysBefore(now, SESSION_RETENTION_DAYS)
  return deps.writer.run(async (tx) => {
    const keys = await tx
      .delete(idempotencyKeys)
      .where(lt(idempotencyKeys.createdAt, daysBefore(now, deps.config.idempotencyRetentionDays)))
      .returning({ key: idempotencyKeys.key })
    const ended = await tx
      .delete(sessions)
      .where(or(lt(sessions.expiresAt, sessionCutoff), and(isNotNull(sessions.revokedAt), lt(sessions.revokedAt, sessionCutoff))))
      .returning({ id: sessions.idHash })
    const throttle = await tx
      .delete(loginThrottle)
      .where(
        and(
          lt(loginThrottle.windowStart, daysBefore(now, 1)),
          or(sql`${loginThrottle.lockedUntil} IS NULL`, lt(loginThrottle.lockedUntil, nowIso)),
        ),
      )
      .returning({ key: loginThrottle.key })
    return { idempotencyKeys: keys.length, sessions: ended.length, loginThrottle: throttle.length }
  })
}
