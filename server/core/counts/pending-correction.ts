import { inArray } from 'drizzle-orm'
import { correctionCounters, correctionLines, corrections, items, reasonCodes } from '../../../db/schema/index'
import { appendAudit } from '../audit/chain'
import type { Actor } from '../context'
import { tierOfEntry } from '../corrections/tier-value'
import { DomainError } from '../errors'
import { newId } from '../ids'
import type { Tx } from '../writer'

export type VarianceCorrection = {
  storeId: string
  source: 'count' | 'transfer'
  reasonCode: string
  note: string | null
  countId?: string
  transferId?: string
  /** The counter of record (shown in lists; kept for compatibility). */
  countedBy: string | null
  /**
   * Everyone who counted the stock (every count entry of any round, every scan of a transfer receipt):
   * stored in correction_counters with the correction; none of them may confirm or reject it.
   */
  counters: readonly string[]
  lines: Array<{ locationId: string; itemId: string; quantityDelta: number }>
}

/**
 * Enters a pending correction from a workflow (a submitted count, a received transfer) inside the
 * caller's transaction, so the document and its correction commit together. It follows the rules of
 * corrections/enter-correction.ts — unit costs snapshotted, the split-aware tier (tierOfEntry, shared
 * with that verb), audit event `correction.entered` — but cannot call the verb itself: it runs its own
 * writer transaction and takes only manual sources.
 * It changes no stock: a second person confirms it like any other correction.
 */
export async function enterVarianceCorrection(tx: Tx, at: Date, actor: Actor, input: VarianceCorrection) {
  const enteredBy = actor.userId
  if (!enteredBy) throw new DomainError('UNAUTHENTICATED', 'Sign in to continue')
  const reason = (await tx.select().from(reasonCodes).where(inArray(reasonCodes.code, [input.reasonCode])))[0]
  if (!reason) throw new DomainError('INVALID_STATE', `The reason code "${input.reasonCode}" is missing from this installation`, { reasonCode: input.reasonCode })
  const itemIds = [...new Set(input.lines.map((l) => l.itemId))]
  const costRows = await tx.select({ id: items.id, unitCost: items.unitCost }).from(items).where(inArray(items.id, itemIds))
  const costs = new Map(costRows.map((r) => [r.id, Number(r.unitCost)]))
  const lines = input.lines.map((l, i) => ({ ...l, id: newId(), lineNo: i + 1, unitCost: costs.get(l.itemId) ?? 0 }))
  const value = lines.reduce((sum, l) => sum + Math.abs(l.quantityDelta) * l.unitCost, 0)
  const { tierValue, tier, policy } = await tierOfEntry(tx, { storeId: input.storeId, enteredBy, itemIds, value, at })
  const id = newId()
  await tx.insert(corrections).values({
    id,
    storeId: input.storeId,
    status: 'pending',
    source: input.source,
    reasonCode: input.reasonCode,
    note: input.note,
    value,
    tierValue,
    tier,
    countId: input.countId ?? null,
    transferId: input.transferId ?? null,
    countedBy: input.countedBy,
    enteredBy,
    enteredAt: at.toISOString(),
    enteredSession: actor.sessionId ?? null,
    enteredDevice: actor.deviceId ?? null,
    version: 1,
  })
  await tx.insert(correctionLines).values(lines.map((l) => ({ id: l.id, correctionId: id, lineNo: l.lineNo, locationId: l.locationId, itemId: l.itemId, quantityDelta: l.quantityDelta, unitCost: l.unitCost })))
  const counters = [...new Set([...input.counters, ...(input.countedBy ? [input.countedBy] : [])])].sort()
  if (counters.length > 0) await tx.insert(correctionCounters).values(counters.map((userId) => ({ correctionId: id, userId })))
  await appendAudit(tx, at, actor, {
    action: 'correction.entered',
    entityType: 'correction',
    entityId: id,
    storeId: input.storeId,
    after: {
      status: 'pending',
      version: 1,
      source: input.source,
      reasonCode: input.reasonCode,
      note: input.note,
      countId: input.countId ?? null,
      transferId: input.transferId ?? null,
      countedBy: input.countedBy,
      counters,
      value,
      tierValue,
      tier,
      policy: policy.source,
      lines: lines.map((l) => ({ lineNo: l.lineNo, locationId: l.locationId, itemId: l.itemId, quantityDelta: l.quantityDelta, unitCost: l.unitCost, value: Math.abs(l.quantityDelta) * l.unitCost })),
    },
  })
  return { id, value, tierValue, tier }
}
