import type { Role } from '../../../db/schema/index'

/**
 * The one policy table: which roles may perform which action within their scope.
 * Every route names one action (server/http/guard.ts); the route-matrix test walks them all.
 * Holding a role never lets anyone skip the four-eyes rule: deciding a correction is checked
 * again, per correction, by canConfirm (core/corrections/rules.ts).
 */
export const ACTIONS = {
  // Sales floor
  'item.read': ['clerk', 'stockroom', 'lead', 'store_manager', 'regional_manager', 'admin', 'auditor'],
  'movement.read': ['clerk', 'stockroom', 'lead', 'store_manager', 'regional_manager', 'auditor'],
  'replenishment.request': ['clerk', 'stockroom', 'lead', 'store_manager'],
  'replenishment.read': ['clerk', 'stockroom', 'lead', 'store_manager', 'regional_manager', 'auditor'],
  'correction.report': ['clerk', 'stockroom', 'lead', 'store_manager'],
  // Back room
  'replenishment.pick': ['stockroom', 'lead', 'store_manager'],
  'delivery.read': ['stockroom', 'lead', 'store_manager', 'regional_manager', 'auditor'],
  'delivery.receive': ['stockroom', 'lead', 'store_manager'],
  'count.read': ['stockroom', 'lead', 'store_manager', 'regional_manager', 'auditor'],
  'count.enter': ['stockroom', 'lead', 'store_manager'],
  'correction.enter': ['stockroom', 'lead', 'store_manager'],
  'transfer.read': ['stockroom', 'lead', 'store_manager', 'regional_manager', 'auditor'],
  'transfer.ship': ['stockroom', 'lead', 'store_manager'],
  'transfer.receive': ['stockroom', 'lead', 'store_manager'],
  // Office
  'correction.read': ['stockroom', 'lead', 'store_manager', 'regional_manager', 'auditor'],
  'correction.decide': ['lead', 'store_manager', 'regional_manager'],
  'delivery.manage': ['store_manager'],
  'count.manage': ['store_manager', 'regional_manager'],
  'count.review': ['lead', 'store_manager', 'regional_manager', 'auditor'],
  'transfer.manage': ['store_manager'],
  'report.read': ['store_manager', 'regional_manager', 'auditor'],
  'evidence.export': ['regional_manager', 'auditor'],
  'audit.read': ['store_manager', 'regional_manager', 'admin', 'auditor'],
  'store.users': ['store_manager', 'admin'],
  'pos.keys': ['store_manager', 'admin'],
  'policy.read': ['store_manager', 'regional_manager', 'admin', 'auditor'],
  'policy.manage': ['admin'],
  'device.read': ['store_manager', 'regional_manager', 'admin', 'auditor'],
  'device.manage': ['store_manager', 'regional_manager', 'admin'],
  'catalog.manage': ['admin'],
  'chain.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>

export type Action = keyof typeof ACTIONS

/** A role held in a scope: a store, a region, or the whole chain (both null). */
export type Grant = { role: Role; storeId: string | null; regionId: string | null }
export type StoreRef = { id: string; regionId: string }

export const grantCovers = (grant: Grant, store: StoreRef) =>
  grant.storeId === store.id || grant.regionId === store.regionId || (grant.storeId === null && grant.regionId === null)

/** The roles a person holds at one store (directly, through its region, or chain-wide). */
export const rolesAt = (grants: Grant[], store: StoreRef): Role[] => [
  ...new Set(grants.filter((g) => grantCovers(g, store)).map((g) => g.role)),
]

export const can = (grants: Grant[], action: Action, store: StoreRef) => {
  const allowed: readonly Role[] = ACTIONS[action]
  return rolesAt(grants, store).some((role) => allowed.includes(role))
}

/** Whether a person may act in a store at all (otherwise the store does not exist for them). */
export const seesStore = (grants: Grant[], store: StoreRef) => grants.some((g) => grantCovers(g, store))

/** Actions that are not tied to one store (chain administration). */
export const canAnywhere = (grants: Grant[], action: Action) => {
  const allowed: readonly Role[] = ACTIONS[action]
  return grants.some((g) => allowed.includes(g.role))
}
