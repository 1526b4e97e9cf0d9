import { sql } from 'drizzle-orm'
import type { LocationKind } from '../../../db/schema/index'
import { appendAudit } from '../audit/chain'
import type { Ctx } from '../context'
import { DomainError } from '../errors'
import { applyMovements, defaultNegativeRule, type MovementLine } from '../ledger/apply-movements'
import { first } from '../sql'
import type { Tx } from '../writer'
import { checkDecision, deciderTrail, markDecided, resolveDecider, seriesTrail } from './decision'
import { ConfirmBody, type ConfirmInput } from './schemas'
import { loadTierPolicy } from './tier-policy'
import { readLines, summaryOf, type CorrectionLineRecord } from './views'

/**
 * Releases a correction: a second person (never the enterer or the counter) with a role covering the
 * correction's tier confirms the version they saw, with fresh credentials. In ONE transaction: the
 * decision, a `correction` movement per line (found → location, or location → write-off), the
 * balances, and the audit event. A lost race or a replay finds a new version and changes nothing.
 */
export async function confirmCorrection({ ctx, input }: { ctx: Ctx; input: ConfirmInput }) {
  const { storeId, id, ...body } = input
  const parsed = ConfirmBody.parse(body)
  const decider = await resolveDecider(ctx, parsed.credentials)
  const at = ctx.clock.now()

  return ctx.writer.run(async (tx) => {
    const { record, role, series, tier } = await checkDecision(tx, ctx, at, decider, { storeId, id, version: parsed.version })
    const lines = await readLines(tx, id)
    // Lines are immutable, but a pending correction could still gain a line by a raw INSERT: what is
    // posted must be exactly what was valued (and tiered) at entry.
    const linesValue = lines.reduce((sum, l) => sum + Math.abs(l.quantityDelta) * l.unitCost, 0)
    if (linesValue !== record.value || lines.length === 0) {
      throw new DomainError('CONFLICT', 'This correction’s lines do not match its entered value; it cannot be released', { value: record.value, linesValue })
    }
    const policy = await loadTierPolicy(tx, storeId)
    const below = await belowZero(tx, lines)
    const refused = below.filter((b) => !(b.kind === 'stockroom' && policy.allowNegativeStockroom))
    if (refused.length > 0) {
      const worst = refused[0]!
      throw new DomainError('NEGATIVE_STOCK', `Confirming would take the ${worst.kind} below zero (${worst.wouldBe}); count the item first`, {
        lines: refused,
      })
    }
    const flaggedNegative = below.length > 0
    // The decision first: the ledger trigger accepts correction movements only for confirmed lines.
    const version = await markDecided(tx, record, { status: 'confirmed', decidedBy: decider.userId, at, decidedRole: role, decisionNote: null, flaggedNegative })
    const movements: MovementLine[] = lines.map((line) => ({
      storeId,
      itemId: line.itemId,
      fromLocationId: line.quantityDelta < 0 ? line.locationId : null,
      toLocationId: line.quantityDelta > 0 ? line.locationId : null,
      counterparty: line.quantityDelta > 0 ? 'found' : 'write_off',
      quantity: Math.abs(line.quantityDelta),
      kind: 'correction',
      docType: 'correction',
      docId: id,
      correctionLineId: line.id,
    }))
    const allowNegative = (location: LocationKind, kind: MovementLine['kind']) =>
      defaultNegativeRule(location, kind) || (flaggedNegative && kind === 'correction' && location === 'stockroom')
    await applyMovements(tx, at, { ...ctx.actor, userId: decider.userId }, movements, allowNegative)
    for (const b of below) {
      // Stock below zero is not true either: ask for a count of the item.
      await tx.run(sql`INSERT INTO store_items (store_id, item_id, count_flag, count_flagged_at)
        VALUES (${storeId}, ${b.itemId}, 'negative_stockroom', ${at.toISOString()})
        ON CONFLICT (store_id, item_id) DO UPDATE SET count_flag = COALESCE(count_flag, excluded.count_flag),
          count_flagged_at = COALESCE(count_flagged_at, excluded.count_flagged_at)`)
    }
    await appendAudit(tx, at, { ...ctx.actor, userId: decider.userId }, {
      action: 'correction.confirmed',
      entityType: 'correction',
      entityId: id,
      storeId,
      before: { status: 'pending', version: record.version },
      after: {
        status: 'confirmed',
        version,
        ...deciderTrail(ctx, decider),
        decidedRole: role,
        enteredBy: record.enteredBy,
        value: record.value,
        tier: record.tier,
        tierValue: record.tierValue,
        ...seriesTrail(record, series, tier),
        movements: movements.length,
        flaggedNegative,
        ...(flaggedNegative ? { belowZero: below } : {}),
      },
    })
    return summaryOf(tx, storeId, id)
  })
}

type BelowZero = { locationId: string; kind: LocationKind; itemId: string; wouldBe: number }

/** Lines that would leave their location below zero (each (location, item) appears once per correction). */
async function belowZero(tx: Tx, lines: CorrectionLineRecord[]): Promise<BelowZero[]> {
  const out: BelowZero[] = []
  for (const line of lines) {
    if (line.quantityDelta > 0) continue
    const row = await first<{ quantity: number | null; kind: LocationKind }>(tx, sql`
      SELECT l.kind AS kind, b.quantity AS quantity FROM locations l
      LEFT JOIN balances b ON b.location_id = l.id AND b.item_id = ${line.itemId}
      WHERE l.id = ${line.locationId}`)
    const wouldBe = Number(row?.quantity ?? 0) + line.quantityDelta
    if (wouldBe < 0) out.push({ locationId: line.locationId, kind: row!.kind, itemId: line.itemId, wouldBe })
  }
  return out
}
