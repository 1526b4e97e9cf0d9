import { sql } from 'drizzle-orm'
import type { StoreRef } from '../access/policy'
import { appendAudit } from '../audit/chain'
import type { Ctx } from '../context'
import { DomainError, notFound } from '../errors'
import { applyMovements, type MovementLine } from '../ledger/apply-movements'
import { first } from '../sql'
import { balanceOf, checkVersion, requireLocation } from '../store-refs'
import type { Tx } from '../writer'
import { findTransfer } from './queries'
import { TransferStepInput } from './schemas'

type Head = { id: string; fromStoreId: string; toStoreId: string; status: string; version: number }

async function loadOutgoing(tx: Tx, storeId: string, id: string) {
  const row = await first<Head>(tx, sql`SELECT id, from_store_id AS fromStoreId, to_store_id AS toStoreId, status, version
    FROM transfers WHERE id = ${id} AND from_store_id = ${storeId}`)
  if (!row) throw notFound('Transfer', { transferId: id })
  return { ...row, version: Number(row.version) }
}

/**
 * Ships a draft: in ONE transaction, `transfer_out` moves the stock out of A's stockroom to the
 * in-transit counterparty (ledger of A), and `transfer_transit` brings it from that counterparty into
 * B's in-transit location (ledger of B) — so the chain's stock never disappears between the two.
 * Each store's movements stay in its own ledger. Shipping again answers the shipped transfer.
 */
export async function shipTransfer({ ctx, store, transferId, input }: { ctx: Ctx; store: StoreRef; transferId: string; input: unknown }) {
  const data = TransferStepInput.parse(input ?? {})
  const at = ctx.clock.now()
  const replayed = await ctx.writer.run(async (tx) => {
    const transfer = await loadOutgoing(tx, store.id, transferId)
    if (transfer.status === 'shipped' || transfer.status === 'received') return true
    if (transfer.status !== 'draft') throw new DomainError('INVALID_STATE', `A ${transfer.status} transfer cannot be shipped`, { status: transfer.status })
    checkVersion(transfer.version, data.version, 'transfer')
    const stockroomA = await requireLocation(tx, store.id, 'stockroom')
    const transitB = await requireLocation(tx, transfer.toStoreId, 'in_transit')
    const lines = await tx.all<{ itemId: string; quantity: number }>(sql`SELECT item_id AS itemId, quantity FROM transfer_lines WHERE transfer_id = ${transferId} ORDER BY item_id`)
    const short: Array<{ itemId: string; available: number; quantity: number }> = []
    for (const line of lines) {
      const available = await balanceOf(tx, stockroomA, line.itemId)
      if (available < Number(line.quantity)) short.push({ itemId: line.itemId, available: Math.max(available, 0), quantity: Number(line.quantity) })
    }
    if (short.length > 0) throw new DomainError('NEGATIVE_STOCK', 'The stockroom does not hold enough to ship this transfer', { lines: short })
    const doc = { kind: 'transfer_out' as const, docType: 'transfer', docId: transferId }
    const movements: MovementLine[] = lines.flatMap((l) => [
      { ...doc, storeId: store.id, itemId: l.itemId, fromLocationId: stockroomA, toLocationId: null, counterparty: 'in_transit' as const, quantity: Number(l.quantity) },
      { ...doc, kind: 'transfer_transit' as const, storeId: transfer.toStoreId, itemId: l.itemId, fromLocationId: null, toLocationId: transitB, counterparty: 'in_transit' as const, quantity: Number(l.quantity) },
    ])
    await applyMovements(tx, at, ctx.actor, movements)
    const updated = await tx.run(sql`UPDATE transfers SET status = 'shipped', shipped_by = ${ctx.actor.userId}, shipped_at = ${at.toISOString()},
      version = version + 1 WHERE id = ${transferId} AND version = ${transfer.version}`)
    if (updated.rowsAffected !== 1) throw new DomainError('STALE_VERSION', 'The transfer changed meanwhile; reload and try again')
    const after = { status: 'shipped', fromStoreId: store.id, toStoreId: transfer.toStoreId, lines: lines.map((l) => ({ itemId: l.itemId, quantity: Number(l.quantity) })) }
    // One event per store, so each store's trail shows the stock that left or is on its way.
    await appendAudit(tx, at, ctx.actor, { action: 'transfer.shipped', entityType: 'transfer', entityId: transferId, storeId: store.id, before: { status: 'draft' }, after })
    await appendAudit(tx, at, ctx.actor, { action: 'transfer.in_transit', entityType: 'transfer', entityId: transferId, storeId: transfer.toStoreId, after })
    return false
  })
  return { transfer: (await findTransfer(ctx.db, store.id, transferId))!, replayed }
}

/** The shipper drops a draft; a shipped transfer can only be received. */
export async function cancelTransfer({ ctx, store, transferId, input }: { ctx: Ctx; store: StoreRef; transferId: string; input: unknown }) {
  const data = TransferStepInput.parse(input ?? {})
  const at = ctx.clock.now()
  const replayed = await ctx.writer.run(async (tx) => {
    const transfer = await loadOutgoing(tx, store.id, transferId)
    if (transfer.status === 'cancelled') return true
    if (transfer.status !== 'draft') {
      throw new DomainError('INVALID_STATE', `A ${transfer.status} transfer cannot be cancelled; it can only be received`, { status: transfer.status })
    }
    checkVersion(transfer.version, data.version, 'transfer')
    await tx.run(sql`UPDATE transfers SET status = 'cancelled', version = version + 1 WHERE id = ${transferId}`)
    await appendAudit(tx, at, ctx.actor, { action: 'transfer.cancelled', entityType: 'transfer', entityId: transferId, storeId: store.id, before: { status: 'draft' }, after: { status: 'cancelled' } })
    return false
  })
  return { transfer: (await findTransfer(ctx.db, store.id, transferId))!, replayed }
}
