import type { Context } from 'hono'
import type { Grant, StoreRef } from '../core/access/policy'
import type { SessionUser } from '../core/auth/sessions'
import type { Ctx, Deps } from '../core/context'
import type { Logger } from 'pino'

export type Auth = SessionUser & { grants: Grant[] }

export type HttpConfig = {
  cookieSecure: boolean
  session: { idleMinutes: number; absoluteHours: number }
  /** Largest accepted request body in bytes. */
  bodyLimit: number
  /** Largest body of the delivery CSV import (its schema takes 1,000,000 characters of CSV, sent as JSON). */
  importBodyLimit: number
  /**
   * Behind a reverse proxy (TLS terminator): take the client address for the sign-in limiter from the
   * last `X-Forwarded-For` hop the proxy appended, instead of the socket (which is always the proxy).
   */
  trustProxy: boolean
}

export type AppEnv = {
  Variables: {
    deps: Deps
    http: HttpConfig
    logger: Logger
    requestId: string
    auth: Auth | null
    /** Set by the guard on store-scoped routes, after the caller's scope was checked. */
    store: StoreRef
    /** Set for a route with its own body limit (server/app.ts); the general limit then stands aside. */
    bodyLimit: number | undefined
  }
}

/** The core's context for this request: the actor comes from the verified session, never from the body. */
export function ctxOf(c: Context<AppEnv>): Ctx {
  const auth = c.get('auth')
  return {
    ...c.get('deps'),
    actor: {
      userId: auth?.userId ?? null,
      sessionId: auth?.sessionId ?? null,
      deviceId: auth?.deviceId ?? null,
      requestId: c.get('requestId'),
    },
  }
}
