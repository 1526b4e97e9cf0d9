import { and, eq, sql } from 'drizzle-orm'
import { deliveries, deliveryScans } from '../../../db/schema/index'
import type { StoreRef } from '../access/policy'
import { appendAudit } from '../audit/chain'
import type { Ctx } from '../context'
import { DomainError, notFound } from '../errors'
import { first } from '../sql'
import { belowZero, resolveItems } from '../store-refs'
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
 *
 * A negative quantity takes back a mis-scan ("100 instead of 10": -90) while the delivery is open: from
 * the line's received units, or with `damaged` from its damaged units, never below zero (409 BELOW_ZERO,
 * nothing written). It is a scan like any other (own client id, retried once, audited as
 * `delivery.scanned` with `takeBack: true`); a line of an item nobody expected that goes back to nothing
 * disappears from the delivery.
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
    const takeBack = data.quantity < 0
    if (takeBack) {
      const line = await first<{ receivedQty: number; damagedQty: number }>(tx, sql`SELECT received_qty AS receivedQty, damaged_qty AS damagedQty
        FROM delivery_lines WHERE delivery_id = ${deliveryId} AND item_id = ${item!.id}`)
      const there = Number((data.damaged ? line?.damagedQty : line?.receivedQty) ?? 0)
      if (there + data.quantity < 0) {
        throw belowZero(data.damaged ? 'the damaged units' : 'the received units', { itemId: item!.id, damaged: data.damaged, current: there, quantity: data.quantity })
      }
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
    if (takeBack) {
      await tx.run(sql`UPDATE delivery_lines SET received_qty = received_qty + ${good}, damaged_qty = damaged_qty + ${broken}
        WHERE delivery_id = ${deliveryId} AND item_id = ${item!.id}`)
      // An item nobody expected, scanned by mistake and taken back, is no line of the delivery any more.
      await tx.run(sql`DELETE FROM delivery_lines WHERE delivery_id = ${deliveryId} AND item_id = ${item!.id}
        AND expected_qty = 0 AND received_qty = 0 AND damaged_qty = 0`)
    } else {
      await tx.run(sql`INSERT INTO delivery_lines (delivery_id, item_id, expected_qty, received_qty, damaged_qty)
        VALUES (${deliveryId}, ${item!.id}, 0, ${good}, ${broken})
        ON CONFLICT (delivery_id, item_id) DO UPDATE SET received_qty = received_qty + ${good}, damaged_qty = damaged_qty + ${broken}`)
    }
    await tx
      .update(deliveries)
      .set({ status: 'receiving', version: Number(delivery.version) + 1 })
      .where(and(eq(deliveries.id, deliveryId), eq(deliveries.version, Number(delivery.version))))
    await appendAudit(tx, at, ctx.actor, {
      action: 'delivery.scanned',
      entityType: 'delivery',
      entityId: deliveryId,
      storeId: store.id,
      after: { scanId: data.id, itemId: item!.id, quantity: data.quantity, damaged: data.damaged, ...(takeBack ? { takeBack: true } : {}), status: 'receiving' },
    })
    return { at: at.toISOString(), replayed: false }
  })
  const view = (await findDelivery(ctx.db, store.id, deliveryId))!
  return {
    scan: { id: data.id, deliveryId, itemId: item!.id, quantity: data.quantity, damaged: data.damaged, at: result.at },
    // A taken-back line of an unexpected item is gone: it answers as nothing expected, nothing received.
    line: view.lines.find((l) => l.item.id === item!.id) ?? {
      item: { id: item!.id, sku: item!.sku, name: item!.name, category: item!.category },
      expectedQty: 0,
      receivedQty: 0,
      damagedQty: 0,
      remainingQty: 0,
      state: 'unexpected',
    },
    replayed: result.replayed,
  }
}
