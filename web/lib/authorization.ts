import type { Me, StoreAccess } from '../types/api'

/**
 * Which workspaces a person sees in a store, from the actions the server granted them there.
 * Pure functions: the server enforces every action again; the UI only hides what would be refused.
 */

export const WORKSPACES = ['floor', 'backroom', 'office'] as const
export type Workspace = (typeof WORKSPACES)[number]

const FLOOR_TASKS = ['replenishment.request', 'correction.report']
const BACKROOM_TASKS = [
  'replenishment.pick',
  'delivery.receive',
  'count.enter',
  'correction.enter',
  'transfer.ship',
  'transfer.receive',
]
const OFFICE_TASKS = [
  'correction.decide',
  'count.review',
  'count.manage',
  'delivery.manage',
  'transfer.manage',
  'report.read',
  'evidence.export',
  'audit.read',
  'store.users',
  'pos.keys',
  'device.read',
  'policy.read',
  'policy.manage',
  'catalog.manage',
  'chain.manage',
]

export const can = (store: Pick<StoreAccess, 'actions'> | null | undefined, action: string) =>
  !!store && store.actions.includes(action)

/** Regions and stores are the chain's: only a chain administrator (chain.manage anywhere) administers them. */
export const canManagePlaces = (me: Pick<Me, 'chainActions'> | null | undefined) => !!me && me.chainActions.includes('chain.manage')

const canAny = (store: Pick<StoreAccess, 'actions'>, actions: string[]) => actions.some((a) => store.actions.includes(a))

export function canUseWorkspace(store: Pick<StoreAccess, 'actions'>, workspace: Workspace): boolean {
  switch (workspace) {
    case 'floor':
      return can(store, 'item.read') && canAny(store, FLOOR_TASKS)
    case 'backroom':
      return canAny(store, BACKROOM_TASKS)
    case 'office':
      return canAny(store, OFFICE_TASKS)
  }
}

export const workspacesFor = (store: Pick<StoreAccess, 'actions'> | null | undefined): Workspace[] =>
  store ? WORKSPACES.filter((w) => canUseWorkspace(store, w)) : []

/** Where each role starts work: the floor for clerks, the back room for its staff, the office for managers, admins and auditors. */
const OFFICE_ROLES = ['store_manager', 'regional_manager', 'admin', 'auditor']
const BACKROOM_ROLES = ['stockroom', 'lead']

/**
 * The workspace to open in a store: the one of the person's most senior role there (office before back
 * room before floor), if they may use it; else the first one they may use. The switcher offers the rest.
 */
export function landingWorkspace(store: Pick<StoreAccess, 'actions' | 'roles'> | null | undefined): Workspace | undefined {
  const usable = workspacesFor(store)
  if (!store) return undefined
  const wanted: Workspace = store.roles.some((r) => OFFICE_ROLES.includes(r))
    ? 'office'
    : store.roles.some((r) => BACKROOM_ROLES.includes(r))
      ? 'backroom'
      : 'floor'
  return usable.includes(wanted) ? wanted : usable[0]
}

export const isWorkspace = (value: string | undefined): value is Workspace => WORKSPACES.includes(value as Workspace)

/**
 * The store to open after sign-in: this tablet's store, else the last one used here, else the
 * first store that offers any workspace.
 */
export function defaultStore(me: Pick<Me, 'stores' | 'device'>, lastStoreId?: string | null): StoreAccess | null {
  const usable = me.stores.filter((s) => workspacesFor(s).length > 0)
  return (
    usable.find((s) => s.id === me.device?.storeId) ??
    usable.find((s) => s.id === lastStoreId) ??
    usable[0] ??
    null
  )
}
