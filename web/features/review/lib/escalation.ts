import { TIER_COVERAGE } from '../../../../server/core/corrections/rules'
import type { Me } from '../../../types/api'
import { can } from '../../../lib/authorization'
import { isTier } from '../../corrections-review/lib/labels'
import type { ReviewRow } from '../api/get-review'

const covers = (roles: readonly string[], tier: string) =>
  isTier(tier) && roles.some((role) => (TIER_COVERAGE as Record<string, readonly string[] | undefined>)[role]?.includes(tier))

/**
 * Whether to offer "Escalate" on a queue row. An escalation asks the region to look at an overdue
 * correction, so it is offered only to someone who cannot settle it themselves: not to whoever may
 * decide it and not to the regional manager (the one it would go to). Everyone else in the store with
 * `correction.decide` cannot settle it: the tier is above them, or four eyes keep them out (they entered
 * it, counted it — any counter — or its enterer set up their account, role or PIN); `mayDecide`, the
 * server's verdict, is false in each case. The server checks `correction.decide` at the store again.
 */
export function mayEscalate(row: ReviewRow, me: Pick<Me, 'user' | 'stores'>): boolean {
  if (row.status !== 'pending' || !row.overdue || row.escalatedAt || row.mayDecide) return false
  const store = me.stores.find((s) => s.id === row.storeId)
  if (!store || !can(store, 'correction.decide')) return false
  return !covers(store.roles, 'regional_manager')
}
