import { sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import type { Tx } from '../writer'
import { isHighShrink, shrinkWindowStart, type ShrinkFlagPolicy } from './rules'

/** Why an item is offered to (and put on) a `flagged` count. */
export type FlagReason =
  /** store_items.count_flag: stock went below zero (negative_floor after sales, negative_stockroom after a correction). */
  | { kind: 'count_flag'; flag: string; flaggedAt: string | null }
  /** Confirmed write-offs in the store over the window above the policy (units or value). */
  | { kind: 'high_shrink'; writeOffUnits: number; writeOffValue: number; days: number; since: string }

export type FlaggedItem = { item: { id: string; sku: string; name: string; category: string }; reasons: FlagReason[] }

/**
 * The items a `flagged` count covers, each with the reasons it is flagged for:
 * - a count flag (negative stock), until a count clears it;
 * - high shrink: confirmed write-offs of the store over the last `policy.days` days above
 *   `policy.units` units or `policy.value`, read from the daily roll-up (dim 'item': at most `days`
 *   rows per item, kept by triggers on confirmation). Write-offs up to the day a submitted count of the
 *   item was settled (submitted, or its correction decided) are answered by that count and left out,
 *   so counting an item once takes it off the list until new write-offs pile up.
 */
export async function flaggedItems(db: Db | Tx, storeId: string, at: Date, policy: ShrinkFlagPolicy): Promise<FlaggedItem[]> {
  const since = shrinkWindowStart(at, policy.days)
  const today = at.toISOString().slice(0, 10)
  // One statement after the other: this also runs inside the writer's transaction.
  const flags = await db.all<{ itemId: string; flag: string; flaggedAt: string | null }>(sql`
    SELECT item_id AS itemId, count_flag AS flag, count_flagged_at AS flaggedAt FROM store_items
    WHERE store_id = ${storeId} AND count_flag IS NOT NULL`)
  const shrink = await db.all<{ itemId: string; units: number; value: number }>(sql`
      WITH counted AS (
        SELECT ci.item_id AS itemId, MAX(MAX(c.submitted_at, COALESCE(k.decided_at, ''))) AS settledAt
        FROM counts c JOIN count_items ci ON ci.count_id = c.id LEFT JOIN corrections k ON k.id = c.correction_id
        WHERE c.store_id = ${storeId} AND c.status = 'submitted' AND c.submitted_at >= ${since}
        GROUP BY ci.item_id)
      SELECT r.key AS itemId, SUM(r.write_off_units) AS units, SUM(r.write_off_value) AS value
      FROM rollup_corrections_daily r LEFT JOIN counted ON counted.itemId = r.key
      WHERE r.dim = 'item' AND r.store_id = ${storeId} AND r.day >= ${since} AND r.day <= ${today}
        AND (counted.settledAt IS NULL OR r.day > substr(counted.settledAt, 1, 10))
      GROUP BY r.key
      HAVING SUM(r.write_off_units) > ${policy.units} OR SUM(r.write_off_value) > ${policy.value}`)
  const reasons = new Map<string, FlagReason[]>()
  const add = (itemId: string, reason: FlagReason) => reasons.set(itemId, [...(reasons.get(itemId) ?? []), reason])
  for (const f of flags) add(f.itemId, { kind: 'count_flag', flag: f.flag, flaggedAt: f.flaggedAt })
  for (const s of shrink) {
    const writeOff = { units: Number(s.units), value: Number(s.value) }
    if (isHighShrink(writeOff, policy)) add(s.itemId, { kind: 'high_shrink', writeOffUnits: writeOff.units, writeOffValue: writeOff.value, days: policy.days, since })
  }
  if (reasons.size === 0) return []
  const ids = sql.join([...reasons.keys()].map((id) => sql`${id}`), sql`, `)
  const items = await db.all<FlaggedItem['item']>(sql`SELECT id, sku, name, category FROM items WHERE id IN (${ids}) ORDER BY category, name, id`)
  return items.map((item) => ({ item, reasons: reasons.get(item.id)! }))
}
