import { sql } from 'drizzle-orm'
import { countEntries, countItems } from '../../../db/schema/index'
import type { StoreRef } from '../access/policy'
import { appendAudit } from '../audit/chain'
import type { Ctx } from '../context'
import { DomainError, notFound } from '../errors'
import { first } from '../sql'
import { belowZero, resolveItems } from '../store-refs'
import type { Tx } from '../writer'
import { maxMovementId } from './queries'
import { EntryInput } from './schemas'

export type EntryView = { id: string; countId: string; locationId: string; itemId: string; round: number; quantity: number; device: string | null; at: string }

type CountHead = { id: string; kind: string; status: string; locationId: string | null; startMovementId: number }

/**
 * A counter reports what they found: blind (the answer never carries an expected quantity), and
 * additive (several devices or shelves of the same item add up). The entry's client id makes a
 * retry count once. Each entry records the ledger position at that moment, so movements posted while
 * counting are allowed for. A line under recount takes entries only from someone who did not count
 * it in round 1; someone who has looked at the review (expected quantities) may not count at all.
 *
 * A negative entry corrects the counter's OWN entries of the line (a typo, a double scan): refused with
 * 409 BELOW_ZERO if it would take their own total for the line in this round below zero — nobody takes
 * away another person's units. The refusal names only their own total (still blind). A correction keeps
 * the ledger position of their last entry of the line, so it does not move the line's "as of" moment.
 */
export async function recordEntry({ ctx, store, countId, input }: { ctx: Ctx; store: StoreRef; countId: string; input: unknown }): Promise<{ entry: EntryView; replayed: boolean }> {
  const data = EntryInput.parse(input)
  const [item] = await resolveItems(ctx.db, [data], 'entry')
  const userId = ctx.actor.userId
  if (!userId) throw new DomainError('UNAUTHENTICATED', 'Sign in to continue')
  const at = ctx.clock.now()
  return ctx.writer.run(async (tx) => {
    const count = await first<CountHead>(tx, sql`SELECT id, kind, status, location_id AS locationId, start_movement_id AS startMovementId
      FROM counts WHERE id = ${countId} AND store_id = ${store.id}`)
    if (!count) throw notFound('Count', { countId })

    const existing = await first<{ countId: string; locationId: string; itemId: string; round: number; quantity: number; userId: string; deviceId: string | null; at: string }>(
      tx,
      sql`SELECT count_id AS countId, location_id AS locationId, item_id AS itemId, round, quantity, user_id AS userId, device_id AS deviceId, at
        FROM count_entries WHERE id = ${data.id}`,
    )
    if (existing) {
      const same = existing.countId === countId && existing.itemId === item!.id && Number(existing.quantity) === data.quantity &&
        existing.userId === userId && (data.locationId === undefined || data.locationId === existing.locationId)
      if (!same) throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This entry id was already used for a different entry', { id: data.id })
      return {
        entry: { id: data.id, countId, locationId: existing.locationId, itemId: existing.itemId, round: Number(existing.round), quantity: Number(existing.quantity), device: existing.deviceId, at: existing.at },
        replayed: true,
      }
    }
    if (count.status !== 'open' && count.status !== 'recount') {
      throw new DomainError('INVALID_STATE', `This count is ${count.status}; it takes no more entries`, { status: count.status })
    }
    if (await hasReviewed(tx, countId, userId)) {
      throw new DomainError('REVIEWER_CANNOT_COUNT', 'You have seen the expected quantities of this count, so you cannot count it (it would not be blind)')
    }
    const locationId = data.locationId ?? count.locationId
    if (!locationId) throw new DomainError('VALIDATION_FAILED', 'This count covers several locations: send the locationId of the line you counted')
    const line = await findOrAddLine(tx, count, store.id, locationId, item!.id)

    if (count.status === 'recount' && line.round !== 2) {
      throw new DomainError('INVALID_STATE', 'This count is being recounted; only the lines marked for recount take entries', { itemId: item!.id })
    }
    if (line.round === 2) {
      const firstRound = await first<{ n: number }>(tx, sql`SELECT COUNT(*) AS n FROM count_entries
        WHERE count_id = ${countId} AND location_id = ${locationId} AND item_id = ${item!.id} AND round = 1 AND user_id = ${userId}`)
      if (Number(firstRound?.n ?? 0) > 0 || line.firstCountedBy === userId) {
        throw new DomainError('RECOUNT_SAME_COUNTER', 'You counted this line the first time; a recount must be done by someone else', { itemId: item!.id })
      }
    }
    let atMovementId: number | null = null
    if (data.quantity < 0) {
      const own = await first<{ total: number | null; atMovementId: number | null }>(tx, sql`SELECT SUM(quantity) AS total, MAX(at_movement_id) AS atMovementId
        FROM count_entries WHERE count_id = ${countId} AND location_id = ${locationId} AND item_id = ${item!.id} AND round = ${line.round} AND user_id = ${userId}`)
      const yourTotal = Number(own?.total ?? 0)
      if (yourTotal + data.quantity < 0) {
        throw belowZero('your count of this line', { itemId: item!.id, locationId, round: line.round, yourTotal, quantity: data.quantity })
      }
      atMovementId = own?.atMovementId === null || own?.atMovementId === undefined ? null : Number(own.atMovementId)
    }
    const entry: EntryView = {
      id: data.id,
      countId,
      locationId,
      itemId: item!.id,
      round: line.round,
      quantity: data.quantity,
      device: data.device ?? ctx.actor.deviceId ?? null,
      at: at.toISOString(),
    }
    await tx.insert(countEntries).values({ ...entry, deviceId: entry.device, userId, atMovementId: atMovementId ?? (await maxMovementId(tx)) })
    await appendAudit(tx, at, ctx.actor, {
      action: 'count.entered',
      entityType: 'count',
      entityId: countId,
      storeId: store.id,
      after: { entryId: entry.id, locationId, itemId: entry.itemId, round: entry.round, quantity: entry.quantity, device: entry.device, ...(entry.quantity < 0 ? { correction: true } : {}) },
    })
    return { entry, replayed: false }
  })
}

/** Reviewing a count (seeing expected quantities) is recorded; such a person no longer counts it blind. */
export async function hasReviewed(tx: Tx, countId: string, userId: string) {
  const row = await first<{ n: number }>(tx, sql`SELECT COUNT(*) AS n FROM audit_events
    WHERE entity_type = 'count' AND entity_id = ${countId} AND action = 'count.review_opened' AND actor_user_id = ${userId}`)
  return Number(row?.n ?? 0) > 0
}

/**
 * The sheet line for (location, item). Counts of a whole location (or a full count) take items found
 * there that the sheet did not list; their expected-at-start is the balance then (now minus what
 * moved since the start). Cycle and flagged counts cover only their chosen items.
 */
async function findOrAddLine(tx: Tx, count: CountHead, storeId: string, locationId: string, itemId: string) {
  const line = await first<{ round: number; firstCountedBy: string | null }>(tx, sql`SELECT round, first_counted_by AS firstCountedBy
    FROM count_items WHERE count_id = ${count.id} AND location_id = ${locationId} AND item_id = ${itemId}`)
  if (line) return { round: Number(line.round), firstCountedBy: line.firstCountedBy }
  const onSheet = await first<{ n: number }>(tx, sql`SELECT COUNT(*) AS n FROM count_items WHERE count_id = ${count.id} AND location_id = ${locationId}`)
  if (Number(onSheet?.n ?? 0) === 0) throw new DomainError('NOT_ON_DOCUMENT', 'This location is not part of the count', { locationId })
  if ((count.kind !== 'location' && count.kind !== 'full') || count.status !== 'open') {
    throw new DomainError('NOT_ON_DOCUMENT', 'This item is not on the count sheet', { itemId })
  }
  const before = await first<{ q: number }>(tx, sql`SELECT
      COALESCE((SELECT quantity FROM balances WHERE location_id = ${locationId} AND item_id = ${itemId}), 0)
      - COALESCE((SELECT SUM(CASE WHEN to_location_id = ${locationId} THEN quantity ELSE -quantity END) FROM movements
          WHERE store_id = ${storeId} AND item_id = ${itemId} AND id > ${count.startMovementId}
            AND (to_location_id = ${locationId} OR from_location_id = ${locationId})), 0) AS q`)
  await tx.insert(countItems).values({ countId: count.id, locationId, itemId, expectedAtStart: Number(before?.q ?? 0), round: 1 })
  return { round: 1, firstCountedBy: null }
}
