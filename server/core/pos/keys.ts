import { sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { posApiKeys } from '../../../db/schema/index'
import type { StoreRef } from '../access/policy'
import { appendAudit } from '../audit/chain'
import type { Ctx } from '../context'
import { DomainError, notFound } from '../errors'
import { newId, randomToken, sha256 } from '../ids'
import { first } from '../sql'
import { CreateKeyInput, RevokeKeyInput } from './schemas'

/** `bspos_` + 256 random bits: recognizable in logs and secret scanners, impossible to guess. */
const KEY_PREFIX = 'bspos_'
const KEY_SHAPE = /^bspos_[A-Za-z0-9_-]{43}$/
/** How much of the key is kept in clear to tell keys apart in a list. */
const SHOWN = 12

export type PosKeyView = { id: string; storeId: string; name: string; prefix: string; createdBy: string; createdAt: string; revokedAt: string | null }
export type PosKeyRef = { id: string; storeId: string; regionId: string }

const COLUMNS = sql`id, store_id AS storeId, name, prefix, created_by AS createdBy, created_at AS createdAt, revoked_at AS revokedAt`

/**
 * The office creates a key for a till system. The key is answered exactly once; only its SHA-256
 * is stored (a high-entropy secret needs no slow hash), with a short prefix to recognize it by.
 */
export async function createPosKey({ ctx, store, input }: { ctx: Ctx; store: StoreRef; input: unknown }) {
  const { name } = CreateKeyInput.parse(input)
  const secret = KEY_PREFIX + randomToken(32)
  const row = { id: newId(), storeId: store.id, name, keyHash: sha256(secret), prefix: secret.slice(0, SHOWN), createdBy: ctx.actor.userId ?? 'unknown', createdAt: ctx.clock.now().toISOString() }
  const at = ctx.clock.now()
  await ctx.writer.run(async (tx) => {
    await tx.insert(posApiKeys).values(row)
    await appendAudit(tx, at, ctx.actor, { action: 'pos.key_created', entityType: 'pos_api_key', entityId: row.id, storeId: store.id, after: { name, prefix: row.prefix } })
  })
  const { keyHash: _hash, ...view } = row
  return { key: { ...view, revokedAt: null } satisfies PosKeyView, secret }
}

export async function listPosKeys(db: Db, storeId: string): Promise<PosKeyView[]> {
  return db.all<PosKeyView>(sql`SELECT ${COLUMNS} FROM pos_api_keys WHERE store_id = ${storeId} ORDER BY revoked_at IS NOT NULL, created_at DESC`)
}

/** Revoking is immediate and final: the next request with the key is refused. */
export async function revokePosKey({ ctx, store, keyId, input }: { ctx: Ctx; store: StoreRef; keyId: string; input: unknown }) {
  RevokeKeyInput.parse(input ?? {})
  const at = ctx.clock.now()
  const replayed = await ctx.writer.run(async (tx) => {
    const key = await first<{ revokedAt: string | null; prefix: string }>(tx, sql`SELECT revoked_at AS revokedAt, prefix FROM pos_api_keys WHERE id = ${keyId} AND store_id = ${store.id}`)
    if (!key) throw notFound('API key', { keyId })
    if (key.revokedAt) return true
    await tx.run(sql`UPDATE pos_api_keys SET revoked_at = ${at.toISOString()} WHERE id = ${keyId}`)
    await appendAudit(tx, at, ctx.actor, { action: 'pos.key_revoked', entityType: 'pos_api_key', entityId: keyId, storeId: store.id, before: { revokedAt: null }, after: { revokedAt: at.toISOString(), prefix: key.prefix } })
    return false
  })
  const key = await first<PosKeyView>(ctx.db, sql`SELECT ${COLUMNS} FROM pos_api_keys WHERE id = ${keyId}`)
  return { key: key!, replayed }
}

/** The store behind a presented key; null for anything malformed, unknown, revoked, or of an inactive store. */
export async function resolvePosKey(db: Db, presented: string): Promise<PosKeyRef | null> {
  if (!KEY_SHAPE.test(presented)) return null
  const row = await first<PosKeyRef>(db, sql`SELECT k.id, k.store_id AS storeId, s.region_id AS regionId
    FROM pos_api_keys k JOIN stores s ON s.id = k.store_id
    WHERE k.key_hash = ${sha256(presented)} AND k.revoked_at IS NULL AND s.active = 1`)
  return row ?? null
}

export const invalidKey = () => new DomainError('UNAUTHENTICATED', 'Send a valid point-of-sale API key: Authorization: Bearer <key>')
