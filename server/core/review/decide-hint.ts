import type { CorrectionStatus, Tier } from '../../../db/schema/index'
import type { StoreRef } from '../access/policy'
import { canConfirm, type ConfirmActor, type SeriesFacts } from '../corrections/rules'

export type DecidableRow = {
  status: string
  tier: Tier
  enteredBy: string
  enteredByName: string | null
  counters: readonly string[]
  /** The F16 series read by loadSeries (the tier the decision needs is the higher of the two). */
  series: SeriesFacts | null
}

/**
 * Whether the queue shows a decide button: the same pure rule on the same facts (loadConfirmActor,
 * loadSeries) the confirm verb enforces. A hint only — the decision re-checks everything (fresh grants and account facts,
 * version, step-up) inside its transaction.
 */
export function mayDecideHint(actor: ConfirmActor, store: StoreRef, row: DecidableRow) {
  const target = {
    storeId: store.id,
    regionId: store.regionId,
    enteredBy: row.enteredBy,
    enteredByName: row.enteredByName,
    counters: row.counters,
    tier: row.tier,
    status: row.status as CorrectionStatus,
    series: row.series,
  }
  return canConfirm(actor, target).ok
}
