import { sql } from 'drizzle-orm'
import type { Database } from '../../db/client'
import { verifyChain } from '../../server/core/audit/chain'

/**
 * The ledger invariants of RELIABILITY.md, checked on the real database:
 * balance = Σ movements for every key; every correction movement belongs to a confirmed correction
 * line (once); confirmed ⇔ has movements; the audit chain verifies.
 */
export async function checkInvariants(database: Database) {
  const { db } = database
  const balanceMismatches = await db.all(sql`
    WITH sums AS (
      SELECT loc AS location_id, item_id, SUM(delta) AS total FROM (
        SELECT to_location_id AS loc, item_id, quantity AS delta FROM movements WHERE to_location_id IS NOT NULL
        UNION ALL SELECT from_location_id, item_id, -quantity FROM movements WHERE from_location_id IS NOT NULL
      ) GROUP BY loc, item_id
    )
    SELECT b.location_id, b.item_id, b.quantity, s.total FROM balances b LEFT JOIN sums s USING (location_id, item_id)
      WHERE b.quantity <> COALESCE(s.total, 0)
    UNION ALL
    SELECT s.location_id, s.item_id, NULL, s.total FROM sums s LEFT JOIN balances b USING (location_id, item_id)
      WHERE b.location_id IS NULL AND s.total <> 0`)
  const orphanCorrectionMovements = await db.all(sql`
    SELECT m.id FROM movements m LEFT JOIN correction_lines cl ON cl.id = m.correction_line_id
      LEFT JOIN corrections c ON c.id = cl.correction_id
    WHERE m.kind = 'correction' AND (c.id IS NULL OR c.status <> 'confirmed' OR c.decided_by = c.entered_by)`)
  const confirmedWithoutMovements = await db.all(sql`
    SELECT cl.id FROM correction_lines cl JOIN corrections c ON c.id = cl.correction_id
    WHERE (c.status = 'confirmed') <> EXISTS (SELECT 1 FROM movements m WHERE m.correction_line_id = cl.id)`)
  const chain = await verifyChain(db)
  return { balanceMismatches, orphanCorrectionMovements, confirmedWithoutMovements, chain }
}

/** Asserts all invariants hold (throws with the offending rows). */
export async function assertInvariants(database: Database) {
  const result = await checkInvariants(database)
  const problems = [
    result.balanceMismatches.length ? `balance ≠ Σ movements: ${JSON.stringify(result.balanceMismatches.slice(0, 5))}` : '',
    result.orphanCorrectionMovements.length ? `correction movements without a confirmed correction: ${JSON.stringify(result.orphanCorrectionMovements)}` : '',
    result.confirmedWithoutMovements.length ? `confirmed ⇎ movements: ${JSON.stringify(result.confirmedWithoutMovements)}` : '',
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
