import { sql } from 'drizzle-orm'
import type { StoreRef } from '../access/policy'
import { appendAudit } from '../audit/chain'
import type { Ctx } from '../context'
import { enterVarianceCorrection } from '../counts/pending-correction'
import { DomainError, notFound } from '../errors'
import { applyMovements, type MovementLine } from '../ledger/apply-movements'
import { once } from '../ledger/idempotency'
import { first } from '../sql'
import { belowZero, checkVersion, requireLocation, resolveItems } from '../store-refs'
import type { Tx } from '../writer'
import { findTransfer, type TransferLineView } from './queries'
import { settleLine, transferLineState } from './rules'
import { TransferScanInput, TransferStepInput } from './schemas'

type Head = { id: string; fromStoreId: string; status: string; version: number }

async function loadIncoming(tx: Tx, storeId: string, id: string) {
  const row = await first<Head>(tx, sql`SELECT id, from_store_id AS fromStoreId, status, version FROM transfers
    WHERE id = ${id} AND to_store_id = ${storeId} AND shipped_at IS NOT NULL`)
  if (!row) throw notFound('Transfer', { transferId: id })
  return { ...row, version: Number(row.version) }
}

/**
 * The receiving store scans what arrived (+1, or with a quantity). Only items on the transfer are
 * taken (anything else is not part of it). The scan id makes a retry count once.
 *
 * A negative quantity takes back a mis-scan while the receipt is open (shipped, not yet received): never
 * below 0 received for the line (409 BELOW_ZERO, nothing written). It is audited like a scan
 * (`transfer.scanned`, `takeBack: true`), so whoever takes back is a scanner of the receipt too.
 */
export async function recordTransferScan({ ctx, store, transferId, input }: { ctx: Ctx; store: StoreRef; transferId: string; input: unknown }) {
  const data = TransferScanInput.parse(input)
  const [item] = await resolveItems(ctx.db, [data], 'scan')
  const at = ctx.clock.now()
  const result = await ctx.writer.run(async (tx) => {
    const transfer = await loadIncoming(tx, store.id, transferId)
    return once(tx, at, { scope: `transfer.scan:${transferId}`, key: data.id, payload: { itemId: item!.id, quantity: data.quantity } }, async () => {
      if (transfer.status !== 'shipped') throw new DomainError('INVALID_STATE', `This transfer is ${transfer.status}; scans are no longer taken`, { status: transfer.status })
      const line = await first<{ receivedQty: number }>(tx, sql`SELECT received_qty AS receivedQty FROM transfer_lines
        WHERE transfer_id = ${transferId} AND item_id = ${item!.id}`)
      if (!line) throw new DomainError('NOT_ON_DOCUMENT', 'This item is not on the transfer', { itemId: item!.id })
      if (Number(line.receivedQty) + data.quantity < 0) {
        throw belowZero('the received units', { itemId: item!.id, current: Number(line.receivedQty), quantity: data.quantity })
      }
      await tx.run(sql`UPDATE transfer_lines SET received_qty = received_qty + ${data.quantity}
        WHERE transfer_id = ${transferId} AND item_id = ${item!.id}`)
      await tx.run(sql`UPDATE transfers SET version = version + 1 WHERE id = ${transferId}`)
      await appendAudit(tx, at, ctx.actor, {
        action: 'transfer.scanned',
        entityType: 'transfer',
        entityId: transferId,
        storeId: store.id,
        after: { scanId: data.id, itemId: item!.id, quantity: data.quantity, ...(data.quantity < 0 ? { takeBack: true } : {}) },
      })
      return { status: 201, body: { scan: { id: data.id, transferId, itemId: item!.id, quantity: data.quantity, at: at.toISOString() } } }
    })
  })
  const view = (await findTransfer(ctx.db, store.id, transferId))!
  const line = view.lines.find((l) => l.item.id === item!.id)!
  return { ...result.body, line: line satisfies TransferLineView, replayed: result.replayed }
}

/**
 * Closes the receipt in store B: `transfer_in` moves what arrived (up to what was shipped)
 * in-transit → stockroom. Differences become ONE pending correction for B (source transfer): a
 * shortage writes the missing units off from in-transit, an overage books the extra units into the
 * stockroom — both only once a second person confirms: not the one who closes the receipt (who enters it),
 * nor anyone who scanned it. Closing again answers the received transfer.
 */
export async function receiveTransfer({ ctx, store, transferId, input }: { ctx: Ctx; store: StoreRef; transferId: string; input: unknown }) {
  const data = TransferStepInput.parse(input ?? {})
  const at = ctx.clock.now()
  const replayed = await ctx.writer.run(async (tx) => {
    const transfer = await loadIncoming(tx, store.id, transferId)
    if (transfer.status === 'received') return true
    if (transfer.status !== 'shipped') throw new DomainError('INVALID_STATE', `A ${transfer.status} transfer cannot be received`, { status: transfer.status })
    checkVersion(transfer.version, data.version, 'transfer')
    const transit = await requireLocation(tx, store.id, 'in_transit')
    const stockroom = await requireLocation(tx, store.id, 'stockroom')
    const lines = await tx.all<{ itemId: string; quantity: number; receivedQty: number }>(sql`SELECT item_id AS itemId, quantity, received_qty AS receivedQty
      FROM transfer_lines WHERE transfer_id = ${transferId} ORDER BY item_id`)
    const movements: MovementLine[] = []
    const differences: Array<{ locationId: string; itemId: string; quantityDelta: number }> = []
    for (const line of lines) {
      const { moveIn, short, over } = settleLine(Number(line.quantity), Number(line.receivedQty))
      if (moveIn > 0) {
        movements.push({ storeId: store.id, itemId: line.itemId, fromLocationId: transit, toLocationId: stockroom, counterparty: null, quantity: moveIn, kind: 'transfer_in', docType: 'transfer', docId: transferId })
      }
      if (short > 0) differences.push({ locationId: transit, itemId: line.itemId, quantityDelta: -short })
      if (over > 0) differences.push({ locationId: stockroom, itemId: line.itemId, quantityDelta: over })
    }
    await applyMovements(tx, at, ctx.actor, movements)
    // Whoever scanned the receipt counted the stock the differences come from (from the hash-chained scan events).
    const scanners = differences.length === 0 ? [] : await receiptScanners(tx, transferId)
    const correction =
      differences.length === 0
        ? null
        : await enterVarianceCorrection(tx, at, ctx.actor, {
            storeId: store.id,
            source: 'transfer',
            reasonCode: 'other',
            note: `Differences on arrival of transfer ${transferId} from store ${transfer.fromStoreId}`,
            transferId,
            countedBy: ctx.actor.userId,
            counters: scanners,
            lines: differences,
          })
    const updated = await tx.run(sql`UPDATE transfers SET status = 'received', received_by = ${ctx.actor.userId}, received_at = ${at.toISOString()},
      correction_id = ${correction?.id ?? null}, version = version + 1 WHERE id = ${transferId} AND version = ${transfer.version}`)
    if (updated.rowsAffected !== 1) throw new DomainError('STALE_VERSION', 'The transfer changed meanwhile; reload and try again')
    const after = {
      status: 'received',
      lines: lines.map((l) => ({ itemId: l.itemId, shipped: Number(l.quantity), received: Number(l.receivedQty), state: transferLineState(Number(l.quantity), Number(l.receivedQty)) })),
      correctionId: correction?.id ?? null,
    }
    await appendAudit(tx, at, ctx.actor, { action: 'transfer.received', entityType: 'transfer', entityId: transferId, storeId: store.id, before: { status: 'shipped' }, after })
    await appendAudit(tx, at, ctx.actor, { action: 'transfer.arrived', entityType: 'transfer', entityId: transferId, storeId: transfer.fromStoreId, after })
    return false
  })
  return { transfer: (await findTransfer(ctx.db, store.id, transferId))!, replayed }
}

/** Everyone who scanned this transfer's receipt (each scan appends a `transfer.scanned` audit event). */
export async function receiptScanners(tx: Tx, transferId: string): Promise<string[]> {
  const rows = await tx.all<{ userId: string }>(sql`SELECT DISTINCT actor_user_id AS userId FROM audit_events
    WHERE entity_type = 'transfer' AND entity_id = ${transferId} AND action = 'transfer.scanned' AND actor_user_id IS NOT NULL`)
  return rows.map((r) => r.userId)
}
