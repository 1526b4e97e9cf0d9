import { createRoute, z } from '@hono/zod-openapi'
import { signIn, type ClientInfo } from '../core/auth/sign-in'
import { signOut } from '../core/auth/sign-out'
import { stepUp } from '../core/auth/step-up'
import { IpLimiter } from '../core/auth/throttle'
import { DomainError } from '../core/errors'
import { ctxOf, type AppEnv } from '../http/app-env'
import { ownAccount, publicRoute, signedIn } from '../http/guard'
import { createRouter, errors, jsonBody, jsonResponse } from '../http/openapi'
import { clearSessionCookie, readDeviceToken, readSessionToken, setDeviceCookie, setSessionCookie } from '../http/session'
import type { Context } from 'hono'
import { sha256 } from '../core/ids'
import { getConnInfo } from '@hono/node-server/conninfo'

const EmployeeNo = z.string().trim().min(1).max(32)
const SignInBody = z.object({ employeeNo: EmployeeNo, password: z.string().min(1).max(256) }).strict().openapi('SignIn')
const PinBody = z.object({ employeeNo: EmployeeNo, pin: z.string().regex(/^[0-9]{4,8}$/, 'A PIN has 4–8 digits') }).strict().openapi('PinSwitch')
const StepUpBody = z
  .object({ pin: z.string().regex(/^[0-9]{4,8}$/).optional(), password: z.string().min(1).max(256).optional() })
  .strict()
  .refine((b) => (b.pin === undefined) !== (b.password === undefined), 'Send either pin or password')
  .openapi('StepUp')
const SignedIn = z.object({ user: z.object({ id: z.string() }) }).openapi('SignedIn')

function clientIp(c: Context<AppEnv>) {
  if (c.get('http').trustProxy) {
    // The proxy appends the address it saw; anything before it came from the client and may be forged.
    const hop = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim()
    if (hop) return hop
  }
  try {
    return getConnInfo(c).remote.address ?? null
  } catch {
    return null // app.request() in tests has no socket
  }
}

function clientInfo(c: Context<AppEnv>): ClientInfo {
  const token = readSessionToken(c)
  return {
    ip: clientIp(c),
    userAgent: c.req.header('user-agent') ?? null,
    requestId: c.get('requestId'),
    previousSessionId: token ? sha256(token) : null,
    deviceToken: readDeviceToken(c),
  }
}

export function authRoutes(limiter = new IpLimiter()) {
  const throttle = (c: Context<AppEnv>) => {
    const wait = limiter.take(clientIp(c) ?? 'local')
    if (wait !== null) throw new DomainError('RATE_LIMITED', 'Too many sign-in attempts from this address', { retryAfterSeconds: wait })
  }
  const signInWith = async (c: Context<AppEnv>, employeeNo: string, secret: Parameters<typeof signIn>[1]['secret']) => {
    throttle(c)
    const result = await signIn({ deps: c.get('deps'), policy: c.get('http').session }, { employeeNo, secret }, clientInfo(c))
    setSessionCookie(c, result.token)
    if (result.newDeviceToken) setDeviceCookie(c, result.newDeviceToken)
    return { user: { id: result.userId } }
  }

  return createRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/login',
        tags: ['auth'],
        summary: 'Sign in with employee number and password (also registers this browser as a store tablet)',
        middleware: [publicRoute()] as const,
        request: { body: jsonBody(SignInBody) },
        responses: { 200: jsonResponse(SignedIn), ...errors(400, 401, 415, 423, 429) },
      }),
      async (c) => {
        const { employeeNo, password } = c.req.valid('json')
        return c.json(await signInWith(c, employeeNo, { kind: 'password', password }), 200)
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/pin',
        tags: ['auth'],
        summary: 'Quick user switch on a registered store tablet: employee number + PIN',
        middleware: [publicRoute()] as const,
        request: { body: jsonBody(PinBody) },
        responses: { 200: jsonResponse(SignedIn), ...errors(400, 401, 403, 415, 423, 429) },
      }),
      async (c) => {
        const { employeeNo, pin } = c.req.valid('json')
        return c.json(await signInWith(c, employeeNo, { kind: 'pin', pin }), 200)
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/logout',
        tags: ['auth'],
        summary: 'Sign out (ends this session)',
        middleware: [ownAccount(['password', 'pin'])] as const,
        responses: { 204: { description: 'Signed out' }, ...errors(401) },
      }),
      async (c) => {
        await signOut({ ctx: ctxOf(c) })
        clearSessionCookie(c)
        return c.body(null, 204)
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/step-up',
        tags: ['auth'],
        summary: 'Re-enter your PIN or password: needed shortly before confirming a correction',
        middleware: [signedIn()] as const,
        request: { body: jsonBody(StepUpBody) },
        responses: { 200: jsonResponse(z.object({ validUntil: z.string() })), ...errors(400, 401, 415, 423) },
      }),
      async (c) => c.json(await stepUp({ ctx: ctxOf(c), input: c.req.valid('json') }), 200),
    )
}
