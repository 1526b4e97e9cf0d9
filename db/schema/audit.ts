import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/**
 * Append-only, hash-chained audit trail: hash = sha256(prev_hash + canonical JSON of the event).
 * Triggers refuse UPDATE and DELETE; `verify` recomputes the chain and names the first broken row.
 */
export const auditEvents = sqliteTable(
  'audit_events',
  {
    seq: integer('seq').primaryKey(),
    at: text('at').notNull(),
    action: text('action').notNull(),
    actorUserId: text('actor_user_id'),
    actorKeyId: text('actor_key_id'),
    sessionId: text('session_id'),
    deviceId: text('device_id'),
    requestId: text('request_id'),
    storeId: text('store_id'),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    before: text('before'),
    after: text('after'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull().unique(),
  },
  (t) => [
    index('audit_entity_idx').on(t.entityType, t.entityId),
    index('audit_store_at_idx').on(t.storeId, t.at),
    index('audit_actor_idx').on(t.actorUserId),
  ],
)
