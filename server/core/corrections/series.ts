import { sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import type { Tier } from '../../../db/schema/index'
import type { Tx } from '../writer'
import { tierFor, type SeriesFacts } from './rules'
import { loadTierThresholds } from './tier-policy'
import { SPLIT_WINDOW_MS } from './tier-value'

/** What `loadSeries` needs of a correction. */
export type SeriesTarget = { id: string; storeId: string; enteredBy: string; enteredAt: string; value: number; tier: Tier }

/** The series of one correction, with the ids valued together with it (for the audit event). */
export type Series = SeriesFacts & { ids: string[] }

/** At most this many corrections per query (5 bound parameters each). */
const CHUNK = 200

/**
 * F16 at decision time: for each correction, the same enterer's other pending or confirmed corrections
 * in the same store that share an item with it and were entered less than 24 h before OR after it —
 * so a part entered later raises the tier of the earlier, still pending parts. A cancelled or rejected
 * part no longer counts. The series' tier is tierFor(own value + theirs) under the store's policy now;
 * with no others it is the stored tier (a correction valued alone keeps the tier it was entered with).
 *
 * The deciding transaction calls it for the one correction it decides; the lists and the review queue
 * call it for their pending rows, so a button shows exactly when the server would accept. One query per
 * 200 corrections: per correction an index range (store_id, status, entered_at) or (entered_by, entered_at),
 * and the lines by their (correction_id, …) index.
 */
export async function loadSeries(db: Db | Tx, list: readonly SeriesTarget[]): Promise<Map<string, Series>> {
  const out = new Map<string, Series>()
  const targets = [...new Map(list.map((t) => [t.id, t])).values()]
  if (targets.length === 0) return out
  const policies = await loadTierThresholds(db, targets.map((t) => t.storeId))
  for (let i = 0; i < targets.length; i += CHUNK) {
    const chunk = targets.slice(i, i + CHUNK)
    const values = chunk.map((t) => {
      const at = Date.parse(t.enteredAt)
      const lo = new Date(at - SPLIT_WINDOW_MS).toISOString()
      const hi = new Date(at + SPLIT_WINDOW_MS).toISOString()
      return sql`(${t.id}, ${t.storeId}, ${t.enteredBy}, ${lo}, ${hi})`
    })
    // A correlated subquery per correction (not a join): the planner then probes an index per correction
    // instead of building a Bloom filter over the whole corrections table (measured on the scale database).
    const rows = await db.all<{ id: string; others: string | null }>(sql`
      WITH t(id, store_id, entered_by, lo, hi) AS (VALUES ${sql.join(values, sql`, `)})
      SELECT t.id AS id, (SELECT json_group_array(json_array(o.id, o.value)) FROM corrections o
        WHERE o.entered_by = t.entered_by AND o.entered_at > t.lo AND o.entered_at < t.hi
          AND o.store_id = t.store_id AND o.status IN ('pending', 'confirmed') AND o.id <> t.id
          AND EXISTS (SELECT 1 FROM correction_lines ol JOIN correction_lines tl ON tl.item_id = ol.item_id
            WHERE ol.correction_id = o.id AND tl.correction_id = t.id)) AS others
      FROM t`)
    const byId = new Map(rows.map((r) => [r.id, r.others ? (JSON.parse(r.others) as Array<[string, number]>) : []]))
    for (const t of chunk) {
      const related = byId.get(t.id) ?? []
      const value = related.reduce((sum, [, v]) => sum + Number(v), t.value)
      out.set(t.id, {
        others: related.length,
        value,
        // Valued alone, a correction keeps the tier it was entered with (a later policy change does not move it).
        tier: related.length > 0 ? tierFor(value, policies.get(t.storeId)!) : t.tier,
        ids: related.map(([id]) => id).sort(),
      })
    }
  }
  return out
}

