import { serve, type ServerType } from '@hono/node-server'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb } from '../../db/client'
import { sessions } from '../../db/schema/index'
import { createApp } from '../../server/app'
import { fixedClock } from '../../server/core/clock'
import { sha256 } from '../../server/core/ids'
import { call, createTestApp, disableUser, pinSwitch, signIn, type Session, type TestApp } from '../support/app'
import { createTestDatabase } from '../support/db'
import { createFixture, PASSWORD, type Fixture } from '../support/fixtures'
import { fingerprint } from '../support/invariants'

/**
 * Sign-in, sessions, lockout, throttling, cookies, headers and CSRF (RELIABILITY.md "Auth").
 * Each describe gets its own app (its own in-memory per-IP limiter) on the one test database.
 */

let database: Awaited<ReturnType<typeof createTestDatabase>>
let fx: Fixture
const START = '2026-11-02T10:00:00.000Z'
const MINUTE = 60_000

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
})

const login = (app: TestApp, employeeNo: string, password: string, cookie?: string) =>
  call(app, null, 'POST', '/api/auth/login', { body: { employeeNo, password }, headers: cookie ? { cookie } : {} })

const me = (app: TestApp, session: Session | string) => call(app, null, 'GET', '/api/me', { headers: { cookie: typeof session === 'string' ? session : session.cookie } })

/** `name=value` of a Set-Cookie header, and its attributes. */
function parseSetCookie(header: string) {
  const [pair, ...attrs] = header.split(';').map((p) => p.trim())
  const [name, ...value] = pair!.split('=')
  return { name: name!, value: value.join('='), attrs: attrs.map((a) => a.toLowerCase()) }
}

const sessionCookieOf = (res: { headers: Headers }) =>
  res.headers
    .getSetCookie()
    .map(parseSetCookie)
    .find((c) => c.name.endsWith('bs_session'))

describe('sign-in', () => {
  let app: TestApp
  beforeAll(() => {
    app = createTestApp(database, START)
  })

  it('refuses a wrong password with 401 INVALID_CREDENTIALS and sets no cookie', async () => {
    const res = await login(app, fx.users.clerk.employeeNo, 'wrong-password')
    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe('INVALID_CREDENTIALS')
    expect(res.headers.getSetCookie()).toEqual([])
  })

  it('answers an unknown user exactly like a wrong password, in similar time (Argon2 either way)', async () => {
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
    // Warm up both paths (the dummy hash is computed once, lazily).
    await login(app, 'E7777', 'whatever')
    await login(app, fx.users.stockroom.employeeNo, 'wrong-password')
    const unknown: number[] = []
    const wrong: number[] = []
    // Interleaved, medians of 7: a burst of load on a shared machine hits both sides alike.
    for (let i = 0; i < 7; i++) {
      let t = performance.now()
      const u = await login(app, `E77${70 + i}`, 'whatever')
      unknown.push(performance.now() - t)
      t = performance.now()
      const w = await login(app, fx.users.stockroom.employeeNo, `wrong-${i}`)
      wrong.push(performance.now() - t)
      expect([u.status, u.body]).toEqual([w.status, w.body])
    }
    const ratio = median(unknown) / median(wrong)
    console.info(`sign-in timing: unknown user median ${median(unknown).toFixed(1)} ms, wrong password median ${median(wrong).toFixed(1)} ms (ratio ${ratio.toFixed(2)})`)
    expect(ratio).toBeGreaterThan(1 / 3)
    expect(ratio).toBeLessThan(3)
  })

  it('signs in with the right password (employee number normalized)', async () => {
    const res = await login(app, ` ${fx.users.clerk.employeeNo.toLowerCase()} `, PASSWORD)
    expect(res.status).toBe(200)
    expect(res.body.user.id).toBe(fx.users.clerk.id)
  })
})

describe('lockout', () => {
  it('locks after 10 failures (423 ACCOUNT_LOCKED), stays locked after a restart, unlocks after the window', async () => {
    const app = createTestApp(database, START)
    const { employeeNo } = fx.users.lead
    const statuses: number[] = []
    for (let i = 0; i < 10; i++) statuses.push((await login(app, employeeNo, `wrong-${i}`)).status)
    expect(statuses).toEqual([...Array(9).fill(401), 423])

    const locked = await login(app, employeeNo, PASSWORD)
    expect(locked.status).toBe(423)
    expect(locked.body.error.code).toBe('ACCOUNT_LOCKED')
    expect(locked.body.error.details.retryAfterSeconds).toBeGreaterThan(0)

    // "Restart": a new client on the same file, a new app (fresh in-memory state), same moment.
    const reopened = createDb(`file:${database.path}`)
    try {
      const restarted = createTestApp(reopened, new Date(app.clock.now().getTime() + MINUTE).toISOString())
      expect((await login(restarted, employeeNo, PASSWORD)).status).toBe(423)
      restarted.clock.advance(15 * MINUTE)
      const open = await login(restarted, employeeNo, PASSWORD)
      expect(open.status).toBe(200)
      await restarted.deps.writer.close()
    } finally {
      reopened.client.close()
    }
  })

  it('locks unknown employee numbers the same way (a lock reveals nothing)', async () => {
    const app = createTestApp(database, START)
    const statuses: number[] = []
    for (let i = 0; i < 11; i++) statuses.push((await login(app, 'E5555', `guess-${i}`)).status)
    expect(statuses).toEqual([...Array(9).fill(401), 423, 423])
  })
})

describe('per-IP throttle (a real port, so the client address is known)', () => {
  let server: ServerType
  let base: string
  beforeAll(async () => {
    const app = createTestApp(database, START)
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve())
    })
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('answers 429 with Retry-After after 30 attempts a minute from one address', async () => {
    const statuses: number[] = []
    let retryAfter: string | null = null
    for (let i = 0; i < 31; i++) {
      // A different (unknown) employee number each time: this is the address limit, not the account lock.
      const res = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ employeeNo: `X${1000 + i}`, password: 'spray' }),
      })
      statuses.push(res.status)
      if (res.status === 429) retryAfter = res.headers.get('retry-after')
      await res.body?.cancel()
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true)
    expect(statuses[30]).toBe(429)
    expect(Number(retryAfter)).toBeGreaterThan(0)
    expect(Number(retryAfter)).toBeLessThanOrEqual(60)
  })
})

describe('per-IP throttle behind a reverse proxy (TRUST_PROXY=1)', () => {
  const attempt = (app: ReturnType<typeof createApp>, forwardedFor: string, i: number) =>
    app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
      body: JSON.stringify({ employeeNo: `Y${1000 + i}`, password: 'spray' }),
    })

  it('counts each client address the proxy appended, not the proxy, and ignores hops the client forged', async () => {
    const app = createApp({ database, clock: fixedClock(START), http: { trustProxy: true } })
    const statuses: number[] = []
    // One client cycling forged first entries: the proxy's last hop is the same, so it is one budget.
    for (let i = 0; i < 31; i++) statuses.push((await attempt(app, `10.9.9.${i}, 203.0.113.7`, i)).status)
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true)
    expect(statuses[30]).toBe(429)
    // Another tablet behind the same proxy still signs in attempts of its own.
    expect((await attempt(app, '203.0.113.8', 99)).status).toBe(401)
  })

  it('without TRUST_PROXY the header is ignored (a client cannot pick its own address)', async () => {
    const app = createApp({ database, clock: fixedClock(START) })
    const statuses: number[] = []
    for (let i = 0; i < 31; i++) statuses.push((await attempt(app, `198.51.100.${i}`, 200 + i)).status)
    expect(statuses[30]).toBe(429)
  })
})

describe('sessions', () => {
  let app: TestApp
  beforeAll(() => {
    app = createTestApp(database, START)
  })

  it('expire after 60 idle minutes (activity keeps them alive)', async () => {
    const session = await signIn(app, fx.users.clerk.employeeNo)
    app.clock.advance(59 * MINUTE)
    expect((await me(app, session)).status).toBe(200)
    app.clock.advance(59 * MINUTE)
    expect((await me(app, session)).status).toBe(200)
    app.clock.advance(61 * MINUTE)
    const res = await me(app, session)
    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe('UNAUTHENTICATED')
  })

  it('expire 12 hours after sign-in however active they are', async () => {
    const session = await signIn(app, fx.users.stockroom.employeeNo)
    let elapsed = 0
    while (elapsed + 50 * MINUTE < 12 * 60 * MINUTE) {
      app.clock.advance(50 * MINUTE)
      elapsed += 50 * MINUTE
      expect((await me(app, session)).status, `after ${elapsed / MINUTE} min`).toBe(200)
    }
    app.clock.advance(50 * MINUTE)
    expect((await me(app, session)).status).toBe(401)
  })

  it('end at sign-out: the old cookie is refused and the browser is told to drop it', async () => {
    const session = await signIn(app, fx.users.lead.employeeNo)
    // As a browser sends it: same origin, no body.
    const out = await call(app, session, 'POST', '/api/auth/logout', { headers: { origin: 'http://localhost' } })
    expect(out.status).toBe(204)
    const cleared = sessionCookieOf(out)
    expect(cleared?.value).toBe('')
    expect(cleared?.attrs).toContain('max-age=0')
    expect((await me(app, session)).status).toBe(401)
  })

  it('all end when the user is disabled, and the user cannot sign in again', async () => {
    const first = await signIn(app, fx.users.stockroom2.employeeNo)
    const second = await signIn(app, fx.users.stockroom2.employeeNo)
    expect((await me(app, first)).status).toBe(200)
    await disableUser(database, fx.users.stockroom2.id)
    expect((await me(app, first)).status).toBe(401)
    expect((await me(app, second)).status).toBe(401)
    const again = await login(app, fx.users.stockroom2.employeeNo, PASSWORD)
    expect(again.status).toBe(401)
    expect(again.body.error.code).toBe('INVALID_CREDENTIALS')
  })

  it('rotate at sign-in: the same browser signing in again loses its old session', async () => {
    const first = await signIn(app, fx.users.auditor.employeeNo)
    const second = await signIn(app, fx.users.auditor.employeeNo, PASSWORD, first.cookie)
    expect(second.cookie).not.toBe(first.cookie)
    expect((await me(app, first.cookie.split('; ').find((c) => c.startsWith('bs_session='))!)).status).toBe(401)
    expect((await me(app, second)).status).toBe(200)
  })

  it('use a 256-bit random token that is stored only as its hash', async () => {
    const res = await login(app, fx.users.regional.employeeNo, PASSWORD)
    const token = sessionCookieOf(res)!.value
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(32)
    const rows = await database.db.select({ idHash: sessions.idHash }).from(sessions)
    expect(rows.some((r) => r.idHash === token)).toBe(false)
    expect(rows.some((r) => r.idHash === sha256(token))).toBe(true)
    expect((await fingerprint(database)).includes(token)).toBe(false)
  })
})

describe('tablet PIN switch', () => {
  let app: TestApp
  let tablet: Session
  beforeAll(async () => {
    app = createTestApp(database, START)
    // A password sign-in registers this browser as a tablet of the clerk's store (st-a1).
    tablet = await signIn(app, fx.users.clerk.employeeNo)
    expect(tablet.cookie).toContain('bs_device=')
  })

  it('switches to another user of the store with employee number + PIN', async () => {
    const switched = await pinSwitch(app, tablet, fx.users.manager.employeeNo, fx.users.manager.pin)
    const res = await me(app, switched)
    expect(res.status).toBe(200)
    expect(res.body.user.employeeNo).toBe(fx.users.manager.employeeNo)
    expect(res.body.device).toEqual({ storeId: 'st-a1' })
  })

  it('is refused without a registered device (403 DEVICE_NOT_REGISTERED)', async () => {
    const res = await call(app, null, 'POST', '/api/auth/pin', { body: { employeeNo: fx.users.manager.employeeNo, pin: fx.users.manager.pin } })
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('DEVICE_NOT_REGISTERED')
    const forged = await call(app, null, 'POST', '/api/auth/pin', {
      headers: { cookie: 'bs_device=forged-device-token-that-was-never-registered' },
      body: { employeeNo: fx.users.manager.employeeNo, pin: fx.users.manager.pin },
    })
    expect(forged.status).toBe(403)
  })

  it('is refused for a user without a role in the tablet store (like a wrong PIN: 401)', async () => {
    const res = await call(app, tablet, 'POST', '/api/auth/pin', { body: { employeeNo: fx.users.managerB1.employeeNo, pin: fx.users.managerB1.pin } })
    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe('INVALID_CREDENTIALS')
    const wrongPin = await call(app, tablet, 'POST', '/api/auth/pin', { body: { employeeNo: fx.users.lead.employeeNo, pin: '0000' } })
    expect(wrongPin.status).toBe(401)
  })
})

describe('cookies', () => {
  it('are HttpOnly; SameSite=Strict; Path=/ and not Secure by default', async () => {
    const app = createTestApp(database, START)
    const res = await login(app, fx.users.manager.employeeNo, PASSWORD)
    const cookies = res.headers.getSetCookie().map(parseSetCookie)
    expect(cookies.map((c) => c.name).sort()).toEqual(['bs_device', 'bs_session'])
    for (const c of cookies) {
      expect(c.attrs).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/']))
      expect(c.attrs).not.toContain('secure')
      expect(c.attrs.some((a) => a.startsWith('domain='))).toBe(false)
    }
  })

  it('are Secure with the __Host- prefix when cookieSecure is on (behind https)', async () => {
    const app = createApp({ database, clock: fixedClock(START), http: { cookieSecure: true } })
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ employeeNo: fx.users.managerA2.employeeNo, password: PASSWORD }),
    })
    expect(res.status).toBe(200)
    const cookies = res.headers.getSetCookie().map(parseSetCookie)
    expect(cookies.map((c) => c.name).sort()).toEqual(['__Host-bs_device', '__Host-bs_session'])
    for (const c of cookies) {
      expect(c.attrs).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/', 'secure']))
      expect(c.attrs.some((a) => a.startsWith('domain='))).toBe(false)
    }
    // The secure app reads only the prefixed cookie.
    const session = cookies.find((c) => c.name === '__Host-bs_session')!
    const ok = await app.request('/api/me', { headers: { cookie: `__Host-bs_session=${session.value}` } })
    expect(ok.status).toBe(200)
    const plain = await app.request('/api/me', { headers: { cookie: `bs_session=${session.value}` } })
    expect(plain.status).toBe(401)
  })
})

describe('security headers', () => {
  let app: TestApp
  let webRoot: string
  beforeAll(() => {
    webRoot = mkdtempSync(join(tmpdir(), 'backstore-web-'))
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Backstore</title>')
    const clock = fixedClock(START)
    app = Object.assign(createApp({ database, clock, webRoot }), { clock })
  })
  afterAll(() => rmSync(webRoot, { recursive: true, force: true }))

  const expectSecureHeaders = (headers: Headers, what: string) => {
    expect(headers.get('content-security-policy'), what).toMatch(/(^|;\s*)default-src 'self'/)
    expect(headers.get('content-security-policy'), what).toMatch(/frame-ancestors 'none'/)
    expect(headers.get('strict-transport-security'), what).toMatch(/max-age=31536000/)
    expect(headers.get('x-content-type-options'), what).toBe('nosniff')
    expect(headers.get('referrer-policy'), what).toBeTruthy()
    expect(headers.get('x-frame-options'), what).toBe('DENY')
  }

  it('are on every API response, success or error, with Cache-Control: no-store', async () => {
    const session = await signIn(app, fx.users.clerk.employeeNo)
    const responses = {
      health: await app.request('/api/health'),
      me: await app.request('/api/me', { headers: { cookie: session.cookie } }),
      unauthenticated: await app.request('/api/me'),
      unknownRoute: await app.request('/api/no-such-route'),
      badRequest: await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' }),
      notFound: await app.request('/api/stores/st-b1/items/lookup?code=1', { headers: { cookie: session.cookie } }),
    }
    expect(Object.fromEntries(Object.entries(responses).map(([k, r]) => [k, r.status]))).toEqual({
      health: 200,
      me: 200,
      unauthenticated: 401,
      unknownRoute: 404,
      badRequest: 400,
      notFound: 404,
    })
    for (const [what, res] of Object.entries(responses)) {
      expectSecureHeaders(res.headers, what)
      expect(res.headers.get('cache-control'), what).toBe('no-store')
    }
  })

  it('are on HTML responses (the web client and the API docs page)', async () => {
    for (const path of ['/', '/some/client/route', '/api/docs']) {
      const res = await app.request(path)
      expect(res.status, path).toBe(200)
      expect(res.headers.get('content-type'), path).toMatch(/text\/html/)
      expectSecureHeaders(res.headers, path)
    }
  })

  it('the API docs page loads Swagger UI from our own origin only, under the same strict CSP', async () => {
    const page = await app.request('/api/docs')
    const html = await page.text()
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!)
    expect(refs.length).toBeGreaterThanOrEqual(3)
    expect(refs.every((ref) => ref.startsWith('/api/docs/assets/'))).toBe(true)
    expect(html).not.toMatch(/<script>[^<]/) // no inline script
    const csp = page.headers.get('content-security-policy')!
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toMatch(/https?:\/\//)
    for (const ref of refs) {
      const asset = await app.request(ref)
      expect(asset.status, ref).toBe(200)
      expect(asset.headers.get('content-type'), ref).toMatch(ref.endsWith('.css') ? /text\/css/ : /text\/javascript/)
      expect((await asset.text()).length, ref).toBeGreaterThan(10)
    }
    const unknown = await app.request('/api/docs/assets/..%2Fpackage.json')
    expect(unknown.status).toBe(404)
  })

  it('never grant cross-origin reads (no CORS headers for a foreign origin)', async () => {
    const preflight = await app.request('/api/me', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    })
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull()
    const read = await app.request('/api/health', { headers: { origin: 'https://evil.example' } })
    expect(read.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('cross-site requests (CSRF)', () => {
  let app: TestApp
  let victim: Session
  beforeAll(async () => {
    app = createTestApp(database, START)
    victim = await signIn(app, fx.users.manager.employeeNo)
  })

  const form = (path: string, body: string, headers: Record<string, string> = {}) =>
    app.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body })

  it('refuses a cross-site form POST (403/415) and changes nothing', async () => {
    const before = await fingerprint(database)
    const signInForm = await form('/api/auth/login', `employeeNo=${fx.users.clerk.employeeNo}&password=${PASSWORD}`, { origin: 'https://evil.example' })
    expect([403, 415]).toContain(signInForm.status)
    expect(signInForm.headers.getSetCookie()).toEqual([])
    const logoutForm = await form('/api/auth/logout', 'x=1', { origin: 'https://evil.example', cookie: victim.cookie })
    expect([403, 415]).toContain(logoutForm.status)
    const correctionForm = await form('/api/stores/st-a1/corrections', 'reasonCode=theft', { origin: 'https://evil.example', cookie: victim.cookie })
    expect([403, 415]).toContain(correctionForm.status)
    expect(await fingerprint(database)).toBe(before)
    expect((await me(app, victim)).status).toBe(200)
  })

  it('refuses a same-origin form or text/plain body with 415 (writes are JSON only)', async () => {
    const before = await fingerprint(database)
    const plain = await app.request('/api/auth/logout', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'http://localhost', cookie: victim.cookie },
      body: '{"x":1}',
    })
    expect(plain.status).toBe(415)
    expect((await plain.json()).error.code).toBe('UNSUPPORTED_MEDIA_TYPE')
    const sameOriginForm = await form('/api/auth/login', `employeeNo=${fx.users.clerk.employeeNo}&password=${PASSWORD}`, { origin: 'http://localhost' })
    expect(sameOriginForm.status).toBe(415)
    expect(await fingerprint(database)).toBe(before)
    expect((await me(app, victim)).status).toBe(200)
  })

  it('refuses a body-less POST without Origin or Content-Type (hono/csrf fails closed)', async () => {
    const bare = await app.request('/api/auth/logout', { method: 'POST', headers: { cookie: victim.cookie } })
    expect(bare.status).toBe(403)
    expect((await me(app, victim)).status).toBe(200)
  })

  it('refuses a JSON write the browser marks Sec-Fetch-Site: cross-site (403 CSRF_REJECTED)', async () => {
    const before = await fingerprint(database)
    const res = await call(app, victim, 'POST', '/api/auth/logout', { body: {}, headers: { 'sec-fetch-site': 'cross-site' } })
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('CSRF_REJECTED')
    expect(await fingerprint(database)).toBe(before)
    expect((await me(app, victim)).status).toBe(200)
  })
})

