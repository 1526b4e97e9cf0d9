import type { Context } from 'hono'
import { DomainError } from '../core/errors'
import type { AppEnv } from './app-env'

const KEY = /^[A-Za-z0-9_-]{8,128}$/

/**
 * The `Idempotency-Key` header of a retryable write, scoped to the caller so that one user's key
 * can never replay another user's response.
 */
export function idempotencyKey(c: Context<AppEnv>, scope?: string) {
  const key = c.req.header('idempotency-key')
  if (!key || !KEY.test(key)) {
    throw new DomainError('IDEMPOTENCY_KEY_REQUIRED', 'Send an Idempotency-Key header (8–128 letters, digits, - or _)')
  }
  const auth = c.get('auth')
  return { scope: scope ?? `user:${auth?.userId ?? 'anonymous'}`, key }
}

/** Marks a response that repeats an earlier answer to the same key. */
export function markReplay(c: Context<AppEnv>, replayed: boolean) {
  if (replayed) c.header('Idempotent-Replayed', 'true')
}
