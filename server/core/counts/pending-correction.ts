import { inArray, sql } from 'drizzle-orm'
import { correctionLines, corrections, items, reasonCodes } from '../../../db/schema/index'
import { appendAudit } from '../audit/chain'
import type { Actor } from '../context'
import { SPLIT_WINDOW_MS } from '../corrections/enter-correction'
import { tierFor } from '../corrections/rules'
import { loadTierPolicy } from '../corrections/tier-policy'
import { DomainError } from '../errors'
import { newId } from '../ids'
import { first } from '../sql'
import type { Tx } from '../writer'

export type VarianceCorrection = {
  storeId: string
  source: 'count' | 'transfer'
  reasonCode: string
  note: string | null
  countId?: string
  transferId?: string
  /** Who counted the stock: never allowed to confirm this correction. */
  countedBy: string | null
  lines: Array<{ locationId: string; itemId: string; quantityDelta: number }>
}

/**
 * Enters a pending correction from a workflow (a submitted count, a received transfer) inside the
 * caller's transaction, so the document and its correction commit together. It follows the rules of
 * corrections/enter-correction.ts — unit costs snapshotted, value and tier (with the enterer's other
 * corrections of the same items within 24 h) computed, audit event `correction.entered` — but it
 * cannot call that verb: the verb runs its own writer transaction and knows only manual sources.
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
  const related = await first<{ total: number | null }>(tx, sql`
    SELECT SUM(c.value) AS total FROM corrections c
    WHERE c.store_id = ${input.storeId} AND c.entered_by = ${enteredBy} AND c.status IN ('pending', 'confirmed')
      AND c.entered_at > ${new Date(at.getTime() - SPLIT_WINDOW_MS).toISOString()}
      AND EXISTS (SELECT 1 FROM correction_lines cl WHERE cl.correction_id = c.id
        AND cl.item_id IN (${sql.join(itemIds.map((id) => sql`${id}`), sql`, `)}))`)
  const tierValue = value + Number(related?.total ?? 0)
  const policy = await loadTierPolicy(tx, input.storeId)
  const tier = tierFor(tierValue, policy)
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
      value,
      tierValue,
      tier,
      policy: policy.source,
      lines: lines.map((l) => ({ lineNo: l.lineNo, locationId: l.locationId, itemId: l.itemId, quantityDelta: l.quantityDelta, unitCost: l.unitCost, value: Math.abs(l.quantityDelta) * l.unitCost })),
    },
  })
  return { id, value, tierValue, tier }
}
