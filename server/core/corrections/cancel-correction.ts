import { appendAudit } from '../audit/chain'
import type { Ctx } from '../context'
import { DomainError, notFound } from '../errors'
import { authorizeStore, requireUser } from './access'
import { markDecided } from './decision'
import { CancelBody, type CancelInput } from './schemas'
import { readCorrection, summaryOf } from './views'

/** Corrections a person typed in, which they may withdraw; count and transfer differences are not theirs to discard. */
export const MANUAL_SOURCES: readonly string[] = ['backroom', 'floor_report']

/**
 * The enterer withdraws their pending correction (to change a correction, cancel it and enter a new
 * one). Nobody else may cancel it: a second person rejects instead, which is a decision with a reason.
 * A correction that came from a count or a transfer cannot be withdrawn at all (409 NOT_CANCELLABLE):
 * otherwise one person could make a count's variance disappear; a second person confirms or rejects it.
 */
export async function cancelCorrection({ ctx, input }: { ctx: Ctx; input: CancelInput }) {
  const { storeId, id, ...body } = input
  const parsed = CancelBody.parse(body)
  const userId = requireUser(ctx.actor)
  const at = ctx.clock.now()

  return ctx.writer.run(async (tx) => {
    await authorizeStore(tx, userId, 'correction.report', storeId)
    const record = await readCorrection(tx, storeId, id)
    if (!record) throw notFound('Correction', { id })
    if (parsed.version !== undefined && parsed.version !== record.version) {
      throw new DomainError('STALE_VERSION', 'This correction changed since you opened it; reload and look again', {
        expected: parsed.version,
        version: record.version,
        status: record.status,
      })
    }
    if (record.status !== 'pending') throw new DomainError('INVALID_STATE', `This correction is already ${record.status}`, { status: record.status })
    if (!MANUAL_SOURCES.includes(record.source)) {
      const what = record.source === 'transfer' ? "A transfer's difference on arrival" : "A count's difference"
      throw new DomainError('NOT_CANCELLABLE', `${what} is decided by a second person: they confirm or reject it`, { id, source: record.source })
    }
    if (record.enteredBy !== userId) {
      throw new DomainError('FORBIDDEN', 'Only the person who entered a correction can cancel it; reject it instead')
    }
    const version = await markDecided(tx, record, { status: 'cancelled', decidedBy: userId, at, decidedRole: null, decisionNote: parsed.reason || null })
    await appendAudit(tx, at, ctx.actor, {
      action: 'correction.cancelled',
      entityType: 'correction',
      entityId: id,
      storeId,
      before: { status: 'pending', version: record.version },
      after: { status: 'cancelled', version, reason: parsed.reason || null },
    })
    return summaryOf(tx, storeId, id)
  })
}
