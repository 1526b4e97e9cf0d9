import { sql } from 'drizzle-orm'
import { posReceipts } from '../../../db/schema/index'
import type { StoreRef } from '../access/policy'
import { appendAudit } from '../audit/chain'
import type { Ctx } from '../context'
import { DomainError } from '../errors'
import { applyMovements, type MovementLine } from '../ledger/apply-movements'
import { requestHash } from '../ledger/idempotency'
import { first } from '../sql'
import { requireLocation, resolveItems } from '../store-refs'
import { ReceiptInput } from './schemas'

export type ReceiptResult = {
  receiptId: string
  storeId: string
  at: string
  lines: number
  /** Net sales in minor units (sales minus returns). */
  salesValue: number
  movements: number
  /** Items whose floor stock went below zero: flagged for a count. */
  flaggedForCount: string[]
}

/**
 * A till posts a receipt. Sales move stock floor → customer (the till is the truth: the floor may go
 * negative, and such items are flagged for a count); returns come back customer → floor or quarantine.
 * Idempotent by (store, receipt id): the same receipt again answers the stored result and posts
 * nothing; the same id with different content is refused (422). Any unknown barcode or SKU refuses
 * the whole receipt, naming the lines, with nothing posted.
 */
export async function postReceipt({ ctx, store, input }: { ctx: Ctx; store: StoreRef; input: unknown }): Promise<{ result: ReceiptResult; replayed: boolean }> {
  const data = ReceiptInput.parse(input)
  const hash = requestHash(data)
  const items = await resolveItems(ctx.db, data.lines)
  const now = ctx.clock.now()
  const at = data.at ? new Date(data.at).toISOString() : now.toISOString()

  return ctx.writer.run(async (tx) => {
    const existing = await first<{ requestHash: string; response: string }>(tx, sql`SELECT request_hash AS requestHash, response FROM pos_receipts
      WHERE store_id = ${store.id} AND receipt_id = ${data.receiptId}`)
    if (existing) {
      if (existing.requestHash !== hash) {
        throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This receipt id was already posted with different content', { receiptId: data.receiptId })
      }
      return { result: JSON.parse(existing.response) as ReceiptResult, replayed: true }
    }
    const floor = await requireLocation(tx, store.id, 'floor')
    const hasReturns = data.lines.some((l) => l.kind === 'return')
    const returnsTo = hasReturns && data.returnsTo === 'quarantine' ? await requireLocation(tx, store.id, 'quarantine') : floor
    const doc = { storeId: store.id, counterparty: 'customer' as const, docType: 'pos_receipt', docId: data.receiptId }
    const movements: MovementLine[] = data.lines.map((line, i) =>
      line.kind === 'sale'
        ? { ...doc, itemId: items[i]!.id, fromLocationId: floor, toLocationId: null, quantity: line.quantity, kind: 'sale' }
        : { ...doc, itemId: items[i]!.id, fromLocationId: null, toLocationId: returnsTo, quantity: line.quantity, kind: 'return' },
    )
    const negatives = await applyMovements(tx, now, ctx.actor, movements)
    const flagged = [...new Set(negatives.filter((n) => n.locationKind === 'floor').map((n) => n.itemId))]
    for (const itemId of flagged) {
      await tx.run(sql`INSERT INTO store_items (store_id, item_id, count_flag, count_flagged_at)
        VALUES (${store.id}, ${itemId}, 'negative_floor', ${now.toISOString()})
        ON CONFLICT (store_id, item_id) DO UPDATE SET count_flag = COALESCE(count_flag, excluded.count_flag),
          count_flagged_at = COALESCE(count_flagged_at, excluded.count_flagged_at)`)
    }
    const salesValue = data.lines.reduce((sum, l, i) => sum + (l.kind === 'sale' ? 1 : -1) * l.quantity * (l.unitPrice ?? items[i]!.price), 0)
    const result: ReceiptResult = { receiptId: data.receiptId, storeId: store.id, at, lines: data.lines.length, salesValue, movements: movements.length, flaggedForCount: flagged }
    await tx.insert(posReceipts).values({
      storeId: store.id,
      receiptId: data.receiptId,
      requestHash: hash,
      keyId: ctx.actor.keyId ?? 'unknown',
      salesValue,
      lineCount: data.lines.length,
      response: JSON.stringify(result),
      at,
    })
    await appendAudit(tx, now, ctx.actor, {
      action: 'pos.receipt',
      entityType: 'pos_receipt',
      entityId: `${store.id}/${data.receiptId}`,
      storeId: store.id,
      after: { at, salesValue, returnsTo: hasReturns ? data.returnsTo : undefined, lines: data.lines.map((l, i) => ({ itemId: items[i]!.id, kind: l.kind, quantity: l.quantity })), flaggedForCount: flagged },
    })
    return { result, replayed: false }
  })
}
