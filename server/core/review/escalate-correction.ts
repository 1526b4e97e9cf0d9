import { sql } from 'drizzle-orm'
import type { Tier } from '../../../db/schema/index'
import { findStore } from '../access/load-access'
import { can, seesStore } from '../access/policy'
import { appendAudit } from '../audit/chain'
import type { Ctx } from '../context'
import { DomainError, notFound } from '../errors'
import { first } from '../sql'
import { effectivePolicies } from './policies'
import { EscalateInput } from './schemas'
import { actorGrants } from './scope'

type Pending = { id: string; storeId: string; status: string; enteredAt: string; tier: Tier; value: number }

/**
 * Flags a pending correction for the region's attention. It changes no stock and decides nothing:
 * the escalation is an audit event ('correction.escalated') that the queue shows next to the row.
 */
export async function escalateCorrection({ ctx, input }: { ctx: Ctx; input: { correctionId: string; note?: string | undefined } }) {
  const { note } = EscalateInput.parse({ note: input.note })
  const grants = await actorGrants(ctx)
  const read = () =>
    first<Pending>(ctx.db, sql`SELECT id, store_id AS storeId, status, entered_at AS enteredAt, tier, value
      FROM corrections WHERE id = ${input.correctionId}`)
  const correction = await read()
  const store = correction ? await findStore(ctx.db, correction.storeId) : undefined
  if (!correction || !store || !seesStore(grants, store) || !can(grants, 'correction.read', store)) {
    throw notFound('Correction', { correctionId: input.correctionId })
  }
  if (!can(grants, 'correction.decide', store)) {
    throw new DomainError('FORBIDDEN', 'Your role does not allow escalating corrections here (correction.decide)', { action: 'correction.decide' })
  }
  const policy = (await effectivePolicies(ctx.db, [store.id])).get(store.id)!
  const at = ctx.clock.now()
  return ctx.writer.run(async (tx) => {
    const current = await first<{ status: string }>(tx, sql`SELECT status FROM corrections WHERE id = ${correction.id}`)
    if (current?.status !== 'pending') {
      throw new DomainError('INVALID_STATE', 'Only a pending correction can be escalated', { status: current?.status })
    }
    const ageHours = Math.floor((at.getTime() - Date.parse(correction.enteredAt)) / 3_600_000)
    const event = await appendAudit(tx, at, ctx.actor, {
      action: 'correction.escalated',
      entityType: 'correction',
      entityId: correction.id,
      storeId: correction.storeId,
      after: {
        note: note ?? null,
        ageHours,
        overdue: ageHours >= policy.escalateAfterHours,
        tier: correction.tier,
        value: Number(correction.value),
      },
    })
    return { id: correction.id, escalatedAt: at.toISOString(), auditSeq: event.seq }
  })
}
