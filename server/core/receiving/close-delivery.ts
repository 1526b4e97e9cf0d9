import { sql } from 'drizzle-orm'
import { deliveryDiscrepancies } from '../../../db/schema/index'
import type { StoreRef } from '../access/policy'
import { appendAudit } from '../audit/chain'
import type { Ctx } from '../context'
import { DomainError, notFound } from '../errors'
import { newId } from '../ids'
import { applyMovements, type MovementLine } from '../ledger/apply-movements'
import { first } from '../sql'
import { checkVersion, requireLocation } from '../store-refs'
import { findDelivery, type DeliveryView } from './queries'
import { discrepanciesOf, type DiscrepancyKind } from './rules'
import { CancelDeliveryInput, CloseDeliveryInput } from './schemas'

/**
 * Closes the receipt: good units post `receipt` movements supplier → stockroom, damaged units
 * supplier → quarantine (they are ours now, awaiting a decision), all in one transaction with the
 * discrepancy list (short, over, unexpected, damaged) kept for the supplier claim. Differences
 * against the delivery note are the supplier's, never stock corrections. Closing again (double tap,
 * retry after a lost answer) answers the closed delivery and posts nothing.
 */
export async function closeDelivery({ ctx, store, deliveryId, input }: { ctx: Ctx; store: StoreRef; deliveryId: string; input: unknown }): Promise<{ delivery: DeliveryView; replayed: boolean }> {
  const data = CloseDeliveryInput.parse(input ?? {})
  const at = ctx.clock.now()
  const replayed = await ctx.writer.run(async (tx) => {
    const delivery = await first<{ status: string; version: number; supplier: string; reference: string }>(
      tx,
      sql`SELECT status, version, supplier, reference FROM deliveries WHERE id = ${deliveryId} AND store_id = ${store.id}`,
    )
    if (!delivery) throw notFound('Delivery', { deliveryId })
    if (delivery.status === 'closed') return true
    if (delivery.status === 'cancelled') throw new DomainError('INVALID_STATE', 'This delivery was cancelled', { status: delivery.status })
    checkVersion(Number(delivery.version), data.version, 'delivery')

    const lines = await tx.all<{ itemId: string; expectedQty: number; receivedQty: number; damagedQty: number }>(sql`
      SELECT item_id AS itemId, expected_qty AS expectedQty, received_qty AS receivedQty, damaged_qty AS damagedQty
      FROM delivery_lines WHERE delivery_id = ${deliveryId} ORDER BY item_id`)
    const stockroomId = await requireLocation(tx, store.id, 'stockroom')
    const needsQuarantine = lines.some((l) => Number(l.damagedQty) > 0)
    const quarantineId = needsQuarantine ? await requireLocation(tx, store.id, 'quarantine') : null

    const movements: MovementLine[] = []
    const claim: Array<{ itemId: string; kind: DiscrepancyKind; quantity: number }> = []
    for (const raw of lines) {
      const line = { itemId: raw.itemId, expectedQty: Number(raw.expectedQty), receivedQty: Number(raw.receivedQty), damagedQty: Number(raw.damagedQty) }
      const base = { storeId: store.id, itemId: line.itemId, counterparty: 'supplier' as const, kind: 'receipt' as const, docType: 'delivery', docId: deliveryId }
      if (line.receivedQty > 0) movements.push({ ...base, fromLocationId: null, toLocationId: stockroomId, quantity: line.receivedQty })
      if (line.damagedQty > 0) movements.push({ ...base, fromLocationId: null, toLocationId: quarantineId, quantity: line.damagedQty })
      for (const d of discrepanciesOf(line)) claim.push({ itemId: line.itemId, ...d })
    }
    await applyMovements(tx, at, ctx.actor, movements)
    if (claim.length > 0) {
      await tx.insert(deliveryDiscrepancies).values(claim.map((d) => ({ id: newId(), deliveryId, itemId: d.itemId, kind: d.kind, quantity: d.quantity })))
    }
    const updated = await tx.run(sql`UPDATE deliveries SET status = 'closed', closed_by = ${ctx.actor.userId}, closed_at = ${at.toISOString()},
      version = version + 1 WHERE id = ${deliveryId} AND version = ${Number(delivery.version)}`)
    if (updated.rowsAffected !== 1) throw new DomainError('STALE_VERSION', 'The delivery changed meanwhile; reload and try again')
    await appendAudit(tx, at, ctx.actor, {
      action: 'delivery.closed',
      entityType: 'delivery',
      entityId: deliveryId,
      storeId: store.id,
      before: { status: delivery.status },
      after: {
        status: 'closed',
        received: movements.filter((m) => m.toLocationId === stockroomId).reduce((s, m) => s + m.quantity, 0),
        damaged: movements.filter((m) => m.toLocationId === quarantineId).reduce((s, m) => s + m.quantity, 0),
        discrepancies: claim,
      },
    })
    return false
  })
  return { delivery: (await findDelivery(ctx.db, store.id, deliveryId))!, replayed }
}

/** The office withdraws an announced delivery before anything was scanned. */
export async function cancelDelivery({ ctx, store, deliveryId, input }: { ctx: Ctx; store: StoreRef; deliveryId: string; input: unknown }) {
  const data = CancelDeliveryInput.parse(input ?? {})
  const at = ctx.clock.now()
  const replayed = await ctx.writer.run(async (tx) => {
    const delivery = await first<{ status: string; version: number }>(tx, sql`SELECT status, version FROM deliveries WHERE id = ${deliveryId} AND store_id = ${store.id}`)
    if (!delivery) throw notFound('Delivery', { deliveryId })
    if (delivery.status === 'cancelled') return true
    if (delivery.status !== 'expected') {
      throw new DomainError('INVALID_STATE', `A delivery that is ${delivery.status} cannot be cancelled`, { status: delivery.status })
    }
    checkVersion(Number(delivery.version), data.version, 'delivery')
    await tx.run(sql`UPDATE deliveries SET status = 'cancelled', version = version + 1 WHERE id = ${deliveryId}`)
    await appendAudit(tx, at, ctx.actor, {
      action: 'delivery.cancelled',
      entityType: 'delivery',
      entityId: deliveryId,
      storeId: store.id,
      before: { status: 'expected' },
      after: { status: 'cancelled' },
    })
    return false
  })
  return { delivery: (await findDelivery(ctx.db, store.id, deliveryId))!, replayed }
}
