import { and, eq, sql } from 'drizzle-orm'
import { deliveries, deliveryScans } from '../../../db/schema/index'
import type { StoreRef } from '../access/policy'
import { appendAudit } from '../audit/chain'
import type { Ctx } from '../context'
import { DomainError, notFound } from '../errors'
import { first } from '../sql'
import { resolveItems } from '../store-refs'
import { findDelivery, type DeliveryLineView } from './queries'
import { ScanInput } from './schemas'

export type ScanResult = {
  scan: { id: string; deliveryId: string; itemId: string; quantity: number; damaged: boolean; at: string }
  line: DeliveryLineView
  replayed: boolean
}

/**
 * One scan at the receiving door (+1, or scan + quantity; `damaged` for broken units). Items nobody
 * expected are received too (they become `unexpected` on the claim). The scan's client id makes a
 * retry count once; the same id with other content is refused. Nothing is posted to stock until the
 * delivery is closed, so the receiving screen can show expected vs received live.
 */
export async function recordScan({ ctx, store, deliveryId, input }: { ctx: Ctx; store: StoreRef; deliveryId: string; input: unknown }): Promise<ScanResult> {
  const data = ScanInput.parse(input)
  const [item] = await resolveItems(ctx.db, [data], 'scan')
  const at = ctx.clock.now()
  const result = await ctx.writer.run(async (tx) => {
    const delivery = await first<{ status: string; version: number }>(tx, sql`SELECT status, version FROM deliveries WHERE id = ${deliveryId} AND store_id = ${store.id}`)
    if (!delivery) throw notFound('Delivery', { deliveryId })
    const existing = await first<{ deliveryId: string; itemId: string; quantity: number; damaged: number; at: string }>(
      tx,
      sql`SELECT delivery_id AS deliveryId, item_id AS itemId, quantity, damaged, at FROM delivery_scans WHERE id = ${data.id}`,
    )
    if (existing) {
      const same = existing.deliveryId === deliveryId && existing.itemId === item!.id && Number(existing.quantity) === data.quantity && Boolean(existing.damaged) === data.damaged
      if (!same) throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This scan id was already used for a different scan', { id: data.id })
      return { at: existing.at, replayed: true }
    }
    if (delivery.status !== 'expected' && delivery.status !== 'receiving') {
      throw new DomainError('INVALID_STATE', `This delivery is ${delivery.status}; scans are no longer taken`, { status: delivery.status })
    }
    await tx.insert(deliveryScans).values({
      id: data.id,
      deliveryId,
      itemId: item!.id,
      quantity: data.quantity,
      damaged: data.damaged,
      userId: ctx.actor.userId ?? 'unknown',
      deviceId: data.device ?? ctx.actor.deviceId ?? null,
      at: at.toISOString(),
    })
    const good = data.damaged ? 0 : data.quantity
    const broken = data.damaged ? data.quantity : 0
    await tx.run(sql`INSERT INTO delivery_lines (delivery_id, item_id, expected_qty, received_qty, damaged_qty)
      VALUES (${deliveryId}, ${item!.id}, 0, ${good}, ${broken})
      ON CONFLICT (delivery_id, item_id) DO UPDATE SET received_qty = received_qty + ${good}, damaged_qty = damaged_qty + ${broken}`)
    await tx
      .update(deliveries)
      .set({ status: 'receiving', version: Number(delivery.version) + 1 })
      .where(and(eq(deliveries.id, deliveryId), eq(deliveries.version, Number(delivery.version))))
    await appendAudit(tx, at, ctx.actor, {
      action: 'delivery.scanned',
      entityType: 'delivery',
      entityId: deliveryId,
      storeId: store.id,
      after: { scanId: data.id, itemId: item!.id, quantity: data.quantity, damaged: data.damaged, status: 'receiving' },
    })
    return { at: at.toISOString(), replayed: false }
  })
  const view = (await findDelivery(ctx.db, store.id, deliveryId))!
  return {
    scan: { id: data.id, deliveryId, itemId: item!.id, quantity: data.quantity, damaged: data.damaged, at: result.at },
    line: view.lines.find((l) => l.item.id === item!.id)!,
    replayed: result.replayed,
  }
}
