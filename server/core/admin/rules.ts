import type { Role } from '../../../db/schema/index'

/**
 * Who may administer whom, as pure functions. A chain administrator (chain.manage) may grant any role
 * anywhere; a store manager (store.users) manages the users of their own stores only and grants store
 * roles up to store manager. Nobody changes their own roles or disables themselves.
 */
export const STORE_ROLES: readonly Role[] = ['clerk', 'stockroom', 'lead', 'store_manager']

export type Scope = { storeId?: string | null | undefined; regionId?: string | null | undefined }

/** The scope each role takes: store roles one store, a regional manager one region, admin and auditor the chain. */
export function scopeProblem(role: Role, scope: Scope): string | null {
  const store = Boolean(scope.storeId)
  const region = Boolean(scope.regionId)
  if (STORE_ROLES.includes(role)) return store && !region ? null : `A ${role} works in one store: give storeId only`
  if (role === 'regional_manager') return region && !store ? null : 'A regional manager works in one region: give regionId only'
  return !store && !region ? null : `The ${role} role is chain-wide: give neither storeId nor regionId`
}

export type AdminActor = { userId: string; chainAdmin: boolean; managedStores: ReadonlySet<string> }
export type ActiveGrant = { role: Role; storeId: string | null; regionId: string | null }

/** Whether the actor may grant (or revoke) this role in this scope. */
export function mayGrant(actor: AdminActor, grant: ActiveGrant): boolean {
  if (actor.chainAdmin) return true
  return STORE_ROLES.includes(grant.role) && grant.storeId !== null && actor.managedStores.has(grant.storeId)
}

/** A user of one of my stores: they hold at least one role there. */
export function seesUser(actor: AdminActor, target: readonly ActiveGrant[]): boolean {
  return actor.chainAdmin || target.some((g) => g.storeId !== null && actor.managedStores.has(g.storeId))
}

/**
 * Whether the actor may disable the user or reset their PIN: a chain administrator anyone but
 * themselves; a store manager only people who work in their stores alone and hold no role above
 * store manager (so a store manager cannot lock out a regional manager or a colleague elsewhere).
 */
export function mayManageUser(actor: AdminActor, targetId: string, target: readonly ActiveGrant[]): boolean {
  if (targetId === actor.userId) return false
  if (actor.chainAdmin) return true
  return target.length > 0 && target.every((g) => mayGrant(actor, g))
}
