import { and, eq, lt } from 'drizzle-orm'
import { canonicalize } from 'json-canonicalize'
import { idempotencyKeys } from '../../../db/schema/index'
import { DomainError } from '../errors'
import { sha256 } from '../ids'
import type { Tx } from '../writer'

export type Idempotent<T> = { status: number; body: T; replayed: boolean }

export const requestHash = (payload: unknown) => sha256(canonicalize(payload ?? null))

/**
 * Runs `effect` once per (scope, key) inside the writer's transaction. The same key with the same
 * payload answers the stored response again; with another payload it is refused (422). Because the
 * record is written in the same transaction as the effect, a crash leaves either both or neither.
 */
export async function once<T>(
  tx: Tx,
  at: Date,
  id: { scope: string; key: string; payload: unknown },
  effect: () => Promise<{ status: number; body: T }>,
): Promise<Idempotent<T>> {
  const hash = requestHash(id.payload)
  const [existing] = await tx
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, id.scope), eq(idempotencyKeys.key, id.key)))
  if (existing) {
    if (existing.requestHash !== hash) {
      throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for a different request', {
        key: id.key,
      })
    }
    return { status: existing.status, body: JSON.parse(existing.response) as T, replayed: true }
  }
  const result = await effect()
  await tx.insert(idempotencyKeys).values({
    scope: id.scope,
    key: id.key,
    requestHash: hash,
    status: result.status,
    response: JSON.stringify(result.body),
    createdAt: at.toISOString(),
  })
  return { ...result, replayed: false }
}

/** Forgets idempotency records older than the retention (which must outlast the longest offline window). */
export async function purgeIdempotency(tx: Tx, now: Date, retentionDays: number) {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString()
  await tx.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, cutoff))
}
