-- Report roll-ups (docs/decisions/005-report-aggregation.md), kept by triggers in the same transaction
-- as the change they count: a confirmation (corrections are frozen once decided, so it is counted once)
-- and every POS receipt. The backfill makes a database that already has history consistent.
CREATE TRIGGER rollup_corrections_on_confirm AFTER UPDATE OF status ON corrections
WHEN OLD.status = 'pending' AND NEW.status = 'confirmed'
BEGIN
  INSERT INTO rollup_corrections_daily (dim, store_id, day, key, corrections, value, write_off_value, found_value, write_off_units, found_units)
    SELECT d.dim, NEW.store_id, substr(NEW.decided_at, 1, 10), d.key, 1, NEW.value,
      COALESCE(SUM(CASE WHEN cl.quantity_delta < 0 THEN -cl.quantity_delta * cl.unit_cost END), 0),
      COALESCE(SUM(CASE WHEN cl.quantity_delta > 0 THEN cl.quantity_delta * cl.unit_cost END), 0),
      COALESCE(SUM(CASE WHEN cl.quantity_delta < 0 THEN -cl.quantity_delta END), 0),
      COALESCE(SUM(CASE WHEN cl.quantity_delta > 0 THEN cl.quantity_delta END), 0)
    FROM (SELECT 'total' AS dim, '' AS key UNION ALL SELECT 'reason', NEW.reason_code UNION ALL SELECT 'person', NEW.entered_by) d
      JOIN correction_lines cl ON cl.correction_id = NEW.id
    WHERE true GROUP BY d.dim, d.key
  ON CONFLICT (dim, store_id, day, key) DO UPDATE SET corrections = corrections + excluded.corrections, value = value + excluded.value,
    write_off_value = write_off_value + excluded.write_off_value, found_value = found_value + excluded.found_value,
    write_off_units = write_off_units + excluded.write_off_units, found_units = found_units + excluded.found_units;
  INSERT INTO rollup_corrections_daily (dim, store_id, day, key, corrections, value, write_off_value, found_value, write_off_units, found_units)
    SELECT g.dim, NEW.store_id, substr(NEW.decided_at, 1, 10), g.key, 1,
      SUM(ABS(g.quantity_delta) * g.unit_cost),
      COALESCE(SUM(CASE WHEN g.quantity_delta < 0 THEN -g.quantity_delta * g.unit_cost END), 0),
      COALESCE(SUM(CASE WHEN g.quantity_delta > 0 THEN g.quantity_delta * g.unit_cost END), 0),
      COALESCE(SUM(CASE WHEN g.quantity_delta < 0 THEN -g.quantity_delta END), 0),
      COALESCE(SUM(CASE WHEN g.quantity_delta > 0 THEN g.quantity_delta END), 0)
    FROM (
      SELECT 'category' AS dim, i.category AS key, cl.quantity_delta, cl.unit_cost FROM correction_lines cl JOIN items i ON i.id = cl.item_id WHERE cl.correction_id = NEW.id
      UNION ALL
      SELECT 'item', cl.item_id, cl.quantity_delta, cl.unit_cost FROM correction_lines cl WHERE cl.correction_id = NEW.id
    ) g
    WHERE true GROUP BY g.dim, g.key
  ON CONFLICT (dim, store_id, day, key) DO UPDATE SET corrections = corrections + excluded.corrections, value = value + excluded.value,
    write_off_value = write_off_value + excluded.write_off_value, found_value = found_value + excluded.found_value,
    write_off_units = write_off_units + excluded.write_off_units, found_units = found_units + excluded.found_units;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_sales_on_insert AFTER INSERT ON pos_receipts
BEGIN
  INSERT INTO rollup_sales_daily (store_id, day, receipts, sales_value) VALUES (NEW.store_id, substr(NEW.at, 1, 10), 1, NEW.sales_value)
  ON CONFLICT (store_id, day) DO UPDATE SET receipts = receipts + 1, sales_value = sales_value + excluded.sales_value;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_sales_on_delete AFTER DELETE ON pos_receipts
BEGIN
  UPDATE rollup_sales_daily SET receipts = receipts - 1, sales_value = sales_value - OLD.sales_value
  WHERE store_id = OLD.store_id AND day = substr(OLD.at, 1, 10);
END;
--> statement-breakpoint
CREATE TRIGGER rollup_sales_on_update AFTER UPDATE OF store_id, at, sales_value ON pos_receipts
BEGIN
  UPDATE rollup_sales_daily SET receipts = receipts - 1, sales_value = sales_value - OLD.sales_value
  WHERE store_id = OLD.store_id AND day = substr(OLD.at, 1, 10);
  INSERT INTO rollup_sales_daily (store_id, day, receipts, sales_value) VALUES (NEW.store_id, substr(NEW.at, 1, 10), 1, NEW.sales_value)
  ON CONFLICT (store_id, day) DO UPDATE SET receipts = receipts + 1, sales_value = sales_value + excluded.sales_value;
END;
--> statement-breakpoint
INSERT INTO rollup_corrections_daily (dim, store_id, day, key, corrections, value, write_off_value, found_value, write_off_units, found_units)
  SELECT d.dim, c.store_id, substr(c.decided_at, 1, 10), CASE d.dim WHEN 'total' THEN '' WHEN 'reason' THEN c.reason_code ELSE c.entered_by END,
    COUNT(*), SUM(c.value), SUM(s.wov), SUM(s.fv), SUM(s.wou), SUM(s.fu)
  FROM corrections c
    JOIN (SELECT correction_id,
        COALESCE(SUM(CASE WHEN quantity_delta < 0 THEN -quantity_delta * unit_cost END), 0) AS wov,
        COALESCE(SUM(CASE WHEN quantity_delta > 0 THEN quantity_delta * unit_cost END), 0) AS fv,
        COALESCE(SUM(CASE WHEN quantity_delta < 0 THEN -quantity_delta END), 0) AS wou,
        COALESCE(SUM(CASE WHEN quantity_delta > 0 THEN quantity_delta END), 0) AS fu
      FROM correction_lines GROUP BY correction_id) s ON s.correction_id = c.id
    CROSS JOIN (SELECT 'total' AS dim UNION ALL SELECT 'reason' UNION ALL SELECT 'person') d
  WHERE c.status = 'confirmed'
  GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
INSERT INTO rollup_corrections_daily (dim, store_id, day, key, corrections, value, write_off_value, found_value, write_off_units, found_units)
  SELECT g.dim, g.store_id, g.day, g.key, COUNT(DISTINCT g.correction_id), SUM(ABS(g.quantity_delta) * g.unit_cost),
    COALESCE(SUM(CASE WHEN g.quantity_delta < 0 THEN -g.quantity_delta * g.unit_cost END), 0),
    COALESCE(SUM(CASE WHEN g.quantity_delta > 0 THEN g.quantity_delta * g.unit_cost END), 0),
    COALESCE(SUM(CASE WHEN g.quantity_delta < 0 THEN -g.quantity_delta END), 0),
    COALESCE(SUM(CASE WHEN g.quantity_delta > 0 THEN g.quantity_delta END), 0)
  FROM (
    SELECT 'category' AS dim, c.store_id, substr(c.decided_at, 1, 10) AS day, i.category AS key, c.id AS correction_id, cl.quantity_delta, cl.unit_cost
      FROM corrections c JOIN correction_lines cl ON cl.correction_id = c.id JOIN items i ON i.id = cl.item_id WHERE c.status = 'confirmed'
    UNION ALL
    SELECT 'item', c.store_id, substr(c.decided_at, 1, 10), cl.item_id, c.id, cl.quantity_delta, cl.unit_cost
      FROM corrections c JOIN correction_lines cl ON cl.correction_id = c.id WHERE c.status = 'confirmed'
  ) g
  GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
INSERT INTO rollup_sales_daily (store_id, day, receipts, sales_value)
  SELECT store_id, substr(at, 1, 10), COUNT(*), SUM(sales_value) FROM pos_receipts GROUP BY 1, 2;
