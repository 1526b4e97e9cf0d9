import type { Db } from '../../../db/client'
import { findStore, loadGrants } from '../access/load-access'
import { can, canAnywhere, seesStore, type Action, type Grant, type StoreRef } from '../access/policy'
import type { Actor } from '../context'
import { DomainError } from '../errors'
import type { Tx } from '../writer'

export function requireUser(actor: Actor): string {
  if (!actor.userId) throw new DomainError('UNAUTHENTICATED', 'Sign in to continue')
  return actor.userId
}

/**
 * The core authorizes on its own, from grants read now (inside the transaction when given `tx`):
 * a store outside the person's scope does not exist for them (404); inside it without the role is 403.
 */
export async function authorizeStore(db: Db | Tx, userId: string, action: Action, storeId: string): Promise<{ store: StoreRef; grants: Grant[] }> {
  const store = await findStore(db, storeId)
  const grants = await loadGrants(db, userId)
  if (!store || !seesStore(grants, store)) throw new DomainError('NOT_FOUND', 'Store not found', { storeId })
  if (!can(grants, action, store)) throw new DomainError('FORBIDDEN', `Your role does not allow this here (${action})`, { action })
  return { store, grants }
}

/** The same for a chain-wide setting (no store): the action must be granted somewhere, else 403. */
export async function authorizeChain(db: Db | Tx, userId: string, action: Action): Promise<void> {
  if (!canAnywhere(await loadGrants(db, userId), action)) throw new DomainError('FORBIDDEN', `Your role does not allow this (${action})`, { action })
}
