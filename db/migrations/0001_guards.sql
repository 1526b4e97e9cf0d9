-- Hand-written guards that drizzle-kit cannot express: append-only ledger and audit trail,
-- frozen decisions, and full-text item search. They are the schema's safety net behind the core.
CREATE TRIGGER movements_no_update BEFORE UPDATE ON movements
BEGIN SELECT RAISE(ABORT, 'movements are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER movements_no_delete BEFORE DELETE ON movements
BEGIN SELECT RAISE(ABORT, 'movements are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
--> statement-breakpoint
-- A correction movement exists only for a line of a correction confirmed by someone other than its enterer.
CREATE TRIGGER movements_correction_guard BEFORE INSERT ON movements
WHEN NEW.kind = 'correction'
BEGIN
  SELECT RAISE(ABORT, 'correction movements need a confirmed correction line')
  WHERE NOT EXISTS (
    SELECT 1 FROM correction_lines cl JOIN corrections c ON c.id = cl.correction_id
    WHERE cl.id = NEW.correction_line_id AND c.status = 'confirmed' AND c.store_id = NEW.store_id
      AND cl.item_id = NEW.item_id AND c.decided_by IS NOT NULL AND c.decided_by <> c.entered_by
  );
END;
--> statement-breakpoint
-- Movements of a document stay inside its store: both locations belong to movements.store_id.
CREATE TRIGGER movements_store_guard BEFORE INSERT ON movements
BEGIN
  SELECT RAISE(ABORT, 'movement location belongs to another store')
  WHERE (NEW.from_location_id IS NOT NULL AND (SELECT store_id FROM locations WHERE id = NEW.from_location_id) IS NOT NEW.store_id)
     OR (NEW.to_location_id IS NOT NULL AND (SELECT store_id FROM locations WHERE id = NEW.to_location_id) IS NOT NEW.store_id);
END;
--> statement-breakpoint
-- A decided correction is final; a pending one may only move to a decision.
CREATE TRIGGER corrections_frozen BEFORE UPDATE ON corrections
WHEN OLD.status <> 'pending'
BEGIN SELECT RAISE(ABORT, 'a decided correction cannot change'); END;
--> statement-breakpoint
CREATE TRIGGER corrections_entry_immutable BEFORE UPDATE ON corrections
WHEN NEW.id IS NOT OLD.id OR NEW.store_id IS NOT OLD.store_id OR NEW.entered_by IS NOT OLD.entered_by
  OR NEW.entered_at IS NOT OLD.entered_at OR NEW.reason_code IS NOT OLD.reason_code OR NEW.note IS NOT OLD.note
  OR NEW.value IS NOT OLD.value OR NEW.tier_value IS NOT OLD.tier_value OR NEW.tier IS NOT OLD.tier
  OR NEW.counted_by IS NOT OLD.counted_by OR NEW.source IS NOT OLD.source
BEGIN SELECT RAISE(ABORT, 'an entered correction cannot be edited'); END;
--> statement-breakpoint
CREATE TRIGGER corrections_no_delete BEFORE DELETE ON corrections
BEGIN SELECT RAISE(ABORT, 'corrections are kept forever'); END;
--> statement-breakpoint
CREATE TRIGGER correction_lines_no_update BEFORE UPDATE ON correction_lines
BEGIN SELECT RAISE(ABORT, 'correction lines are immutable'); END;
--> statement-breakpoint
CREATE TRIGGER correction_lines_no_delete BEFORE DELETE ON correction_lines
BEGIN SELECT RAISE(ABORT, 'correction lines are immutable'); END;
--> statement-breakpoint
CREATE TRIGGER correction_lines_pending_only BEFORE INSERT ON correction_lines
BEGIN
  SELECT RAISE(ABORT, 'lines can only be added while a correction is being entered')
  WHERE (SELECT status FROM corrections WHERE id = NEW.correction_id) IS NOT 'pending';
END;
--> statement-breakpoint
CREATE TRIGGER role_assignments_no_delete BEFORE DELETE ON role_assignments
BEGIN SELECT RAISE(ABORT, 'role grants are revoked, never deleted'); END;
--> statement-breakpoint
-- Full-text search over item names and SKUs (external content: the items table stays the truth).
CREATE VIRTUAL TABLE items_fts USING fts5(name, sku, category, content='items', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2', prefix='2 3');
--> statement-breakpoint
CREATE TRIGGER items_fts_ai AFTER INSERT ON items BEGIN
  INSERT INTO items_fts(rowid, name, sku, category) VALUES (NEW.rowid, NEW.name, NEW.sku, NEW.category);
END;
--> statement-breakpoint
CREATE TRIGGER items_fts_ad AFTER DELETE ON items BEGIN
  INSERT INTO items_fts(items_fts, rowid, name, sku, category) VALUES ('delete', OLD.rowid, OLD.name, OLD.sku, OLD.category);
END;
--> statement-breakpoint
CREATE TRIGGER items_fts_au AFTER UPDATE ON items BEGIN
  INSERT INTO items_fts(items_fts, rowid, name, sku, category) VALUES ('delete', OLD.rowid, OLD.name, OLD.sku, OLD.category);
  INSERT INTO items_fts(rowid, name, sku, category) VALUES (NEW.rowid, NEW.name, NEW.sku, NEW.category);
END;
--> statement-breakpoint
-- NULLs are distinct in a UNIQUE index: this keeps the chain-wide policy row single.
CREATE UNIQUE INDEX tier_policies_chain_uq ON tier_policies ((store_id IS NULL)) WHERE store_id IS NULL;
