import { desc, sql } from 'drizzle-orm'
import { canonicalize } from 'json-canonicalize'
import type { Db } from '../../../db/client'
import { auditEvents } from '../../../db/schema/index'
import type { Actor } from '../context'
import { sha256 } from '../ids'
import type { Tx } from '../writer'

export const GENESIS_HASH = '0'.repeat(64)

export type AuditInput = {
  action: string
  entityType: string
  entityId: string
  storeId?: string | null
  before?: unknown
  after?: unknown
}

type AuditRow = typeof auditEvents.$inferSelect

const json = (value: unknown) => (value === undefined || value === null ? null : canonicalize(value))

/** The hash covers every column but `hash` itself, so any edit of a row breaks it. */
export function hashEvent(row: Omit<AuditRow, 'hash'>) {
  const { prevHash, ...fields } = row
  return sha256(prevHash + canonicalize(fields))
}

/**
 * Appends one event to the hash chain, inside the caller's write transaction (fail-closed:
 * if the audit row cannot be written, the change it records is rolled back with it).
 */
export async function appendAudit(tx: Tx, at: Date, actor: Actor, input: AuditInput) {
  const last = await tx
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(1)
  const row: Omit<AuditRow, 'hash'> = {
    seq: (last[0]?.seq ?? 0) + 1,
    at: at.toISOString(),
    action: input.action,
    actorUserId: actor.userId ?? null,
    actorKeyId: actor.keyId ?? null,
    sessionId: actor.sessionId ?? null,
    deviceId: actor.deviceId ?? null,
    requestId: actor.requestId ?? null,
    storeId: input.storeId ?? null,
    entityType: input.entityType,
    entityId: input.entityId,
    before: json(input.before),
    after: json(input.after),
    prevHash: last[0]?.hash ?? GENESIS_HASH,
  }
  const hash = hashEvent(row)
  await tx.insert(auditEvents).values({ ...row, hash })
  return { seq: row.seq, hash }
}

export type ChainAnchor = { seq: number; hash: string }
export type ChainProblem = { seq: number; problem: 'hash_mismatch' | 'prev_hash_mismatch' | 'seq_gap' | 'anchor_missing' | 'anchor_mismatch'; message: string }
export type ChainReport = { ok: boolean; events: number; head: ChainAnchor | null; problems: ChainProblem[] }

/**
 * Recomputes the whole chain and names the rows that do not fit: an edited row fails its own hash,
 * a deleted or reordered row breaks the next row's link (or the sequence). Truncating the tail keeps
 * the rest consistent, which is why an exported anchor (seq + hash of the head) is checked too.
 */
export async function verifyChain(db: Db, anchor?: ChainAnchor): Promise<ChainReport> {
  const problems: ChainProblem[] = []
  let prevHash = GENESIS_HASH
  let expectedSeq = 1
  let events = 0
  let head: ChainAnchor | null = null
  let anchorSeen = false
  // Pages of 1,000 (a few ms of hashing each) with a yield to the event loop between them: verifying
  // a long chain over the API must not stall every tablet's request meanwhile.
  const pageSize = 1000
  for (let after = 0; ; ) {
    // Raw SQL paging: the relational query builder costs more than the hashing on large chains.
    const rows = await db.all<AuditRow>(sql`SELECT seq, at, action, actor_user_id AS actorUserId, actor_key_id AS actorKeyId,
      session_id AS sessionId, device_id AS deviceId, request_id AS requestId, store_id AS storeId, entity_type AS entityType,
      entity_id AS entityId, before, after, prev_hash AS prevHash, hash
      FROM audit_events WHERE seq > ${after} ORDER BY seq LIMIT ${pageSize}`)
    for (const row of rows) {
      events += 1
      row.seq = Number(row.seq)
      if (row.seq !== expectedSeq) {
        problems.push({ seq: row.seq, problem: 'seq_gap', message: `event ${row.seq} follows ${expectedSeq - 1}: events are missing or reordered` })
      }
      if (row.prevHash !== prevHash) {
        problems.push({ seq: row.seq, problem: 'prev_hash_mismatch', message: `event ${row.seq} does not link to the event before it` })
      }
      const { hash, ...rest } = row
      if (hashEvent({ ...rest, seq: Number(rest.seq) }) !== hash) {
        problems.push({ seq: row.seq, problem: 'hash_mismatch', message: `event ${row.seq} was changed after it was written` })
      }
      if (anchor && row.seq === anchor.seq) {
        anchorSeen = true
        if (row.hash !== anchor.hash) {
          problems.push({ seq: row.seq, problem: 'anchor_mismatch', message: `event ${row.seq} differs from the exported anchor` })
        }
      }
      prevHash = hash
      expectedSeq = row.seq + 1
      head = { seq: row.seq, hash }
    }
    if (rows.length < pageSize) break
    after = rows[rows.length - 1]!.seq
    await new Promise((resolve) => setImmediate(resolve))
  }
  if (anchor && !anchorSeen) {
    problems.push({ seq: anchor.seq, problem: 'anchor_missing', message: `the chain ends at ${head?.seq ?? 0}, before the exported anchor ${anchor.seq}: its tail was removed` })
  }
  return { ok: problems.length === 0, events, head, problems }
}
