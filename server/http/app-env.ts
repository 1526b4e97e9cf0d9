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
