/**
 * Pure rules of counting. Expected stock is never shown to counters: these functions run for
 * reviewers and for submitting, not for count sheets.
 */

export type RecountPolicy = { recountUnits: number; recountValue: number }

/**
 * What the system expected when the counter counted: the balance at the count's start plus the
 * net movements posted since, up to the counter's moment. Sales during the count are therefore
 * no variance.
 */
export const expectedAtCount = (expectedAtStart: number, movedSinceStart: number) => expectedAtStart + movedSinceStart

/** A variance large in units or in value is recounted by someone else before it becomes a correction. */
export const needsRecount = (variance: number, unitCost: number, policy: RecountPolicy) =>
  Math.abs(variance) > policy.recountUnits || Math.abs(variance) * unitCost > policy.recountValue

/**
 * The counter a line (or a count) is attributed to: who made the most entries, the earliest on a tie.
 * The correction records this person as `counted_by` (for display); everyone with an entry is a counter
 * of it (correction_counters) and may not confirm or reject it.
 */
export function mainCounter(entries: Array<{ userId: string; at: string }>): string | null {
  const byUser = new Map<string, { n: number; first: string }>()
  for (const e of entries) {
    const seen = byUser.get(e.userId)
    if (!seen) byUser.set(e.userId, { n: 1, first: e.at })
    else byUser.set(e.userId, { n: seen.n + 1, first: e.at < seen.first ? e.at : seen.first })
  }
  let best: { userId: string; n: number; first: string } | null = null
  for (const [userId, v] of byUser) {
    if (!best || v.n > best.n || (v.n === best.n && v.first < best.first)) best = { userId, ...v }
  }
  return best?.userId ?? null
}

/**
 * Items written off heavily are worth a count ("flagged by high shrink"): more than `units` units or
 * more than `value` (minor units, at the unit cost on the correction lines) of confirmed write-offs in
 * the store over the last `days` days (today included).
 */
export type ShrinkFlagPolicy = { days: number; units: number; value: number }

export const DEFAULT_SHRINK_FLAG: ShrinkFlagPolicy = { days: 30, units: 10, value: 10_000 }

export const isHighShrink = (writeOff: { units: number; value: number }, policy: ShrinkFlagPolicy) =>
  writeOff.units > policy.units || writeOff.value > policy.value

/** The first UTC day (YYYY-MM-DD) of the shrink window ending at `at`: `days` days including today. */
export const shrinkWindowStart = (at: Date, days: number) => new Date(at.getTime() - (Math.max(days, 1) - 1) * 86_400_000).toISOString().slice(0, 10)
