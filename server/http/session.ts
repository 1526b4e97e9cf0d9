import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { loadGrants } from '../core/access/load-access'
import { resolveSession } from '../core/auth/sessions'
import type { AppEnv } from './app-env'

const SESSION = 'bs_session'
const DEVICE = 'bs_device'

/** `__Host-` cookies are bound to this origin, https only, Path=/ and no Domain. */
const names = (secure: boolean) => ({
  session: secure ? `__Host-${SESSION}` : SESSION,
  device: secure ? `__Host-${DEVICE}` : DEVICE,
})

export const cookieOptions = (secure: boolean, maxAgeSeconds?: number) => ({
  httpOnly: true,
  sameSite: 'Strict' as const,
  path: '/',
  secure,
  ...(maxAgeSeconds ? { maxAge: maxAgeSeconds } : {}),
})

export const readSessionToken = (c: Context<AppEnv>) => getCookie(c, names(c.get('http').cookieSecure).session)
export const readDeviceToken = (c: Context<AppEnv>) => getCookie(c, names(c.get('http').cookieSecure).device)

export function setSessionCookie(c: Context<AppEnv>, token: string) {
  const { cookieSecure, session } = c.get('http')
  setCookie(c, names(cookieSecure).session, token, cookieOptions(cookieSecure, session.absoluteHours * 3600))
}

export function setDeviceCookie(c: Context<AppEnv>, token: string) {
  const { cookieSecure } = c.get('http')
  setCookie(c, names(cookieSecure).device, token, cookieOptions(cookieSecure, 365 * 86_400))
}

export function clearSessionCookie(c: Context<AppEnv>) {
  const { cookieSecure } = c.get('http')
  deleteCookie(c, names(cookieSecure).session, cookieOptions(cookieSecure))
}

/** Resolves the session cookie (if any) and the user's grants, fresh from the database, per request. */
export const sessionMiddleware: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = readSessionToken(c)
  c.set('auth', null)
  if (token && token.length <= 100) {
    const deps = c.get('deps')
    const session = await resolveSession(deps, token, c.get('http').session)
    if (session) c.set('auth', { ...session, grants: await loadGrants(deps.db, session.userId) })
  }
  await next()
}
