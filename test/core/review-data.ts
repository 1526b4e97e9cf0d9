import { sql } from 'drizzle-orm'
import type { Database } from '../../db/client'
import * as s from '../../db/schema/index'
import { appendAudit } from '../../server/core/audit/chain'
import { tierFor } from '../../server/core/corrections/rules'
import { applyMovements } from '../../server/core/ledger/apply-movements'

/**
 * Test data for the review, report, anomaly and evidence tests, written the way the real verbs leave
 * it (schema and triggers respected): a correction is inserted pending with its lines, then decided
 * (decided_by ≠ entered_by), then — if confirmed — its 'correction' movements and balances are posted,
 * each step with its audit event. Timestamps are free, so patterns can be planted in the past.
 */

export type PlantLine = { itemId: string; delta: number; kind?: 'floor' | 'stockroom' }

export type PlantCorrection = {
  id: string
  storeId: string
  enteredBy: string
  enteredAt: string
  reason?: string
  source?: (typeof s.CORRECTION_SOURCES)[number]
  note?: string
  lines: PlantLine[]
  status?: 'pending' | 'confirmed' | 'rejected' | 'cancelled'
  decidedBy?: string
  decidedAt?: string
  decidedRole?: string
  countedBy?: string
  countId?: string
  transferId?: string
  /** Defaults to the value; set higher to plant a split write-off. */
  tierValue?: number
  /** Defaults to the tier of tierValue under the chain policy (5,000 / 50,000). */
  tier?: s.Tier
  /** The tier the confirm verb recorded as applying (a split series valued together): its audit event's effectiveTier. */
  effectiveTier?: s.Tier
  /** Leave out the audit events or the movements, to plant what only raw SQL could do. */
  audit?: boolean
  movements?: boolean
}

let lineSeq = 0

export async function plantCorrection(database: Database, input: PlantCorrection) {
  const { db } = database
  const costs = new Map(
    (await db.all<{ id: string; unitCost: number }>(sql`SELECT id, unit_cost AS unitCost FROM items`)).map((r) => [r.id, Number(r.unitCost)]),
  )
  const lines = input.lines.map((l, i) => ({
    id: `${input.id}-l${i + 1}-${++lineSeq}`,
    lineNo: i + 1,
    locationId: `${input.storeId}-${l.kind ?? 'stockroom'}`,
    itemId: l.itemId,
    quantityDelta: l.delta,
    unitCost: costs.get(l.itemId)!,
  }))
  const value = lines.reduce((sum, l) => sum + Math.abs(l.quantityDelta) * l.unitCost, 0)
  const tierValue = input.tierValue ?? value
  const tier = input.tier ?? tierFor(tierValue, { leadMax: 5000, storeManagerMax: 50000 })
  const status = input.status ?? 'confirmed'
  await db.transaction(async (tx) => {
    await tx.insert(s.corrections).values({
      id: input.id,
      storeId: input.storeId,
      status: 'pending',
      source: input.source ?? 'backroom',
      reasonCode: input.reason ?? 'damaged',
      note: input.note ?? null,
      value,
      tierValue,
      tier,
      countId: input.countId ?? null,
      transferId: input.transferId ?? null,
      countedBy: input.countedBy ?? null,
      enteredBy: input.enteredBy,
      enteredAt: input.enteredAt,
    })
    await tx.insert(s.correctionLines).values(lines.map((l) => ({ ...l, correctionId: input.id })))
    const audit = input.audit ?? true
    if (audit) await appendAudit(tx, new Date(input.enteredAt), { userId: input.enteredBy }, {
      action: 'correction.entered',
      entityType: 'correction',
      entityId: input.id,
      storeId: input.storeId,
      after: { status: 'pending', value, tier },
    })
    if (status === 'pending') return
    const decidedBy = input.decidedBy ?? (status === 'cancelled' ? input.enteredBy : undefined)
    if (!decidedBy || !input.decidedAt) throw new Error(`plantCorrection ${input.id}: a ${status} correction needs decidedBy and decidedAt`)
    await tx
      .update(s.corrections)
      .set({ status, decidedBy, decidedAt: input.decidedAt, decidedRole: input.decidedRole ?? (status === 'cancelled' ? null : 'store_manager'), version: 2 })
      .where(sql`id = ${input.id}`)
    const at = new Date(input.decidedAt)
    if (status === 'confirmed' && (input.movements ?? true)) {
      await applyMovements(
        tx,
        at,
        { userId: decidedBy },
        lines.map((l) => ({
          storeId: input.storeId,
          itemId: l.itemId,
          fromLocationId: l.quantityDelta < 0 ? l.locationId : null,
          toLocationId: l.quantityDelta > 0 ? l.locationId : null,
          counterparty: l.quantityDelta > 0 ? 'found' : 'write_off',
          quantity: Math.abs(l.quantityDelta),
          kind: 'correction',
          docType: 'correction',
          docId: input.id,
          correctionLineId: l.id,
        })),
        () => true,
      )
    }
    if (audit) await appendAudit(tx, at, { userId: decidedBy }, {
      action: `correction.${status}`,
      entityType: 'correction',
      entityId: input.id,
      storeId: input.storeId,
      before: { status: 'pending' },
      after: { status, decidedBy, ...(input.effectiveTier ? { effectiveTier: input.effectiveTier } : {}) },
    })
  })
  return { id: input.id, value, tierValue, tier, lineIds: lines.map((l) => l.id) }
}

export type PlantCount = {
  id: string
  storeId: string
  countedBy: string
  /** When the entries were made; the count is submitted a minute later. */
  at: string
  lines: Array<{ itemId: string; kind?: 'floor' | 'stockroom'; expected: number; counted: number }>
  correctionId?: string
}

/** A submitted count with one entry per line by `countedBy`. */
export async function plantCount(database: Database, input: PlantCount) {
  const submittedAt = new Date(Date.parse(input.at) + 60_000).toISOString()
  await database.db.transaction(async (tx) => {
    await tx.insert(s.counts).values({
      id: input.id,
      storeId: input.storeId,
      kind: 'cycle',
      status: 'submitted',
      createdBy: input.countedBy,
      createdAt: input.at,
      startMovementId: 0,
      submittedBy: input.countedBy,
      submittedAt,
      correctionId: input.correctionId ?? null,
    })
    for (const [i, line] of input.lines.entries()) {
      const locationId = `${input.storeId}-${line.kind ?? 'stockroom'}`
      await tx.insert(s.countItems).values({ countId: input.id, locationId, itemId: line.itemId, expectedAtStart: line.expected })
      await tx.insert(s.countEntries).values({
        id: `${input.id}-e${i}`,
        countId: input.id,
        locationId,
        itemId: line.itemId,
        quantity: line.counted,
        userId: input.countedBy,
        atMovementId: 0,
        at: input.at,
      })
    }
  })
  return { id: input.id, submittedAt }
}

let receiptSeq = 0

/** A POS receipt of `salesValue` (minor units) at `at`; only the sales figure matters to reports. */
export async function plantSale(database: Database, storeId: string, at: string, salesValue: number) {
  const receiptId = `r-${++receiptSeq}`
  await database.db.insert(s.posReceipts).values({ storeId, receiptId, requestHash: receiptId, keyId: 'test', salesValue, lineCount: 1, response: '{}', at })
}

export const iso = (day: string, time = '10:00') => new Date(`${day}T${time}:00.000Z`).toISOString()
