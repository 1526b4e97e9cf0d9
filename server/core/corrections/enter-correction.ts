import { inArray, sql } from 'drizzle-orm'
import { correctionLines, corrections, items, locations, reasonCodes } from '../../../db/schema/index'
import { appendAudit } from '../audit/chain'
import type { Ctx } from '../context'
import { DomainError } from '../errors'
import { newId } from '../ids'
import { once } from '../ledger/idempotency'
import { first } from '../sql'
import type { Tx } from '../writer'
import { authorizeStore, requireUser } from './access'
import { CorrectionEntry, type EnterCorrectionInput } from './schemas'
import { tierOfEntry } from './tier-value'
import { summaryOf, type CorrectionSummary } from './views'

// Kept here too: other workflows import the window from this module.
export { SPLIT_WINDOW_MS } from './tier-value'

/**
 * Enters a correction: it changes no stock until a second person confirms it.
 *
 * The client-generated id makes the call idempotent: the same id with the same payload answers the
 * same correction again (a tablet retrying after a lost answer), with another payload 422.
 * The value (Σ |delta| × unit cost, costs snapshotted per line) decides the approval tier — together
 * with the enterer's other open or confirmed corrections of the same items in the last 24 h, so a
 * large write-off split into small ones still lands in the large tier.
 */
export async function enterCorrection({ ctx, input }: { ctx: Ctx; input: EnterCorrectionInput }) {
  const { storeId, ...body } = input
  const entry = CorrectionEntry.parse(body)
  const userId = requireUser(ctx.actor)
  const at = ctx.clock.now()
  const action = entry.source === 'floor_report' ? 'correction.report' : 'correction.enter'
  const payload = { storeId, source: entry.source, reasonCode: entry.reasonCode, note: entry.note ?? null, lines: entry.lines }

  return ctx.writer.run(async (tx) => {
    await authorizeStore(tx, userId, action, storeId)
    return once<CorrectionSummary>(tx, at, { scope: `correction.enter:${userId}`, key: entry.id, payload }, async () => {
      const taken = await first<{ id: string }>(tx, sql`SELECT id FROM corrections WHERE id = ${entry.id}`)
      if (taken) throw new DomainError('DUPLICATE', 'A correction with this id exists already; generate a new id', { id: entry.id })

      const reason = (await tx.select().from(reasonCodes).where(inArray(reasonCodes.code, [entry.reasonCode])))[0]
      if (!reason || !reason.active) {
        throw new DomainError('VALIDATION_FAILED', 'Unknown or retired reason code', { reasonCode: entry.reasonCode })
      }
      if (reason.requiresNote && !entry.note) {
        throw new DomainError('VALIDATION_FAILED', `The reason "${reason.labelEn}" needs a note`, { reasonCode: entry.reasonCode })
      }
      if (entry.source === 'floor_report' && entry.lines.some((l) => l.quantityDelta > 0)) {
        throw new DomainError('VALIDATION_FAILED', 'A floor report records damaged or missing stock: quantities must be negative')
      }

      const costs = await checkLines(tx, storeId, entry.lines)
      const lines = entry.lines.map((line, i) => ({ ...line, lineNo: i + 1, unitCost: costs.get(line.itemId)! }))
      const value = lines.reduce((sum, l) => sum + Math.abs(l.quantityDelta) * l.unitCost, 0)
      if (!Number.isSafeInteger(value)) throw new DomainError('VALIDATION_FAILED', 'The correction value is too large')

      const { tierValue, tier, policy } = await tierOfEntry(tx, { storeId, enteredBy: userId, itemIds: [...costs.keys()], value, at })

      await tx.insert(corrections).values({
        id: entry.id,
        storeId,
        status: 'pending',
        source: entry.source,
        reasonCode: entry.reasonCode,
        note: entry.note || null,
        value,
        tierValue,
        tier,
        enteredBy: userId,
        enteredAt: at.toISOString(),
        enteredSession: ctx.actor.sessionId ?? null,
        enteredDevice: ctx.actor.deviceId ?? null,
        version: 1,
      })
      await tx.insert(correctionLines).values(
        lines.map((l) => ({ id: newId(), correctionId: entry.id, lineNo: l.lineNo, locationId: l.locationId, itemId: l.itemId, quantityDelta: l.quantityDelta, unitCost: l.unitCost })),
      )
      const summary = await summaryOf(tx, storeId, entry.id)
      await appendAudit(tx, at, ctx.actor, {
        action: 'correction.entered',
        entityType: 'correction',
        entityId: entry.id,
        storeId,
        before: null,
        after: {
          status: 'pending',
          version: 1,
          source: entry.source,
          reasonCode: entry.reasonCode,
          note: summary.note,
          value,
          tierValue,
          tier,
          policy: policy.source,
          lines: summary.lines,
        },
      })
      return { status: 201, body: summary }
    })
  })
}

/** Every location belongs to this store (and is a real place, not the in-transit pseudo-location); every item exists. */
async function checkLines(tx: Tx, storeId: string, lines: Array<{ locationId: string; itemId: string }>) {
  const locationIds = [...new Set(lines.map((l) => l.locationId))]
  const itemIds = [...new Set(lines.map((l) => l.itemId))]
  const locs = await tx.select({ id: locations.id, storeId: locations.storeId, kind: locations.kind }).from(locations).where(inArray(locations.id, locationIds))
  const found = await tx.select({ id: items.id, unitCost: items.unitCost }).from(items).where(inArray(items.id, itemIds))
  const byId = new Map(locs.map((l) => [l.id, l]))
  for (const id of locationIds) {
    const loc = byId.get(id)
    if (!loc || loc.storeId !== storeId) throw new DomainError('NOT_FOUND', 'Location not found in this store', { locationId: id })
    if (loc.kind === 'in_transit') {
      throw new DomainError('VALIDATION_FAILED', 'Stock in transit is corrected when the transfer is received', { locationId: id })
    }
  }
  const costs = new Map(found.map((i) => [i.id, Number(i.unitCost)]))
  for (const id of itemIds) if (!costs.has(id)) throw new DomainError('NOT_FOUND', 'Item not found', { itemId: id })
  return costs
}
