import type { Action, Grant } from '../access/policy'
import type { Ctx } from '../context'
import { actorGrants, selectStores, storesWith, type ScopedStore, type StoreSelection } from '../review/scope'

/** Query parameters for GET /review/corrections that list the corrections behind a figure. */
export type Drill = Record<string, string>

export type ReportScope = { grants: Grant[]; stores: ScopedStore[]; drillBase: Drill }

/**
 * The stores a report covers (those of the selection in which the caller holds `action`), and the
 * selection to repeat in drill-downs so the review queue lists the same stores: the queue scopes by
 * correction.read, which may reach further than the report's action.
 */
export async function reportScope(ctx: Ctx, action: Action, selection: StoreSelection): Promise<ReportScope> {
  const grants = await actorGrants(ctx)
  const scope = await storesWith(ctx.db, grants, action)
  const stores = selectStores(scope, selection)
  const readable = selectStores(await storesWith(ctx.db, grants, 'correction.read'), {})
  const sameAsQueue = readable.length === stores.length
  const drillBase: Drill = {}
  if (selection.regionId !== undefined) drillBase.regionId = selection.regionId
  if ((selection.storeIds?.length ?? 0) > 0 || (!sameAsQueue && selection.regionId === undefined) || (selection.regionId !== undefined && !sameRegionSet(readable, stores, selection.regionId))) {
    drillBase.storeIds = stores.map((s) => s.id).join(',')
  }
  return { grants, stores, drillBase }
}

const sameRegionSet = (readable: ScopedStore[], stores: ScopedStore[], regionId: string) =>
  readable.filter((s) => s.regionId === regionId).length === stores.length
