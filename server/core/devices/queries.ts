import { sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { first } from '../sql'
import type { Tx } from '../writer'
import { shortDeviceId, summarizeUserAgent } from './rules'

type Person = { id: string; name: string; employeeNo: string }

export type DeviceView = {
  /** The SHA-256 of the device token, as in the audit trail (`device_id`); never the token itself. */
  id: string
  shortId: string
  storeId: string
  userAgent: string | null
  browser: string | null
  os: string | null
  registeredBy: Person | null
  registeredAt: string
  /** The later of the last sign-in on it and the last request of a session started on it. */
  lastUsedAt: string
  lastUsedBy: Person | null
  /** Sessions started on it that have not ended (revoked or past their lifetime). */
  openSessions: number
  revokedAt: string | null
  revokedBy: Person | null
  /** The device the caller is using right now. */
  thisDevice: boolean
}

type Raw = {
  id: string
  storeId: string
  createdAt: string
  lastSeenAt: string
  userAgent: string | null
  firstSessionAgent: string | null
  lastSessionSeen: string | null
  revokedAt: string | null
  registeredById: string | null
  registeredByName: string | null
  registeredByNo: string | null
  revokedById: string | null
  revokedByName: string | null
  revokedByNo: string | null
  lastUserId: string | null
  lastUserName: string | null
  lastUserNo: string | null
  openSessions: number
}

const person = (id: string | null, name: string | null, employeeNo: string | null): Person | null =>
  id && name ? { id, name, employeeNo: employeeNo ?? '' } : null

const query = (now: string, where: ReturnType<typeof sql>) => sql`
  SELECT d.id_hash AS id, d.store_id AS storeId, d.created_at AS createdAt, d.last_seen_at AS lastSeenAt, d.user_agent AS userAgent,
    d.revoked_at AS revokedAt,
    (SELECT s.user_agent FROM sessions s WHERE s.device_id = d.id_hash AND s.user_agent IS NOT NULL ORDER BY s.created_at LIMIT 1) AS firstSessionAgent,
    (SELECT MAX(s.last_seen_at) FROM sessions s WHERE s.device_id = d.id_hash) AS lastSessionSeen,
    (SELECT COUNT(*) FROM sessions s WHERE s.device_id = d.id_hash AND s.revoked_at IS NULL AND s.expires_at > ${now}) AS openSessions,
    ru.id AS registeredById, ru.name AS registeredByName, ru.employee_no AS registeredByNo,
    vu.id AS revokedById, vu.name AS revokedByName, vu.employee_no AS revokedByNo,
    lu.id AS lastUserId, lu.name AS lastUserName, lu.employee_no AS lastUserNo
  FROM devices d
  LEFT JOIN users ru ON ru.id = d.registered_by
  LEFT JOIN users vu ON vu.id = d.revoked_by
  LEFT JOIN users lu ON lu.id = (SELECT s.user_id FROM sessions s WHERE s.device_id = d.id_hash ORDER BY s.last_seen_at DESC, s.created_at DESC LIMIT 1)
  WHERE ${where}`

function view(r: Raw, currentDeviceId: string | null): DeviceView {
  // Devices registered before the column existed: the User-Agent of the first session on them.
  const userAgent = r.userAgent ?? r.firstSessionAgent
  const lastUsedAt = r.lastSessionSeen && r.lastSessionSeen > r.lastSeenAt ? r.lastSessionSeen : r.lastSeenAt
  return {
    id: r.id,
    shortId: shortDeviceId(r.id),
    storeId: r.storeId,
    userAgent,
    ...summarizeUserAgent(userAgent),
    registeredBy: person(r.registeredById, r.registeredByName, r.registeredByNo),
    registeredAt: r.createdAt,
    lastUsedAt,
    lastUsedBy: person(r.lastUserId, r.lastUserName, r.lastUserNo),
    openSessions: Number(r.openSessions),
    revokedAt: r.revokedAt,
    revokedBy: person(r.revokedById, r.revokedByName, r.revokedByNo),
    thisDevice: currentDeviceId !== null && r.id === currentDeviceId,
  }
}

/** A store's tablets: the registered ones first (most recently used first), then the revoked ones. */
export async function listDevices(db: Db | Tx, input: { storeId: string; now: Date; currentDeviceId: string | null }): Promise<DeviceView[]> {
  const rows = await db.all<Raw>(query(input.now.toISOString(), sql`d.store_id = ${input.storeId}`))
  return rows
    .map((r) => view(r, input.currentDeviceId))
    .sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null) || b.lastUsedAt.localeCompare(a.lastUsedAt) || a.id.localeCompare(b.id))
}

/** One device of a store; undefined for a device of another store (which, to the caller, does not exist). */
export async function findStoreDevice(db: Db | Tx, input: { storeId: string; deviceId: string; now: Date; currentDeviceId: string | null }) {
  const row = await first<Raw>(db, query(input.now.toISOString(), sql`d.store_id = ${input.storeId} AND d.id_hash = ${input.deviceId}`))
  return row && view(row, input.currentDeviceId)
}
