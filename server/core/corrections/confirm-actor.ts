import { sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import type { Role } from '../../../db/schema/index'
import { first } from '../sql'
import type { Tx } from '../writer'
import type { ConfirmActor } from './rules'

/**
 * Everything `canConfirm` needs to know about a would-be decider, read now: their active grants (with who
 * granted them), who created the account and who last set its secrets. Inside the deciding transaction
 * this is the truth; in lists it is the same read, so the buttons follow the server's verdict.
 */
export async function loadConfirmActor(db: Db | Tx, userId: string, at: Date): Promise<ConfirmActor> {
  const rows = await db.all<{ role: Role; storeId: string | null; regionId: string | null; grantedBy: string | null }>(sql`
    SELECT role, store_id AS storeId, region_id AS regionId, granted_by AS grantedBy
    FROM role_assignments WHERE user_id = ${userId} AND revoked_at IS NULL`)
  const user = await first<{ createdBy: string | null; credentialsSetBy: string | null; credentialsSetAt: string | null }>(
    db,
    sql`SELECT created_by AS createdBy, credentials_set_by AS credentialsSetBy, credentials_set_at AS credentialsSetAt FROM users WHERE id = ${userId}`,
  )
  return {
    userId,
    grants: rows.map(({ role, storeId, regionId }) => ({ role, storeId, regionId })),
    account: {
      createdBy: user?.createdBy ?? null,
      credentialsSetBy: user?.credentialsSetBy ?? null,
      credentialsSetAt: user?.credentialsSetAt ?? null,
      grantedBy: rows,
    },
    at,
  }
}

/**
 * SQL for a correction's counters as a JSON array (sorted), for a query over `corrections c`: everyone in
 * correction_counters, and the counter of record (`counted_by`) even on a row written without them.
 */
export const COUNTERS_JSON = sql`(SELECT json_group_array(user_id) FROM (SELECT cc.user_id AS user_id FROM correction_counters cc
  WHERE cc.correction_id = c.id UNION SELECT c.counted_by WHERE c.counted_by IS NOT NULL ORDER BY 1)) AS counters`

/** The counters column as read (a JSON array text) → user ids. */
export function parseCounters(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String)
  if (typeof value !== 'string' || value === '') return []
  const parsed = JSON.parse(value) as unknown
  return Array.isArray(parsed) ? parsed.map(String) : []
}
