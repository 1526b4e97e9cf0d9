import { sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { counts } from '../../../db/schema/index'
import type { StoreRef } from '../access/policy'
import { appendAudit } from '../audit/chain'
import type { Ctx } from '../context'
import { DomainError } from '../errors'
import { newId } from '../ids'
import { once } from '../ledger/idempotency'
import { first } from '../sql'
import { requireLocation, resolveItems } from '../store-refs'
import type { Tx } from '../writer'
import { flaggedItems, type FlaggedItem } from './flagged'
import { findCount, maxMovementId, type CountView } from './queries'
import { CreateCountInput, type CountLocation } from './schemas'

/**
 * A manager opens a count. In the same transaction it records the ledger position (the highest
 * movement id) and, per line, the balance at that moment — so expected quantities can later be
 * taken as of the counting time, whatever is sold meanwhile. What a line covers:
 * - cycle: the chosen items in one location;
 * - location: every item with a non-zero balance in one location;
 * - flagged: items flagged for a count — a count flag (negative stock after sales, …) or high shrink
 *   (confirmed write-offs over the last days above the policy, see flagged.ts) — in floor and
 *   stockroom or one location; the answer says which reason flagged each item;
 * - full: every active item of the store's assortment (and anything with stock), in floor and stockroom.
 * Counts never overlap: a (location, item) already on another open count, or on a pending correction
 * that came from a count, would produce a second variance for the same difference and both could be
 * confirmed (stock corrected twice). Such a count is refused (409 COUNT_OVERLAP, naming the lines and
 * what blocks them), and a full stocktake waits until no other count of the store is open.
 */
export type CreateCountResult = { count: CountView; replayed: boolean; flagged?: FlaggedItem[] }

export async function createCount({ ctx, store, input }: { ctx: Ctx; store: StoreRef; input: unknown }): Promise<CreateCountResult> {
  const data = CreateCountInput.parse(input)
  const itemIds = data.items ? [...new Set((await resolveItems(ctx.db, data.items, 'item')).map((i) => i.id))] : []
  const id = data.id ?? newId()
  const at = ctx.clock.now()
  const { replayed, body } = await ctx.writer.run(async (tx) => {
    const effect = async () => {
      const flagged = await insertCount(tx, at, ctx, store, id, data, itemIds)
      return { status: 201, body: { countId: id, ...(flagged ? { flagged } : {}) } as { countId: string; flagged?: FlaggedItem[] } }
    }
    if (!data.id) return { ...(await effect()), replayed: false }
    const { id: _id, ...payload } = data
    return once(tx, at, { scope: `count.create:${store.id}`, key: id, payload: { ...payload, itemIds } }, effect)
  })
  // A replay answers the reasons as they were when the count was opened.
  return { count: (await findCount(ctx.db, store.id, id))!, replayed, ...(body.flagged ? { flagged: body.flagged } : {}) }
}

async function insertCount(tx: Tx, at: Date, ctx: Ctx, store: StoreRef, id: string, data: CreateCountInput, itemIds: string[]): Promise<FlaggedItem[] | null> {
  const taken = await first<{ id: string }>(tx, sql`SELECT id FROM counts WHERE id = ${id}`)
  if (taken) throw new DomainError('DUPLICATE', 'A count with this id exists already', { countId: id })
  if (data.kind === 'full') await refuseWhileCounting(tx, store.id)
  const kinds: CountLocation[] = data.location ? [data.location] : ['floor', 'stockroom']
  const locationIds: string[] = []
  for (const kind of kinds) locationIds.push(await requireLocation(tx, store.id, kind))
  const flagged = data.kind === 'flagged' ? await flaggedItems(tx, store.id, at, ctx.config.shrinkFlag) : null
  const startMovementId = await maxMovementId(tx)
  await tx.insert(counts).values({
    id,
    storeId: store.id,
    kind: data.kind,
    locationId: locationIds.length === 1 ? locationIds[0]! : null,
    status: 'open',
    note: data.note || null,
    createdBy: ctx.actor.userId ?? 'unknown',
    createdAt: at.toISOString(),
    startMovementId,
  })
  for (const locationId of locationIds) {
    const balance = (itemId: ReturnType<typeof sql>) => sql`COALESCE((SELECT quantity FROM balances WHERE location_id = ${locationId} AND item_id = ${itemId}), 0)`
    if (data.kind === 'cycle' || data.kind === 'flagged') {
      for (const itemId of data.kind === 'cycle' ? itemIds : flagged!.map((f) => f.item.id)) {
        await tx.run(sql`INSERT INTO count_items (count_id, location_id, item_id, expected_at_start, round)
          VALUES (${id}, ${locationId}, ${itemId}, ${balance(sql`${itemId}`)}, 1)`)
      }
    } else if (data.kind === 'location') {
      await tx.run(sql`INSERT INTO count_items (count_id, location_id, item_id, expected_at_start, round)
        SELECT ${id}, location_id, item_id, quantity, 1 FROM balances WHERE location_id = ${locationId} AND quantity <> 0`)
    } else {
      await tx.run(sql`INSERT INTO count_items (count_id, location_id, item_id, expected_at_start, round)
        SELECT ${id}, ${locationId}, x.item_id, ${balance(sql`x.item_id`)}, 1 FROM (
          SELECT si.item_id FROM store_items si JOIN items i ON i.id = si.item_id WHERE si.store_id = ${store.id} AND i.active = 1
          UNION SELECT item_id FROM balances WHERE location_id = ${locationId} AND quantity <> 0) x`)
    }
  }
  const lines = await first<{ n: number }>(tx, sql`SELECT COUNT(*) AS n FROM count_items WHERE count_id = ${id}`)
  if (Number(lines?.n ?? 0) === 0) {
    throw new DomainError('UNPROCESSABLE', data.kind === 'flagged' ? 'No item is flagged for a count' : 'There is nothing to count here', { kind: data.kind })
  }
  // Checked on the lines as written, in the same transaction: a refusal rolls all of it back.
  await refuseOverlaps(tx, store.id, id)
  await appendAudit(tx, at, ctx.actor, {
    action: 'count.created',
    entityType: 'count',
    entityId: id,
    storeId: store.id,
    after: {
      kind: data.kind,
      locations: kinds,
      items: itemIds.length > 0 ? itemIds : undefined,
      flagged: flagged ? flagged.map((f) => ({ itemId: f.item.id, reasons: f.reasons })) : undefined,
      lines: Number(lines!.n),
      startMovementId,
      note: data.note ?? null,
    },
  })
  return flagged
}

const MAX_REPORTED_OVERLAPS = 100

type Blocker = { type: 'count' | 'correction'; id: string }
export type CountOverlap = { locationId: string; locationKind: string; itemId: string; sku: string; name: string; blockedBy: Blocker }

/** A full stocktake covers everything: no other count of the store may be open meanwhile. */
async function refuseWhileCounting(tx: Tx, storeId: string) {
  const open = await tx.all<{ id: string; kind: string; status: string }>(sql`SELECT id, kind, status FROM counts
    WHERE store_id = ${storeId} AND status IN ('open', 'recount') ORDER BY created_at, id LIMIT ${MAX_REPORTED_OVERLAPS}`)
  if (open.length === 0) return
  throw new DomainError('COUNT_OVERLAP', `A full stocktake needs the store's other counts submitted or cancelled first (${open.length} open)`, {
    overlaps: [],
    counts: open.map((c) => c.id),
    corrections: [],
    openCounts: open,
  })
}

/**
 * The lines of count `countId` that are also on another open count of the store, or on a pending
 * correction entered from a count (its variance is not confirmed yet: counting again would find it again).
 */
export async function findOverlaps(tx: Db | Tx, storeId: string, countId: string, limit = MAX_REPORTED_OVERLAPS + 1): Promise<CountOverlap[]> {
  const rows = await tx.all<Omit<CountOverlap, 'blockedBy'> & { blockerType: Blocker['type']; blockerId: string }>(sql`
    SELECT x.locationId, l.kind AS locationKind, x.itemId, i.sku, i.name, x.blockerType, x.blockerId FROM (
      SELECT ci.location_id AS locationId, ci.item_id AS itemId, 'count' AS blockerType, o.id AS blockerId
        FROM count_items ci
        JOIN counts o ON o.store_id = ${storeId} AND o.status IN ('open', 'recount') AND o.id <> ${countId}
        JOIN count_items oi ON oi.count_id = o.id AND oi.location_id = ci.location_id AND oi.item_id = ci.item_id
        WHERE ci.count_id = ${countId}
      UNION ALL
      SELECT ci.location_id, ci.item_id, 'correction', k.id
        FROM count_items ci
        JOIN corrections k ON k.store_id = ${storeId} AND k.status = 'pending' AND k.source = 'count'
        JOIN correction_lines cl ON cl.correction_id = k.id AND cl.location_id = ci.location_id AND cl.item_id = ci.item_id
        WHERE ci.count_id = ${countId}
    ) x JOIN locations l ON l.id = x.locationId JOIN items i ON i.id = x.itemId
    ORDER BY l.kind, i.sku, x.blockerType, x.blockerId LIMIT ${limit}`)
  return rows.map(({ blockerType, blockerId, ...r }) => ({ ...r, blockedBy: { type: blockerType, id: blockerId } }))
}

async function refuseOverlaps(tx: Tx, storeId: string, countId: string) {
  const found = await findOverlaps(tx, storeId, countId)
  if (found.length === 0) return
  const overlaps = found.slice(0, MAX_REPORTED_OVERLAPS)
  const ids = (type: Blocker['type']) => [...new Set(overlaps.filter((o) => o.blockedBy.type === type).map((o) => o.blockedBy.id))]
  const first = overlaps[0]!
  throw new DomainError(
    'COUNT_OVERLAP',
    `${first.sku} in ${first.locationKind} is already on ${first.blockedBy.type === 'count' ? 'open count' : 'pending count correction'} ${first.blockedBy.id}` +
      (found.length > 1 ? ` (and ${found.length > MAX_REPORTED_OVERLAPS ? `more than ${MAX_REPORTED_OVERLAPS - 1}` : found.length - 1} more)` : '') +
      ': submit or cancel that count, or decide that correction, first',
    { overlaps, truncated: found.length > MAX_REPORTED_OVERLAPS, counts: ids('count'), corrections: ids('correction') },
  )
}
