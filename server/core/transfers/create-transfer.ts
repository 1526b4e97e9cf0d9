import { sql } from 'drizzle-orm'
import { transferLines, transfers } from '../../../db/schema/index'
import type { StoreRef } from '../access/policy'
import { appendAudit } from '../audit/chain'
import type { Ctx } from '../context'
import { DomainError, notFound } from '../errors'
import { newId } from '../ids'
import { once } from '../ledger/idempotency'
import { first } from '../sql'
import { resolveItems } from '../store-refs'
import { findTransfer } from './queries'
import { CreateTransferInput } from './schemas'

/** Store A drafts a transfer to store B: lines of item and quantity. Nothing moves until it ships. */
export async function createTransfer({ ctx, store, input }: { ctx: Ctx; store: StoreRef; input: unknown }) {
  const data = CreateTransferInput.parse(input)
  if (data.toStoreId === store.id) throw new DomainError('VALIDATION_FAILED', 'A transfer goes to another store')
  const destination = await first<{ id: string; active: number }>(ctx.db, sql`SELECT id, active FROM stores WHERE id = ${data.toStoreId}`)
  if (!destination || !Number(destination.active)) throw notFound('Destination store', { toStoreId: data.toStoreId })
  const items = await resolveItems(ctx.db, data.lines)
  const seen = new Set<string>()
  const repeated = items.map((item, i) => (seen.has(item.id) ? i + 1 : (seen.add(item.id), 0))).filter((n) => n > 0)
  if (repeated.length > 0) throw new DomainError('VALIDATION_FAILED', `An item appears twice (line ${repeated.join(', ')})`, { lines: repeated })

  const id = data.id ?? newId()
  const lines = data.lines.map((l, i) => ({ itemId: items[i]!.id, quantity: l.quantity }))
  const at = ctx.clock.now()
  const { replayed } = await ctx.writer.run(async (tx) => {
    const effect = async () => {
      const taken = await first<{ id: string }>(tx, sql`SELECT id FROM transfers WHERE id = ${id}`)
      if (taken) throw new DomainError('DUPLICATE', 'A transfer with this id exists already', { transferId: id })
      await tx.insert(transfers).values({ id, fromStoreId: store.id, toStoreId: data.toStoreId, status: 'draft', note: data.note || null, createdBy: ctx.actor.userId ?? 'unknown', createdAt: at.toISOString() })
      await tx.insert(transferLines).values(lines.map((l) => ({ transferId: id, ...l })))
      await appendAudit(tx, at, ctx.actor, {
        action: 'transfer.created',
        entityType: 'transfer',
        entityId: id,
        storeId: store.id,
        after: { status: 'draft', toStoreId: data.toStoreId, note: data.note ?? null, lines },
      })
      return { status: 201, body: { transferId: id } }
    }
    if (!data.id) return { ...(await effect()), replayed: false }
    return once(tx, at, { scope: `transfer.create:${store.id}`, key: id, payload: { toStoreId: data.toStoreId, note: data.note ?? null, lines } }, effect)
  })
  return { transfer: (await findTransfer(ctx.db, store.id, id))!, replayed }
}
