import type { MiddlewareHandler } from 'hono'
import { findStore } from '../core/access/load-access'
import { can, canAnywhere, seesStore, type Action } from '../core/access/policy'
import { accountRestriction, restrictionError, type AccountRestriction } from '../core/auth/restriction'
import { DomainError } from '../core/errors'
import { invalidKey, resolvePosKey, type PosKeyRef } from '../core/pos/keys'
import type { AppEnv, Auth } from './app-env'

/**
 * Every route carries exactly one of these guards. Each is tagged with its policy so the
 * route-matrix test can find, for every registered route, what protects it (a route without a
 * tag fails that test).
 */
export type RoutePolicy =
  | { kind: 'public' }
  | { kind: 'signed-in'; whileTemporary?: readonly AccountRestriction[] }
  | { kind: 'store'; action: Action }
  | { kind: 'chain'; action: Action }
  | { kind: 'pos-key' }

export type GuardMiddleware = MiddlewareHandler<AppEnv> & { policy: RoutePolicy }

export const tag = (handler: MiddlewareHandler<AppEnv>, policy: RoutePolicy): GuardMiddleware =>
  Object.assign(handler, { policy })

export function requireAuth(auth: Auth | null): Auth {
  if (!auth) throw new DomainError('UNAUTHENTICATED', 'Sign in to continue')
  return auth
}

/**
 * Signed in, and not held back by a temporary secret (server/core/auth/restriction.ts): a session that
 * must first replace a password or PIN someone else set gets 403 PASSWORD_CHANGE_REQUIRED /
 * PIN_CHANGE_REQUIRED everywhere but the routes that let it (`ownAccount`).
 */
function requireFreeSession(auth: Auth | null, allowed: readonly AccountRestriction[] = []): Auth {
  const session = requireAuth(auth)
  const restriction = accountRestriction(session)
  if (restriction && !allowed.includes(restriction)) throw restrictionError(restriction)
  return session
}

/** No session needed (health, sign-in, docs). */
export const publicRoute = () => tag(async (_c, next) => next(), { kind: 'public' })

/** Any signed-in user. */
export const signedIn = () =>
  tag(async (c, next) => {
    requireFreeSession(c.get('auth'))
    await next()
  }, { kind: 'signed-in' })

/**
 * The signed-in person's own account (me, sign-out, changing their own secrets): open also while the
 * session must first replace a temporary secret, for the restrictions listed.
 */
export const ownAccount = (whileTemporary: readonly AccountRestriction[]) =>
  tag(async (c, next) => {
    requireFreeSession(c.get('auth'), whileTemporary)
    await next()
  }, { kind: 'signed-in', whileTemporary })

/**
 * A store-scoped action on `/stores/:storeId/...`. A store outside the caller's scope does not exist
 * for them (404, so ids cannot be probed); inside their scope but without the role it is 403.
 */
export const storeGuard = (action: Action) =>
  tag(async (c, next) => {
    const auth = requireFreeSession(c.get('auth'))
    const storeId = c.req.param('storeId') ?? ''
    const store = await findStore(c.get('deps').db, storeId)
    if (!store || !seesStore(auth.grants, store)) throw new DomainError('NOT_FOUND', 'Store not found', { storeId })
    if (!can(auth.grants, action, store)) {
      throw new DomainError('FORBIDDEN', `Your role does not allow this here (${action})`, { action })
    }
    c.set('store', store)
    await next()
  }, { kind: 'store', action })

/** A chain-level action (administration, cross-store reports): a role anywhere that allows it. */
export const chainGuard = (action: Action) =>
  tag(async (c, next) => {
    const auth = requireFreeSession(c.get('auth'))
    if (!canAnywhere(auth.grants, action)) {
      throw new DomainError('FORBIDDEN', `Your role does not allow this (${action})`, { action })
    }
    await next()
  }, { kind: 'chain', action })

declare module 'hono' {
  interface ContextVariableMap {
    /** Set by posKeyGuard: the till's API key and, through `store`, the store it belongs to. */
    posKey: PosKeyRef
  }
}

/**
 * Point-of-sale routes: no session, but `Authorization: Bearer <key>` with a store's API key. The key
 * decides the store (the till cannot name another); unknown, malformed or revoked keys are 401.
 */
export const posKeyGuard = () =>
  tag(async (c, next) => {
    const match = /^Bearer +([^\s]+)$/.exec(c.req.header('authorization') ?? '')
    const key = match ? await resolvePosKey(c.get('deps').db, match[1]!) : null
    if (!key) {
      c.header('WWW-Authenticate', 'Bearer realm="backstore-pos"')
      throw invalidKey()
    }
    c.set('posKey', key)
    c.set('store', { id: key.storeId, regionId: key.regionId })
    await next()
  }, { kind: 'pos-key' })
