import { sql } from 'drizzle-orm'
import { first } from '../sql'
import type { Tx } from '../writer'
import { tierFor } from './rules'
import { loadTierPolicy } from './tier-policy'

/** Corrections of the same enterer and items within this window are valued together for the tier. */
export const SPLIT_WINDOW_MS = 24 * 3_600_000

/**
 * The tier of a correction being entered (F16): its own value plus the values of the same enterer's
 * other pending or confirmed corrections in the store, entered within 24 h, that touch any of the
 * same items — so a write-off split into small ones lands in the tier of the whole. Run it inside the
 * entering transaction (the writer serializes entries, so two parts cannot miss each other).
 */
export async function tierOfEntry(tx: Tx, input: { storeId: string; enteredBy: string; itemIds: string[]; value: number; at: Date }) {
  const related = await first<{ total: number | null }>(tx, sql`
    SELECT SUM(c.value) AS total FROM corrections c
    WHERE c.store_id = ${input.storeId} AND c.entered_by = ${input.enteredBy} AND c.status IN ('pending', 'confirmed')
      AND c.entered_at > ${new Date(input.at.getTime() - SPLIT_WINDOW_MS).toISOString()}
      AND EXISTS (SELECT 1 FROM correction_lines cl WHERE cl.correction_id = c.id
        AND cl.item_id IN (${sql.join(input.itemIds.map((id) => sql`${id}`), sql`, `)}))`)
  const tierValue = input.value + Number(related?.total ?? 0)
  const policy = await loadTierPolicy(tx, input.storeId)
  return { tierValue, tier: tierFor(tierValue, policy), policy }
}
