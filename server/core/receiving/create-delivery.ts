import { sql } from 'drizzle-orm'
import { deliveries, deliveryLines } from '../../../db/schema/index'
import type { StoreRef } from '../access/policy'
import { appendAudit } from '../audit/chain'
import type { Actor, Ctx } from '../context'
import { DomainError } from '../errors'
import { newId } from '../ids'
import { once } from '../ledger/idempotency'
import { first } from '../sql'
import { resolveItems } from '../store-refs'
import type { Tx } from '../writer'
import { findDelivery, type DeliveryView } from './queries'
import { CreateDeliveryInput } from './schemas'

export type NewDelivery = {
  id: string
  supplier: string
  reference: string
  expectedAt: string | null
  lines: Array<{ itemId: string; expectedQty: number }>
}

/** Inserts one expected delivery with its lines (inside the caller's transaction); a supplier reference is unique per store. */
export async function insertDelivery(tx: Tx, at: Date, actor: Actor, store: StoreRef, delivery: NewDelivery, via: 'api' | 'csv') {
  const existing = await first<{ id: string }>(tx, sql`SELECT id FROM deliveries
    WHERE (store_id = ${store.id} AND supplier = ${delivery.supplier} AND reference = ${delivery.reference}) OR id = ${delivery.id}`)
  if (existing) {
    throw new DomainError('DUPLICATE', `A delivery ${delivery.reference} of ${delivery.supplier} exists already`, {
      deliveryId: existing.id,
      supplier: delivery.supplier,
      reference: delivery.reference,
    })
  }
  await tx.insert(deliveries).values({
    id: delivery.id,
    storeId: store.id,
    supplier: delivery.supplier,
    reference: delivery.reference,
    status: 'expected',
    expectedAt: delivery.expectedAt,
    createdBy: actor.userId ?? 'unknown',
    createdAt: at.toISOString(),
  })
  await tx.insert(deliveryLines).values(delivery.lines.map((l) => ({ deliveryId: delivery.id, itemId: l.itemId, expectedQty: l.expectedQty })))
  await appendAudit(tx, at, actor, {
    action: 'delivery.created',
    entityType: 'delivery',
    entityId: delivery.id,
    storeId: store.id,
    after: { ...delivery, via },
  })
}

/** Refuses an item that appears on two lines of one delivery (which line would be meant?). */
export function assertDistinctItems(itemIds: string[]) {
  const seen = new Map<string, number>()
  const repeated: Array<{ line: number; itemId: string; firstLine: number }> = []
  itemIds.forEach((itemId, i) => {
    const firstLine = seen.get(itemId)
    if (firstLine !== undefined) repeated.push({ line: i + 1, itemId, firstLine })
    else seen.set(itemId, i + 1)
  })
  if (repeated.length > 0) {
    throw new DomainError('VALIDATION_FAILED', `An item appears twice (line ${repeated.map((r) => r.line).join(', ')}); put its whole quantity on one line`, {
      lines: repeated,
    })
  }
}

/**
 * The office announces a delivery: supplier, their reference, and the expected quantities.
 * Items may be named by id, barcode or SKU; any unknown one refuses the whole delivery.
 */
export async function createDelivery({ ctx, store, input }: { ctx: Ctx; store: StoreRef; input: unknown }): Promise<{ delivery: DeliveryView; replayed: boolean }> {
  const data = CreateDeliveryInput.parse(input)
  const items = await resolveItems(ctx.db, data.lines)
  assertDistinctItems(items.map((i) => i.id))
  const delivery: NewDelivery = {
    id: data.id ?? newId(),
    supplier: data.supplier,
    reference: data.reference,
    expectedAt: data.expectedAt ?? null,
    lines: data.lines.map((l, i) => ({ itemId: items[i]!.id, expectedQty: l.expectedQty })),
  }
  const at = ctx.clock.now()
  const { replayed } = await ctx.writer.run(async (tx) => {
    const insert = async () => {
      await insertDelivery(tx, at, ctx.actor, store, delivery, 'api')
      return { status: 201, body: { deliveryId: delivery.id } }
    }
    if (!data.id) return { ...(await insert()), replayed: false }
    const { id: _id, ...payload } = delivery
    return once(tx, at, { scope: `delivery.create:${store.id}`, key: delivery.id, payload }, insert)
  })
  return { delivery: (await findDelivery(ctx.db, store.id, delivery.id))!, replayed }
}
