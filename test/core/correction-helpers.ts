import { sql } from 'drizzle-orm'
import type { Database } from '../../db/client'
import { createDeps } from '../../server/app'
import { createSession } from '../../server/core/auth/sessions'
import { fixedClock } from '../../server/core/clock'
import type { Ctx, Deps } from '../../server/core/context'
import { newId } from '../../server/core/ids'

export type CoreHarness = Deps & { clock: ReturnType<typeof fixedClock> }

/** The real core (writer, clock, config) on a test database, without HTTP. */
export function coreHarness(database: Database, start = '2026-11-02T10:00:00.000Z'): CoreHarness {
  const clock = fixedClock(start)
  return { ...createDeps({ database, clock }), clock }
}

/**
 * A context for `userId` with a session that was just signed in (so its step-up is fresh). Created
 * through the writer like a real sign-in.
 */
export async function actAs(core: CoreHarness, userId: string, deviceId: string | null = null): Promise<Ctx> {
  const at = core.clock.now()
  const { sessionId } = await core.writer.run((tx) => createSession(tx, at, { userId, deviceId, method: 'password' }, { idleMinutes: 60, absoluteHours: 12 }))
  return { ...core, actor: { userId, sessionId, deviceId, requestId: `req-${newId()}` } }
}

export async function stock(database: Database, locationId: string, itemId: string) {
  const [row] = await database.db.all<{ q: number }>(sql`SELECT quantity AS q FROM balances WHERE location_id = ${locationId} AND item_id = ${itemId}`)
  return Number(row?.q ?? 0)
}

export async function countRows(database: Database, table: 'movements' | 'corrections' | 'audit_events', where = sql`1 = 1`) {
  const [row] = await database.db.all<{ n: number }>(sql`SELECT COUNT(*) AS n FROM ${sql.identifier(table)} WHERE ${where}`)
  return Number(row!.n)
}

export async function auditActions(database: Database, entityId: string) {
  const rows = await database.db.all<{ action: string }>(sql`SELECT action FROM audit_events WHERE entity_id = ${entityId} ORDER BY seq`)
  return rows.map((r) => r.action)
}

export const line = (locationId: string, itemId: string, quantityDelta: number) => ({ locationId, itemId, quantityDelta })

/** The database's own refusal message (drizzle wraps it as `cause`), or 'resolved' when nothing refused. */
export async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work
  } catch (error) {
    const e = error as { message?: string; cause?: { message?: string } }
    return `${e.message ?? ''} | ${e.cause?.message ?? ''}`
  }
  return 'resolved'
}
