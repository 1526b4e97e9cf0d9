import { and, eq, sql } from 'drizzle-orm'
import { corrections, sessions, users, type Tier } from '../../../db/schema/index'
import { verifyCredentials } from '../auth/step-up'
import type { Ctx } from '../context'
import { DomainError, notFound } from '../errors'
import type { Tx } from '../writer'
import { requireUser } from './access'
import { loadConfirmActor } from './confirm-actor'
import { canConfirm, requiredTier } from './rules'
import type { Credentials } from './schemas'
import { loadSeries, type Series } from './series'
import { readCorrection, type CorrectionRecord } from './views'

/**
 * Who decides, and how they proved it just now:
 * - `credentials`: the tablet was handed to them and they typed their own PIN/password into this request;
 * - `session`: the signed-in user re-entered their credentials (sign-in or step-up) within stepUpSeconds.
 */
export type Decider = { userId: string; via: 'credentials' | 'session' }

/**
 * Runs before the writer: verifying a PIN (Argon2id, ~60 ms) must never hold the write lock.
 * Everything else about the decider is re-checked inside the transaction by `checkDecision`.
 */
export async function resolveDecider(ctx: Ctx, credentials: Credentials | undefined): Promise<Decider> {
  const sessionUser = requireUser(ctx.actor)
  if (!credentials) return { userId: sessionUser, via: 'session' }
  const secret = 'pin' in credentials ? { pin: credentials.pin } : { password: credentials.password }
  const { userId } = await verifyCredentials(ctx, ctx.actor, { employeeNo: credentials.employeeNo, ...secret })
  return { userId, via: 'credentials' }
}

/**
 * Inside the deciding transaction: the step-up is still fresh, the correction is the version the
 * decider saw, the decider is active, and — from grants and account facts read now, so a role revoked
 * a second ago counts — they may release it (four eyes, every counter, scope, tier, and not the
 * corrections of whoever set up their account, role or secrets). The tier is the higher of the stored
 * one and the F16 series' tier, read now in this transaction: a part entered after this one raises it.
 */
export async function checkDecision(
  tx: Tx,
  ctx: Ctx,
  at: Date,
  decider: Decider,
  target: { storeId: string; id: string; version: number },
): Promise<{ record: CorrectionRecord; role: string; series: Series; tier: Tier }> {
  if (decider.via === 'session') await requireFreshStepUp(tx, ctx, at)
  const record = await readCorrection(tx, target.storeId, target.id)
  if (!record) throw notFound('Correction', { id: target.id })
  if (record.version !== target.version) {
    throw new DomainError('STALE_VERSION', 'This correction changed since you opened it; reload and look again', {
      expected: target.version,
      version: record.version,
      status: record.status,
    })
  }
  const [user] = await tx.select({ active: users.active }).from(users).where(eq(users.id, decider.userId))
  if (!user?.active) throw new DomainError('UNAUTHENTICATED', 'This account is disabled')
  const actor = await loadConfirmActor(tx, decider.userId, at)
  const [enterer] = await tx.select({ name: users.name }).from(users).where(eq(users.id, record.enteredBy))
  const series = (await loadSeries(tx, [record])).get(record.id)!
  const tier = requiredTier({ tier: record.tier, series })
  const verdict = canConfirm(actor, { ...record, enteredByName: enterer?.name ?? null, series })
  if (!verdict.ok) {
    const { seriesIds: _ids, ...trail } = seriesTrail(record, series, tier)
    throw new DomainError(verdict.code, verdict.message, { id: record.id, tier: record.tier, ...trail })
  }
  return { record, role: verdict.role, series, tier }
}

/**
 * What a decision's audit event (and a refusal's details) records about the tier: the tier that applied
 * and the value behind it, and the series valued together with the correction (F16).
 */
export const seriesTrail = (record: Pick<CorrectionRecord, 'tierValue'>, series: Series, tier: Tier) => ({
  effectiveTier: tier,
  effectiveTierValue: Math.max(record.tierValue, series.value),
  seriesValue: series.value,
  seriesOthers: series.others,
  seriesIds: series.ids,
})

/** A proof of identity counts for `seconds` after it was given (and never from the future). */
export function stepUpFresh(stepUpAt: string, at: Date, seconds: number) {
  const age = at.getTime() - Date.parse(stepUpAt)
  return age >= 0 && age <= seconds * 1000
}

async function requireFreshStepUp(tx: Tx, ctx: Ctx, at: Date) {
  const sessionId = ctx.actor.sessionId
  const [session] = sessionId
    ? await tx.select({ userId: sessions.userId, stepUpAt: sessions.stepUpAt, revokedAt: sessions.revokedAt }).from(sessions).where(eq(sessions.idHash, sessionId))
    : []
  const fresh =
    session !== undefined &&
    session.revokedAt === null &&
    session.userId === ctx.actor.userId &&
    session.stepUpAt !== null &&
    stepUpFresh(session.stepUpAt, at, ctx.config.stepUpSeconds)
  if (!fresh) {
    throw new DomainError('STEP_UP_REQUIRED', 'Enter your PIN to release this correction (or hand the tablet to the person who releases it)', {
      stepUpSeconds: ctx.config.stepUpSeconds,
    })
  }
}

/** Moves a pending correction to its decision; the version guard makes a lost race fail here too. */
export async function markDecided(
  tx: Tx,
  record: CorrectionRecord,
  decision: {
    status: 'confirmed' | 'rejected' | 'cancelled'
    decidedBy: string
    at: Date
    decidedRole: string | null
    decisionNote: string | null
    flaggedNegative?: boolean
  },
) {
  const updated = await tx
    .update(corrections)
    .set({
      status: decision.status,
      decidedBy: decision.decidedBy,
      decidedAt: decision.at.toISOString(),
      decidedRole: decision.decidedRole,
      decisionNote: decision.decisionNote,
      flaggedNegative: decision.flaggedNegative ?? false,
      version: sql`${corrections.version} + 1`,
    })
    .where(and(eq(corrections.id, record.id), eq(corrections.version, record.version), eq(corrections.status, 'pending')))
    .returning({ version: corrections.version })
  if (updated.length !== 1) {
    throw new DomainError('STALE_VERSION', 'This correction changed since you opened it; reload and look again', { id: record.id })
  }
  return Number(updated[0]!.version)
}

/** What the audit event records about who decided, and through which session. */
export const deciderTrail = (ctx: Ctx, decider: Decider) => ({
  decidedBy: decider.userId,
  sessionUserId: ctx.actor.userId,
  proof: decider.via === 'credentials' ? 'credentials_in_request' : 'session_step_up',
})
