import { sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'

export type BalanceMismatch = { location_id: string; item_id: string; quantity: number | null; total: number | null }
export type LedgerReport = {
  ok: boolean
  /** Invariant 1: balance = Σ movements, for every (location, item). */
  balanceMismatches: BalanceMismatch[]
  /** Invariant 3: correction movements without a confirmed correction decided by a second person. */
  orphanCorrectionMovements: Array<{ id: number }>
  /** Invariant 4: a correction line has a movement ⇔ its correction is confirmed. */
  confirmedWithoutMovements: Array<{ id: string }>
  /** A correction movement that does not post its line (quantity, direction, location, item). */
  correctionMovementMismatches: Array<{ id: number; correction_line_id: string }>
  /** A correction whose lines are not worth its entered value (a line added behind the app's back). */
  valueMismatches: Array<{ id: string; value: number; lines_value: number | null }>
  /** Invariant 2 (reported, not counted as a failure): stockroom balances below zero. */
  negativeStockroom: Array<{ location_id: string; item_id: string; store_id: string; quantity: number; allowed: number }>
}

/**
 * The ledger invariants of RELIABILITY.md, checked on the database itself: the admin command
 * (`npm run verify`) and every test (`assertInvariants`) run the same queries.
 */
export async function verifyLedger(db: Db): Promise<LedgerReport> {
  const balanceMismatches = await db.all<BalanceMismatch>(sql`
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
  const orphanCorrectionMovements = await db.all<{ id: number }>(sql`
    SELECT m.id FROM movements m LEFT JOIN correction_lines cl ON cl.id = m.correction_line_id
      LEFT JOIN corrections c ON c.id = cl.correction_id
    WHERE m.kind = 'correction' AND (c.id IS NULL OR c.status <> 'confirmed' OR c.decided_by IS NULL
      OR c.decided_by = c.entered_by OR c.decided_by IS c.counted_by OR c.store_id <> m.store_id
      OR EXISTS (SELECT 1 FROM correction_counters cc WHERE cc.correction_id = c.id AND cc.user_id = c.decided_by))`)
  const confirmedWithoutMovements = await db.all<{ id: string }>(sql`
    SELECT cl.id FROM correction_lines cl JOIN corrections c ON c.id = cl.correction_id
    WHERE (c.status = 'confirmed') <> EXISTS (SELECT 1 FROM movements m WHERE m.correction_line_id = cl.id)`)
  const correctionMovementMismatches = await db.all<{ id: number; correction_line_id: string }>(sql`
    SELECT m.id, m.correction_line_id FROM movements m JOIN correction_lines cl ON cl.id = m.correction_line_id
    WHERE m.item_id <> cl.item_id OR m.quantity <> abs(cl.quantity_delta)
      OR (cl.quantity_delta > 0 AND (m.to_location_id IS NOT cl.location_id OR m.from_location_id IS NOT NULL OR m.counterparty IS NOT 'found'))
      OR (cl.quantity_delta < 0 AND (m.from_location_id IS NOT cl.location_id OR m.to_location_id IS NOT NULL OR m.counterparty IS NOT 'write_off'))`)
  const valueMismatches = await db.all<LedgerReport['valueMismatches'][number]>(sql`
    SELECT c.id, c.value, (SELECT SUM(abs(cl.quantity_delta) * cl.unit_cost) FROM correction_lines cl WHERE cl.correction_id = c.id) AS lines_value
    FROM corrections c WHERE c.value IS NOT (SELECT SUM(abs(cl.quantity_delta) * cl.unit_cost) FROM correction_lines cl WHERE cl.correction_id = c.id)`)
  const negativeStockroom = await db.all<LedgerReport['negativeStockroom'][number]>(sql`
    SELECT b.location_id, b.item_id, b.store_id, b.quantity,
      COALESCE((SELECT allow_negative_stockroom FROM tier_policies p WHERE p.store_id = b.store_id OR p.store_id IS NULL
        ORDER BY p.store_id IS NULL LIMIT 1), 0) AS allowed
    FROM balances b JOIN locations l ON l.id = b.location_id
    WHERE l.kind = 'stockroom' AND b.quantity < 0`)
  return {
    ok:
      balanceMismatches.length === 0 &&
      orphanCorrectionMovements.length === 0 &&
      confirmedWithoutMovements.length === 0 &&
      correctionMovementMismatches.length === 0 &&
      valueMismatches.length === 0,
    balanceMismatches,
    orphanCorrectionMovements,
    confirmedWithoutMovements,
    correctionMovementMismatches,
    valueMismatches,
    negativeStockroom,
  }
}

export type HeadAnchor = { seq: number; hash: string; at: string | null }

/**
 * The head of the audit chain, to export daily (e.g. printed into the store's paper log or mailed to
 * the auditor): a later verification against it detects a truncated tail, which the chain alone cannot.
 */
export async function auditHead(db: Db): Promise<HeadAnchor> {
  const [row] = await db.all<{ seq: number; hash: string; at: string }>(sql`SELECT seq, hash, at FROM audit_events ORDER BY seq DESC LIMIT 1`)
  return row ? { seq: Number(row.seq), hash: row.hash, at: row.at } : { seq: 0, hash: '0'.repeat(64), at: null }
}

/** Parses an exported anchor `seq:hash` (null when malformed). */
export function parseAnchor(text: string): { seq: number; hash: string } | null {
  const match = /^(\d{1,15}):([0-9a-f]{64})$/.exec(text.trim())
  if (!match) return null
  return { seq: Number(match[1]), hash: match[2]! }
}
