-- Four eyes, audit round 3: every counter is kept out, and nobody releases the corrections of the person who
-- set up their account, gave them their releasing role or set their PIN/password. The core refuses both
-- (canConfirm); these are the schema's safety net. First the facts of existing data, then the guards.

-- Accounts created or PINs reset through the admin verbs before these columns existed: from the audit trail.
UPDATE users SET created_by = (
  SELECT a.actor_user_id FROM audit_events a
  WHERE a.entity_type = 'user' AND a.entity_id = users.id AND a.action = 'user.created' ORDER BY a.seq LIMIT 1)
WHERE created_by IS NULL;
--> statement-breakpoint
UPDATE users SET (credentials_set_by, credentials_set_at) = (
  SELECT a.actor_user_id, a.at FROM audit_events a
  WHERE a.entity_type = 'user' AND a.entity_id = users.id AND a.action IN ('user.created', 'user.pin_reset') ORDER BY a.seq DESC LIMIT 1)
WHERE credentials_set_by IS NULL AND EXISTS (
  SELECT 1 FROM audit_events a WHERE a.entity_type = 'user' AND a.entity_id = users.id AND a.action IN ('user.created', 'user.pin_reset')
    AND a.actor_user_id IS NOT NULL AND a.actor_user_id <> users.id);
--> statement-breakpoint
UPDATE users SET credentials_set_by = NULL, credentials_set_at = NULL WHERE credentials_set_by = id;
--> statement-breakpoint
-- Counters of existing corrections: the counter of record, every count entry, every transfer receipt scan.
INSERT OR IGNORE INTO correction_counters (correction_id, user_id)
  SELECT id, counted_by FROM corrections WHERE counted_by IS NOT NULL;
--> statement-breakpoint
INSERT OR IGNORE INTO correction_counters (correction_id, user_id)
  SELECT DISTINCT c.id, e.user_id FROM corrections c JOIN count_entries e ON e.count_id = c.count_id WHERE c.source = 'count';
--> statement-breakpoint
INSERT OR IGNORE INTO correction_counters (correction_id, user_id)
  SELECT DISTINCT c.id, a.actor_user_id FROM corrections c
    JOIN audit_events a ON a.entity_type = 'transfer' AND a.entity_id = c.transfer_id AND a.action = 'transfer.scanned'
  WHERE c.source = 'transfer' AND a.actor_user_id IS NOT NULL AND a.actor_user_id IN (SELECT id FROM users);
--> statement-breakpoint
-- The counters of a correction are written with it and never change.
CREATE TRIGGER correction_counters_no_update BEFORE UPDATE ON correction_counters
BEGIN SELECT RAISE(ABORT, 'the counters of a correction cannot change'); END;
--> statement-breakpoint
CREATE TRIGGER correction_counters_no_delete BEFORE DELETE ON correction_counters
BEGIN SELECT RAISE(ABORT, 'the counters of a correction cannot change'); END;
--> statement-breakpoint
CREATE TRIGGER correction_counters_pending_only BEFORE INSERT ON correction_counters
BEGIN
  SELECT RAISE(ABORT, 'counters can only be recorded while a correction is pending')
  WHERE (SELECT status FROM corrections WHERE id = NEW.correction_id) IS NOT 'pending';
END;
--> statement-breakpoint
-- Nobody who counted the stock confirms or rejects its correction (all counters, not only counted_by).
CREATE TRIGGER corrections_counter_guard BEFORE UPDATE ON corrections
WHEN NEW.status IN ('confirmed', 'rejected')
  AND EXISTS (SELECT 1 FROM correction_counters cc WHERE cc.correction_id = OLD.id AND cc.user_id = NEW.decided_by)
BEGIN SELECT RAISE(ABORT, 'a person who counted this stock cannot decide its correction'); END;
--> statement-breakpoint
-- Nobody decides the correction of the person who created their account, granted them a releasing role for
-- the store that is still in effect, or set their password/PIN in the 90 days before the decision.
CREATE TRIGGER corrections_administered_guard BEFORE UPDATE ON corrections
WHEN NEW.status IN ('confirmed', 'rejected') AND NEW.decided_by IS NOT NULL AND (
  EXISTS (SELECT 1 FROM users u WHERE u.id = NEW.decided_by AND (
    u.created_by = OLD.entered_by
    OR (u.credentials_set_by = OLD.entered_by AND u.credentials_set_at >= strftime('%Y-%m-%dT%H:%M:%fZ', NEW.decided_at, '-90 days'))))
  OR EXISTS (SELECT 1 FROM role_assignments ra JOIN stores s ON s.id = OLD.store_id
    WHERE ra.user_id = NEW.decided_by AND ra.granted_by = OLD.entered_by AND ra.revoked_at IS NULL
      AND ra.role IN ('lead', 'store_manager', 'regional_manager')
      AND (ra.store_id = s.id OR ra.region_id = s.region_id OR (ra.store_id IS NULL AND ra.region_id IS NULL))))
BEGIN SELECT RAISE(ABORT, 'the enterer set up this decider''s account, role or credentials'); END;
