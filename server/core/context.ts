import type { Database, Db } from '../../db/client'
import type { Clock } from './clock'
import { DEFAULT_SHRINK_FLAG, type ShrinkFlagPolicy } from './counts/rules'
import type { Writer } from './writer'

/** Who is acting, as proven by the HTTP edge (session or API key) — never taken from a request body. */
export type Actor = {
  userId: string | null
  keyId?: string | null
  sessionId?: string | null
  deviceId?: string | null
  requestId?: string | null
}

export type CoreConfig = {
  /** How long fresh credentials count for a confirmation (step-up). */
  stepUpSeconds: number
  /** How long idempotency records are kept (≥ the longest offline window). */
  idempotencyRetentionDays: number
  /** When confirmed write-offs flag an item for a count (counts/rules.ts, `flagged` counts). */
  shrinkFlag: ShrinkFlagPolicy
}

export const defaultCoreConfig: CoreConfig = { stepUpSeconds: 60, idempotencyRetentionDays: 7, shrinkFlag: DEFAULT_SHRINK_FLAG }

export type Deps = { database: Database; db: Db; writer: Writer; clock: Clock; config: CoreConfig }
export type Ctx = Deps & { actor: Actor }
