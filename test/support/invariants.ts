import { expect } from 'vitest'
import { sql } from 'drizzle-orm'
import type { Database } from '../../db/client'
import { verifyChain } from '../../server/core/audit/chain'
import { verifyLedger } from '../../server/core/ledger/verify-ledger'

/**
 * The ledger invariants of RELIABILITY.md, checked on the real database:
 * balance = Σ movements for every key; every correction movement belongs to a confirmed correction
 * line (once); confirmed ⇔ has movements; the audit chain verifies. The ledger queries live in
 * server/core/ledger/verify-ledger.ts, shared with `npm run verify`.
 */
export async function checkInvariants(database: Database) {
  const ledger = await verifyLedger(database.db)
  const chain = await verifyChain(database.db)
  return { ...ledger, chain }
}

/** Asserts all invariants hold (throws with the offending rows). */
export async function assertInvariants(database: Database) {
  const result = await checkInvariants(database)
  const problems = [
    result.balanceMismatches.length ? `balance ≠ Σ movements: ${JSON.stringify(result.balanceMismatches.slice(0, 5))}` : '',
    result.orphanCorrectionMovements.length ? `correction movements without a confirmed correction: ${JSON.stringify(result.orphanCorrectionMovements)}` : '',
    result.confirmedWithoutMovements.length ? `confirmed ⇎ movements: ${JSON.stringify(result.confirmedWithoutMovements)}` : '',
    result.correctionMovementMismatches.length ? `correction movements ≠ their lines: ${JSON.stringify(result.correctionMovementMismatches)}` : '',
    result.valueMismatches.length ? `correction value ≠ Σ its lines: ${JSON.stringify(result.valueMismatches)}` : '',
    result.chain.ok ? '' : `audit chain: ${JSON.stringify(result.chain.problems.slice(0, 3))}`,
  ].filter(Boolean)
  if (problems.length) throw new Error(problems.join('\n'))
  return result
}

/** A fingerprint of every table's content: equal before and after ⇔ nothing changed. */
export async function fingerprint(database: Database) {
  const tables = await database.db.all<{ name: string }>(sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'items_fts%' AND name <> '__drizzle_migrations' ORDER BY name`)
  const parts: string[] = []
  for (const { name } of tables) {
    const rows = await database.client.execute(`SELECT * FROM "${name}" ORDER BY 1`)
    parts.push(`${name}:${JSON.stringify(rows.rows)}`)
  }
  return parts.join('\n')
}

/**
 * Asserts that a request is refused with `status` (and `code`) and that the database is byte-for-byte
 * what it was before: a refused request changes nothing.
 */
export async function expectRefused(
  database: Database,
  request: () => Promise<{ status: number; body: any }>,
  status: number,
  code?: string,
) {
  const before = await fingerprint(database)
  const res = await request()
  expect(res.status, JSON.stringify(res.body)).toBe(status)
  if (code) expect(res.body.error.code).toBe(code)
  expect(await fingerprint(database)).toBe(before)
  return res
}
