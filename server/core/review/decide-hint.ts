import type { CorrectionStatus, Tier } from '../../../db/schema/index'
import type { Grant, StoreRef } from '../access/policy'
import { canConfirm } from '../corrections/rules'

export type DecidableRow = { status: string; tier: Tier; enteredBy: string; countedBy: string | null }

/**
 * Whether the queue shows a decide button: the same pure rule the confirm verb enforces. A hint only —
 * the decision re-checks everything (fresh grants, version, step-up) inside its transaction.
 */
export function mayDecideHint(userId: string, grants: Grant[], store: StoreRef, row: DecidableRow) {
  const target = { storeId: store.id, regionId: store.regionId, enteredBy: row.enteredBy, countedBy: row.countedBy, tier: row.tier, status: row.status as CorrectionStatus }
  return canConfirm({ userId, grants }, target).ok
}
