import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { createSession } from '../../server/core/auth/sessions'
import { lockedUntil, recordFailure } from '../../server/core/auth/throttle'
import { once } from '../../server/core/ledger/idempotency'
import { housekeeping, SESSION_RETENTION_DAYS } from '../../server/core/ops/housekeeping'
import { createTestDatabase } from '../support/db'
import { createFixture } from '../support/fixtures'
import { coreHarness, type CoreHarness } from './correction-helpers'

const DAY = 86_400_000
let database: Database
let core: CoreHarness

async function count(table: string) {
  const [row] = await database.db.all<{ n: number }>(sql.raw(`SELECT COUNT(*) AS n FROM ${table}`))
  return Number(row!.n)
}

beforeAll(async () => {
  database = await createTestDatabase()
  await createFixture(database)
  core = coreHarness(database)
  const at = core.clock.now()
  await core.writer.run((tx) => once(tx, at, { scope: 'u-clerk', key: 'k-1', payload: { a: 1 } }, async () => ({ status: 201, body: { ok: true } })))
  await core.writer.run((tx) => createSession(tx, at, { userId: 'u-clerk', deviceId: null, method: 'password' }, { idleMinutes: 60, absoluteHours: 12 }))
  // One employee number with a failed sign-in, one locked out (15 minutes).
  await core.writer.run((tx) => recordFailure(tx, at, 'E-typo'))
  for (let i = 0; i < 10; i++) await core.writer.run((tx) => recordFailure(tx, at, 'E-locked'))
})

afterAll(async () => {
  await core.writer.close()
  database.client.close()
})

describe('housekeeping', () => {
  it('keeps everything while it is still needed', async () => {
    core.clock.advance(DAY / 2)
    expect(await housekeeping(core)).toEqual({ idempotencyKeys: 0, sessions: 0, loginThrottle: 0 })
    expect(await count('idempotency_keys')).toBe(1)
  })

  it('forgets sign-in failures after a day, but keeps a lockout that is running', async () => {
    core.clock.advance(DAY)
    expect((await housekeeping(core)).loginThrottle).toBe(2)
    const at = core.clock.now()
    for (let i = 0; i < 10; i++) await core.writer.run((tx) => recordFailure(tx, at, 'E-attacked'))
    const lock = await lockedUntil(core, 'E-attacked')
    expect(lock).not.toBeNull()
    expect((await housekeeping(core)).loginThrottle).toBe(0)
    expect(await lockedUntil(core, 'E-attacked')).toEqual(lock)
  })

  it('forgets idempotency records after the retention, sessions only long after they ended, and never ledger or audit rows', async () => {
    const movements = await count('movements')
    const audit = await count('audit_events')
    core.clock.advance(core.config.idempotencyRetentionDays * DAY)
    expect(await housekeeping(core)).toEqual({ idempotencyKeys: 1, sessions: 0, loginThrottle: 1 })
    core.clock.advance(SESSION_RETENTION_DAYS * DAY)
    expect(await housekeeping(core)).toEqual({ idempotencyKeys: 0, sessions: 1, loginThrottle: 0 })
    expect(await count('sessions')).toBe(0)
    expect(await count('login_throttle')).toBe(0)
    expect(await count('movements')).toBe(movements)
    expect(await count('audit_events')).toBe(audit)
  })
})
