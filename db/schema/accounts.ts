import { sql } from 'drizzle-orm'
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { regions, stores } from './places'

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  /** Normalized (NFKC, trimmed, upper case): one account per employee. */
  employeeNo: text('employee_no').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  pinHash: text('pin_hash'),
  locale: text('locale').notNull().default('en'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: text('created_at').notNull(),
  disabledAt: text('disabled_at'),
  /** Who created this account (null: the seed or an import). Such a person may never release its holder's corrections. */
  createdBy: text('created_by'),
  /**
   * Who last set this person's password or PIN, and when: someone on their behalf (creating the account, a
   * password or PIN reset) — for 90 days after, that person's corrections need someone else — or the holder
   * themself (changing their own; then nobody else knows the secrets). Null for seeded/imported accounts.
   */
  credentialsSetBy: text('credentials_set_by'),
  credentialsSetAt: text('credentials_set_at'),
  /**
   * The password was set by someone else (account creation, an administrator's reset): whoever signs in
   * with it must choose their own before doing anything else (403 PASSWORD_CHANGE_REQUIRED).
   */
  passwordTemporary: integer('password_temporary', { mode: 'boolean' }).notNull().default(false),
  /**
   * The PIN was set by someone else, who knows it: it proves nothing until the holder set their own — no
   * step-up, no hand-over decision (403 PIN_CHANGE_REQUIRED), and a tablet session begun with it may only
   * set the holder's own PIN (confirmed with their password).
   */
  pinTemporary: integer('pin_temporary', { mode: 'boolean' }).notNull().default(false),
})

export const ROLES = ['clerk', 'stockroom', 'lead', 'store_manager', 'regional_manager', 'admin', 'auditor'] as const
export type Role = (typeof ROLES)[number]

/**
 * A role held within a scope: one store, one region, or the whole chain (admin, auditor).
 * Grants are never deleted, only revoked, so "who held what when" can be proven.
 */
export const roleAssignments = sqliteTable(
  'role_assignments',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role', { enum: ROLES }).notNull(),
    storeId: text('store_id').references(() => stores.id),
    regionId: text('region_id').references(() => regions.id),
    grantedBy: text('granted_by'),
    grantedAt: text('granted_at').notNull(),
    revokedBy: text('revoked_by'),
    revokedAt: text('revoked_at'),
  },
  (t) => [
    index('role_assignments_user_idx').on(t.userId),
    index('role_assignments_store_idx').on(t.storeId),
    index('role_assignments_region_idx').on(t.regionId),
    check(
      'role_assignments_role_ck',
      sql`${t.role} IN ('clerk','stockroom','lead','store_manager','regional_manager','admin','auditor')`,
    ),
    check('role_assignments_scope_ck', sql`NOT (${t.storeId} IS NOT NULL AND ${t.regionId} IS NOT NULL)`),
  ],
)

/** Opaque DB-backed sessions; only the SHA-256 of the token is stored. */
export const sessions = sqliteTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    deviceId: text('device_id'),
    /** How the session began: 'password' or 'pin'. */
    method: text('method').notNull(),
    createdAt: text('created_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    /** Last time this user re-entered credentials (step-up for confirmations). */
    stepUpAt: text('step_up_at'),
    revokedAt: text('revoked_at'),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_device_idx').on(t.deviceId)],
)

/** A tablet registered to a store by a password sign-in; enables employee number + PIN quick switch. */
export const devices = sqliteTable(
  'devices',
  {
    idHash: text('id_hash').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    registeredBy: text('registered_by').notNull(),
    createdAt: text('created_at').notNull(),
    /** The last sign-in (password or PIN) on this tablet. */
    lastSeenAt: text('last_seen_at').notNull(),
    /** The browser's User-Agent at registration (≤ 200 characters), to tell tablets apart in the office. */
    userAgent: text('user_agent'),
    /** Revoked by the office: its sessions ended, and it can no longer switch users by PIN. Final. */
    revokedAt: text('revoked_at'),
    revokedBy: text('revoked_by'),
  },
  (t) => [index('devices_store_idx').on(t.storeId)],
)

/**
 * Failed sign-ins per employee number (known or not, so lockout reveals nothing), stored so that a
 * lockout survives a restart.
 */
export const loginThrottle = sqliteTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStart: text('window_start').notNull(),
  lockedUntil: text('locked_until'),
})

export const posApiKeys = sqliteTable(
  'pos_api_keys',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    name: text('name').notNull(),
    /** SHA-256 of the key; the key itself is shown once at creation. */
    keyHash: text('key_hash').notNull(),
    prefix: text('prefix').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
    revokedAt: text('revoked_at'),
  },
  (t) => [uniqueIndex('pos_api_keys_hash_uq').on(t.keyHash), index('pos_api_keys_store_idx').on(t.storeId)],
)
