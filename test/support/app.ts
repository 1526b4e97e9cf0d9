import { eq } from 'drizzle-orm'
import type { Database } from '../../db/client'
import { users } from '../../db/schema/index'
import { createApp, type App } from '../../server/app'
import { fixedClock } from '../../server/core/clock'
import { PASSWORD } from './fixtures'

export type TestApp = App & { clock: ReturnType<typeof fixedClock> }

/** The real app on the test database, with a clock the test moves. */
export function createTestApp(database: Database, start = '2026-11-02T10:00:00.000Z'): TestApp {
  const clock = fixedClock(start)
  const app = createApp({ database, clock })
  return Object.assign(app, { clock })
}

export type Session = { cookie: string; userId: string }

const cookieHeader = (res: Response, previous = '') => {
  const jar = new Map(previous.split('; ').filter(Boolean).map((kv) => [kv.split('=')[0]!, kv]))
  for (const set of res.headers.getSetCookie()) {
    const pair = set.split(';')[0]!
    jar.set(pair.split('=')[0]!, pair)
  }
  return [...jar.values()].join('; ')
}

/** Signs in through the real endpoint and returns the cookies (session + device) to send. */
export async function signIn(app: App, employeeNo: string, password = PASSWORD, cookie = ''): Promise<Session> {
  const res = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ employeeNo, password }),
  })
  if (res.status !== 200) throw new Error(`sign-in of ${employeeNo} failed: ${res.status} ${await res.text()}`)
  const body = (await res.json()) as { user: { id: string } }
  return { cookie: cookieHeader(res, cookie), userId: body.user.id }
}

/** Switches user on a tablet (device cookie kept) with employee number + PIN. */
export async function pinSwitch(app: App, device: Session, employeeNo: string, pin: string): Promise<Session> {
  const res = await app.request('/api/auth/pin', {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: device.cookie },
    body: JSON.stringify({ employeeNo, pin }),
  })
  if (res.status !== 200) throw new Error(`PIN switch to ${employeeNo} failed: ${res.status} ${await res.text()}`)
  const body = (await res.json()) as { user: { id: string } }
  return { cookie: cookieHeader(res, device.cookie), userId: body.user.id }
}

type RequestOptions = { body?: unknown; headers?: Record<string, string>; idempotencyKey?: string }

/** A JSON request as a signed-in user (or anonymous with `session` null). */
export async function call(app: App, session: Session | null, method: string, path: string, options: RequestOptions = {}) {
  const headers: Record<string, string> = { ...options.headers }
  if (session) headers.cookie = session.cookie
  if (options.body !== undefined) headers['content-type'] ??= 'application/json'
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey
  const res = await app.request(path, {
    method,
    headers,
    body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
  })
  const text = await res.text()
  let json: any = null
  try {
    json = text ? JSON.parse(text) : null
  } catch {
    json = text
  }
  return { status: res.status, body: json, headers: res.headers }
}

export async function disableUser(database: Database, userId: string) {
  await database.db.update(users).set({ active: false }).where(eq(users.id, userId))
}
