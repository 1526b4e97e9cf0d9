import { eq } from 'drizzle-orm'
import { loginThrottle } from '../../../db/schema/index'
import type { Deps } from '../context'
import type { Tx } from '../writer'

/** 10 failures within 15 minutes lock the employee number for 15 minutes (stored: survives restarts). */
export const LOCKOUT = { maxFailures: 10, windowMs: 15 * 60_000, lockMs: 15 * 60_000 } as const

export const throttleKey = (employeeNo: string) => `emp:${employeeNo}`

export async function lockedUntil(deps: Deps, key: string): Promise<Date | null> {
  const [row] = await deps.db.select().from(loginThrottle).where(eq(loginThrottle.key, key))
  if (!row?.lockedUntil) return null
  const until = new Date(row.lockedUntil)
  return until > deps.clock.now() ? until : null
}

/** Counts a failure; returns the lock end when this failure locks the account. */
export async function recordFailure(tx: Tx, at: Date, key: string): Promise<Date | null> {
  const [row] = await tx.select().from(loginThrottle).where(eq(loginThrottle.key, key))
  const windowOpen = row && at.getTime() - Date.parse(row.windowStart) < LOCKOUT.windowMs
  const failures = windowOpen ? row.failures + 1 : 1
  const windowStart = windowOpen ? row.windowStart : at.toISOString()
  const lock = failures >= LOCKOUT.maxFailures ? new Date(at.getTime() + LOCKOUT.lockMs) : null
  const values = { key, failures: lock ? 0 : failures, windowStart: lock ? at.toISOString() : windowStart, lockedUntil: lock?.toISOString() ?? null }
  await tx.insert(loginThrottle).values(values).onConflictDoUpdate({ target: loginThrottle.key, set: values })
  return lock
}

export async function clearFailures(tx: Tx, key: string) {
  await tx.delete(loginThrottle).where(eq(loginThrottle.key, key))
}

/**
 * Per-IP attempt limiter, in memory (a fixed window per address). It blunts password spraying across
 * many employee numbers; the stored per-account lockout above is what survives a restart.
 */
export class IpLimiter {
  #hits = new Map<string, { count: number; resetAt: number }>()
  constructor(
    private readonly limit = 30,
    private readonly windowMs = 60_000,
  ) {}

  /** Returns seconds to wait when over the limit, else null (and counts the attempt). */
  take(ip: string, now = Date.now()): number | null {
    if (this.#hits.size > 10_000) for (const [k, v] of this.#hits) if (v.resetAt <= now) this.#hits.delete(k)
    const entry = this.#hits.get(ip)
    if (!entry || entry.resetAt <= now) {
      this.#hits.set(ip, { count: 1, resetAt: now + this.windowMs })
      return null
    }
    entry.count += 1
    return entry.count > this.limit ? Math.ceil((entry.resetAt - now) / 1000) : null
  }
}
