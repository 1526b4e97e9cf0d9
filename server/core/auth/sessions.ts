import { and, eq, isNull, ne, sql } from 'drizzle-orm'
import { devices, sessions, users } from '../../../db/schema/index'
import type { Deps } from '../context'
import { randomToken, sha256 } from '../ids'
import type { Tx } from '../writer'

export type SessionPolicy = { idleMinutes: number; absoluteHours: number }

export type SessionUser = {
  userId: string
  sessionId: string
  deviceId: string | null
  name: string
  employeeNo: string
  locale: string
  method: string
  stepUpAt: string | null
  /** The account's password was set by someone else: only changing it (and me, sign-out) is open. */
  passwordTemporary: boolean
  /** The account's PIN was set by someone else (a session begun with it may only set the holder's own). */
  pinTemporary: boolean
}

/** Creates a session (inside the writer). Only the token's hash is stored; the token goes to the cookie. */
export async function createSession(
  tx: Tx,
  at: Date,
  input: { userId: string; deviceId: string | null; method: 'password' | 'pin'; ip?: string | null; userAgent?: string | null },
  policy: SessionPolicy,
) {
  const token = randomToken(32)
  const idHash = sha256(token)
  await tx.insert(sessions).values({
    idHash,
    userId: input.userId,
    deviceId: input.deviceId,
    method: input.method,
    createdAt: at.toISOString(),
    lastSeenAt: at.toISOString(),
    expiresAt: new Date(at.getTime() + policy.absoluteHours * 3_600_000).toISOString(),
    // Signing in is itself a fresh proof of identity.
    stepUpAt: at.toISOString(),
    ip: input.ip ?? null,
    userAgent: input.userAgent?.slice(0, 200) ?? null,
  })
  return { token, sessionId: idHash }
}

/**
 * Resolves a session cookie. Refused when revoked, expired (absolute), idle too long, or the user is
 * disabled. `lastSeenAt` is refreshed at most once a minute so reads do not become writes.
 */
export async function resolveSession(deps: Deps, token: string, policy: SessionPolicy): Promise<SessionUser | null> {
  const idHash = sha256(token)
  const now = deps.clock.now()
  const [row] = await deps.db
    .select({
      userId: sessions.userId,
      deviceId: sessions.deviceId,
      method: sessions.method,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      stepUpAt: sessions.stepUpAt,
      name: users.name,
      employeeNo: users.employeeNo,
      locale: users.locale,
      passwordTemporary: users.passwordTemporary,
      pinTemporary: users.pinTemporary,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.idHash, idHash), isNull(sessions.revokedAt), eq(users.active, true)))
  if (!row) return null
  if (now.toISOString() >= row.expiresAt) return null
  if (now.getTime() - Date.parse(row.lastSeenAt) > policy.idleMinutes * 60_000) return null
  if (now.getTime() - Date.parse(row.lastSeenAt) > 60_000) {
    await deps.writer.run((tx) =>
      tx.update(sessions).set({ lastSeenAt: now.toISOString() }).where(eq(sessions.idHash, idHash)),
    )
  }
  return { ...row, sessionId: idHash }
}

export async function revokeSession(tx: Tx, at: Date, sessionId: string) {
  await tx
    .update(sessions)
    .set({ revokedAt: at.toISOString() })
    .where(and(eq(sessions.idHash, sessionId), isNull(sessions.revokedAt)))
}

/** Ends every session of a user (disabled account, password reset) — but `keep`, if given; answers how many. */
export async function revokeUserSessions(tx: Tx, at: Date, userId: string, keep?: string | null) {
  const ended = await tx
    .update(sessions)
    .set({ revokedAt: at.toISOString() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), keep ? ne(sessions.idHash, keep) : undefined))
    .returning({ id: sessions.idHash })
  return ended.length
}

/**
 * Device tokens are stored hashed, like sessions; the hash doubles as the device id in audit events.
 * A revoked device is no device: this answers null for it (see `deviceRevoked`).
 */
export async function findDevice(deps: Deps, deviceToken: string | undefined) {
  if (!deviceToken) return null
  const [device] = await deps.db
    .select()
    .from(devices)
    .where(and(eq(devices.idHash, sha256(deviceToken)), isNull(devices.revokedAt)))
  return device ?? null
}

/** Whether this browser's device cookie belongs to a tablet the office revoked (to say so, not "not registered"). */
export async function deviceRevoked(deps: Deps, deviceToken: string | undefined) {
  if (!deviceToken) return false
  const [device] = await deps.db.select({ revokedAt: devices.revokedAt }).from(devices).where(eq(devices.idHash, sha256(deviceToken)))
  return Boolean(device?.revokedAt)
}

/** Inside the writer: the device is still registered (not revoked meanwhile); records its use. */
export async function useDevice(tx: Tx, at: Date, deviceId: string) {
  const [device] = await tx.select({ revokedAt: devices.revokedAt }).from(devices).where(eq(devices.idHash, deviceId))
  if (!device || device.revokedAt) return false
  await tx.update(devices).set({ lastSeenAt: at.toISOString() }).where(eq(devices.idHash, deviceId))
  return true
}

export async function registerDevice(tx: Tx, at: Date, input: { deviceToken: string; storeId: string; userId: string; userAgent?: string | null }) {
  const idHash = sha256(input.deviceToken)
  await tx
    .insert(devices)
    .values({
      idHash,
      storeId: input.storeId,
      registeredBy: input.userId,
      createdAt: at.toISOString(),
      lastSeenAt: at.toISOString(),
      userAgent: input.userAgent?.slice(0, 200) ?? null,
    })
    .onConflictDoUpdate({ target: devices.idHash, set: { storeId: input.storeId, lastSeenAt: sql`excluded.last_seen_at` } })
  return idHash
}

/** Ends every open session that was started on a device (the device was revoked); answers how many. */
export async function revokeDeviceSessions(tx: Tx, at: Date, deviceId: string) {
  const ended = await tx
    .update(sessions)
    .set({ revokedAt: at.toISOString() })
    .where(and(eq(sessions.deviceId, deviceId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.idHash })
  return ended.length
}
