import { sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'

/**
 * The report roll-ups are kept by triggers (db/migrations/0003_report_rollup_triggers.sql) in the
 * transaction that confirms a correction or stores a POS receipt — nothing for a verb to call.
 * This recomputes them from the raw tables and lists every difference: tests run it after each
 * step, and an operator can run it like the ledger check. Empty ⇔ the roll-ups are exact.
 */
export async function rollupMismatches(db: Db) {
  const corrections = await db.all<{ dim: string; storeId: string; day: string; key: string; stored: string | null; actual: string | null }>(sql`
    WITH lines AS (
      SELECT c.id AS cid, c.store_id, substr(c.decided_at, 1, 10) AS day, c.reason_code, c.entered_by, c.value AS cvalue,
        cl.item_id, i.category, cl.quantity_delta AS q, cl.unit_cost AS cost
      FROM corrections c JOIN correction_lines cl ON cl.correction_id = c.id JOIN items i ON i.id = cl.item_id
      WHERE c.status = 'confirmed'
    ), per AS (
      SELECT cid, store_id, day, reason_code, entered_by, MAX(cvalue) AS value,
        COALESCE(SUM(CASE WHEN q < 0 THEN -q * cost END), 0) AS wov, COALESCE(SUM(CASE WHEN q > 0 THEN q * cost END), 0) AS fv,
        COALESCE(SUM(CASE WHEN q < 0 THEN -q END), 0) AS wou, COALESCE(SUM(CASE WHEN q > 0 THEN q END), 0) AS fu
      FROM lines GROUP BY cid
    ), whole AS (
      SELECT 'total' AS dim, store_id, day, '' AS key, per.* FROM per
      UNION ALL SELECT 'reason', store_id, day, reason_code, per.* FROM per
      UNION ALL SELECT 'person', store_id, day, entered_by, per.* FROM per
    ), parts AS (
      SELECT 'category' AS dim, store_id, day, category AS key, cid, q, cost FROM lines
      UNION ALL SELECT 'item', store_id, day, item_id, cid, q, cost FROM lines
    ), actual AS (
      SELECT dim, store_id, day, key, json_array(COUNT(*), SUM(value), SUM(wov), SUM(fv), SUM(wou), SUM(fu)) AS figures
      FROM whole GROUP BY dim, store_id, day, key
      UNION ALL
      SELECT dim, store_id, day, key,
        json_array(COUNT(DISTINCT cid), SUM(ABS(q) * cost),
          COALESCE(SUM(CASE WHEN q < 0 THEN -q * cost END), 0), COALESCE(SUM(CASE WHEN q > 0 THEN q * cost END), 0),
          COALESCE(SUM(CASE WHEN q < 0 THEN -q END), 0), COALESCE(SUM(CASE WHEN q > 0 THEN q END), 0)) AS figures
      FROM parts GROUP BY dim, store_id, day, key
    ), stored AS (
      SELECT dim, store_id, day, key, json_array(corrections, value, write_off_value, found_value, write_off_units, found_units) AS figures
      FROM rollup_corrections_daily WHERE corrections <> 0
    )
    SELECT a.dim, a.store_id AS storeId, a.day, a.key, s.figures AS stored, a.figures AS actual
      FROM actual a LEFT JOIN stored s USING (dim, store_id, day, key) WHERE s.figures IS NOT a.figures
    UNION ALL
    SELECT s.dim, s.store_id, s.day, s.key, s.figures, NULL FROM stored s LEFT JOIN actual a USING (dim, store_id, day, key) WHERE a.dim IS NULL`)
  const sales = await db.all<{ storeId: string; day: string; stored: string | null; actual: string | null }>(sql`
    WITH actual AS (SELECT store_id, substr(at, 1, 10) AS day, json_array(COUNT(*), SUM(sales_value)) AS figures FROM pos_receipts GROUP BY 1, 2),
      stored AS (SELECT store_id, day, json_array(receipts, sales_value) AS figures FROM rollup_sales_daily WHERE receipts <> 0 OR sales_value <> 0)
    SELECT a.store_id AS storeId, a.day, s.figures AS stored, a.figures AS actual FROM actual a LEFT JOIN stored s USING (store_id, day) WHERE s.figures IS NOT a.figures
    UNION ALL
    SELECT s.store_id, s.day, s.figures, NULL FROM stored s LEFT JOIN actual a USING (store_id, day) WHERE a.store_id IS NULL`)
  return { corrections, sales }
}
