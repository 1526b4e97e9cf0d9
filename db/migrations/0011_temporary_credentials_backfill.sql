-- Temporary credentials for existing accounts. Until now nobody could change their own password or PIN, so a
-- secret is someone else's choice exactly when the app recorded someone setting it: an account created
-- through the app (created_by, backfilled by 0007 from the audit trail) got its password and first PIN from
-- its creator; a PIN reset (credentials_set_by) came from a manager or administrator. Seeded and imported
-- accounts (created_by and credentials_set_by NULL) keep their secrets as the holder's own.
UPDATE users SET password_temporary = 1 WHERE created_by IS NOT NULL;--> statement-breakpoint
UPDATE users SET pin_temporary = 1 WHERE pin_hash IS NOT NULL AND (created_by IS NOT NULL OR credentials_set_by IS NOT NULL);
