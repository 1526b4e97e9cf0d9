import type { Database } from '../../db/client'
import { GENESIS_HASH, hashEvent } from '../../server/core/audit/chain'
import { auditHead } from '../../server/core/ledger/verify-ledger'

/** Appends `count` well-formed events after the current head with plain batched SQL (fast). */
export async function appendBulk(db: Database, count: number) {
  const head = await auditHead(db.db)
  let prevHash = head.seq ? head.hash : GENESIS_HASH
  const rows: Array<Array<string | number>> = []
  for (let seq = head.seq + 1; seq <= head.seq + count; seq++) {
    const row = {
      seq,
      at: '2026-11-02T10:00:00.000Z',
      action: 'test.bulk',
      actorUserId: 'u-stockroom',
      actorKeyId: null,
      sessionId: null,
      deviceId: null,
      requestId: null,
      storeId: 'st-a1',
      entityType: 'test',
      entityId: `e${seq}`,
      before: null,
      after: `{"n":${seq}}`,
      prevHash,
    }
    const hash = hashEvent(row)
    rows.push([row.seq, row.at, row.action, row.actorUserId, row.storeId, row.entityType, row.entityId, row.after, row.prevHash, hash])
    prevHash = hash
  }
  for (let i = 0; i < rows.length; i += 5000) {
    await db.client.batch(
      rows.slice(i, i + 5000).map((args) => ({
        sql: 'INSERT INTO audit_events (seq, at, action, actor_user_id, store_id, entity_type, entity_id, after, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        args,
      })),
      'write',
    )
  }
  return { head: head.seq + count }
}
