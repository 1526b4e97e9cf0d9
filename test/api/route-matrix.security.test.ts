import { randomUUID } from 'node:crypto'
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi'
import { beforeAll, describe, expect, it } from 'vitest'
import { createApp, type App } from '../../server/app'
import { loadGrants } from '../../server/core/access/load-access'
import type { Grant, StoreRef } from '../../server/core/access/policy'
import type { AppEnv } from '../../server/http/app-env'
import type { AccountRestriction } from '../../server/core/auth/restriction'
import { storeGuard, tag, type RoutePolicy } from '../../server/http/guard'
import { createTestApp, disableUser } from '../support/app'
import { createTestDatabase } from '../support/db'
import { createFixture } from '../support/fixtures'
import { fingerprint } from '../support/invariants'
import {
  WRITE_METHODS,
  bodySchema,
  example,
  expected,
  fillPath,
  listRoutes,
  loadOpenApi,
  mintSession,
  requiredQuery,
  untagged,
  type Expectation,
  type RouteInfo,
} from './route-matrix.support'

/**
 * The authorization matrix (RELIABILITY.md): every registered route × every kind of caller × every
 * store relation, with the expectation computed from the policy table (ACTIONS + grantCovers):
 *   not signed in / disabled / expired / idle → 401 · store outside scope (or unknown) → 404 ·
 *   in scope without the role → 403 · allowed → anything but 401/403 (and never 5xx).
 * The routes come from `app.routes` at run time: a new route is in the matrix without editing this
 * file, and a route without exactly one policy-tagged guard fails it.
 */

const database = await createTestDatabase()
const fx = await createFixture(database)
const app = createTestApp(database)
const doc = await loadOpenApi(app)
const routes = listRoutes(app, doc)

const ROLE_SUBJECTS = ['clerk', 'stockroom', 'lead', 'manager', 'regional', 'admin', 'auditor'] as const
type SubjectName = 'unauthenticated' | (typeof ROLE_SUBJECTS)[number] | 'disabled' | 'expired' | 'idle' | 'temporary password' | 'temporary PIN'
/** `restriction`: the session must first replace a secret someone else set (server/core/auth/restriction.ts). */
type Subject = { name: SubjectName; userId: string | null; cookie: string | null; grants: Grant[] | null; restriction?: AccountRestriction }

const RELATIONS = [
  { name: 'own store', storeId: 'st-a1' },
  { name: 'same region', storeId: 'st-a2' },
  { name: 'other region', storeId: 'st-b1' },
  { name: 'nonexistent store', storeId: 'st-nonexistent' },
] as const
type Relation = (typeof RELATIONS)[number]

const storeRef = (storeId: string): StoreRef | null => {
  const store = fx.stores.find((s) => s.id === storeId)
  return store ? { id: store.id, regionId: store.regionId } : null
}

/**
 * Fields that show other stores by design, and so are allowed to carry their `storeId`: the same
 * item in the nearby stores of the region (DESIGN.md, look-up). Only stores of the same region.
 * (Rows that belong to two stores — a transfer, say — would need their own entry here.)
 */
const CROSS_STORE_FIELDS: Record<string, string[]> = {
  'GET /api/stores/:storeId/items/lookup': ['nearby'],
  'GET /api/stores/:storeId/items/:itemId': ['nearby'],
}

/** Fixture values for well-known parameter and body field names; everything else is 'nonexistent'. */
const known = (storeId: string) => ({
  storeId,
  itemId: 'it-milk',
  locationId: `${storeId}-stockroom`,
  fromLocationId: `${storeId}-stockroom`,
  toLocationId: `${storeId}-floor`,
  code: fx.barcodes[0]!.barcode,
  q: 'milk',
  quantity: 1,
  reasonCode: 'damaged',
  reason: 'damaged',
  note: 'route matrix',
})

const subjects: Subject[] = []

beforeAll(async () => {
  subjects.push({ name: 'unauthenticated', userId: null, cookie: null, grants: null })
  for (const name of ROLE_SUBJECTS) {
    const user = fx.users[name]
    subjects.push({ name, userId: user.id, cookie: await mintSession(app, user.id), grants: await loadGrants(database.db, user.id) })
  }
  // A store manager at A1 whose account was disabled after signing in: the role must not help.
  const disabledCookie = await mintSession(app, fx.users.disabled.id)
  await disableUser(database, fx.users.disabled.id)
  subjects.push({ name: 'disabled', userId: fx.users.disabled.id, cookie: disabledCookie, grants: null })
  // Past the absolute lifetime (12 h) though recently active; and idle past the idle timeout (60 min).
  subjects.push({ name: 'expired', userId: fx.users.manager.id, cookie: await mintSession(app, fx.users.manager.id, { ageMs: 12 * 3_600_000 + 60_000, lastSeenAgoMs: 30_000 }), grants: null })
  subjects.push({ name: 'idle', userId: fx.users.manager.id, cookie: await mintSession(app, fx.users.manager.id, { ageMs: 2 * 3_600_000, lastSeenAgoMs: 61 * 60_000 }), grants: null })
  // Leads at A1 holding a secret someone else set: a temporary password (any session), a temporary PIN (a PIN session).
  // Whatever their role would allow, only their own account is open to them.
  for (const [userId, employeeNo, column, name, method] of [
    ['u-temp-password', 'E1090', 'password_temporary', 'temporary password', 'password'],
    ['u-temp-pin', 'E1091', 'pin_temporary', 'temporary PIN', 'pin'],
  ] as const) {
    await database.client.execute({
      sql: `INSERT INTO users (id, employee_no, name, password_hash, pin_hash, created_at, ${column}) SELECT ?, ?, ?, password_hash, pin_hash, created_at, 1 FROM users WHERE id = 'u-lead'`,
      args: [userId, employeeNo, name],
    })
    await database.client.execute({ sql: `INSERT INTO role_assignments (id, user_id, role, store_id, granted_at) VALUES (?, ?, 'lead', 'st-a1', ?)`, args: [`ra-${userId}`, userId, fx.now] })
    const restriction = method === 'pin' ? 'pin' : 'password'
    subjects.push({ name, userId, cookie: await mintSession(app, userId, { method }), grants: await loadGrants(database.db, userId), restriction })
  }

  await populateOtherStores()
})

/** Ids of rows the population step created, with the store they belong to. */
const createdIn = new Map<string, string>()
const FIXTURE_ID = /^(it|u|st|rg|ra|tp)-/

function idsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(idsIn)
  if (!value || typeof value !== 'object') return []
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => [
    ...(k === 'id' && typeof v === 'string' && !FIXTURE_ID.test(v) ? [v] : []),
    ...idsIn(v),
  ])
}

/**
 * Gives list endpoints something to leak: every store-scoped write is tried once per store with a
 * plausible body by that store's manager (or anyone allowed there), so rows exist in A1, A2 and B1.
 */
async function populateOtherStores() {
  const managers: Record<string, string> = { 'st-a1': fx.users.manager.id, 'st-a2': fx.users.managerA2.id, 'st-b1': fx.users.managerB1.id }
  const others = { 'st-a1': fx.users.stockroom.id, 'st-a2': fx.users.regional.id, 'st-b1': fx.users.regionalB.id }
  const admin = { 'st-a1': fx.users.admin.id, 'st-a2': fx.users.admin.id, 'st-b1': fx.users.admin.id }
  let created = 0
  for (const route of routes) {
    if (!WRITE_METHODS.has(route.method) || route.policy?.kind !== 'store') continue
    for (const storeId of ['st-a1', 'st-a2', 'st-b1']) {
      const attempts = [managers, others, admin].flatMap((byStore) => [false, true].map((optionals) => ({ userId: byStore[storeId as keyof typeof byStore], optionals })))
      for (const { userId, optionals } of attempts) {
        const body = example(doc, bodySchema(doc, route.operation), known(storeId), { optionals }) ?? {}
        const res = await app.request(fillPath(route.path, known(storeId)), {
          method: route.method,
          headers: { cookie: await mintSession(app, userId), 'content-type': 'application/json', 'idempotency-key': randomUUID() },
          body: JSON.stringify(body),
        })
        const text = await res.text()
        if (res.status < 300) {
          created += 1
          for (const id of idsIn(text ? JSON.parse(text) : null)) createdIn.set(id, storeId)
          break
        }
      }
    }
  }
  console.info(`route matrix: ${routes.length} routes; ${created} store-scoped writes populated A1/A2/B1 (${createdIn.size} row ids) for the leak check`)
}

/** `code`: the denial's code when it is not the one its status implies (a temporary secret's 403). */
type Cell = { subject: Subject; relation: Relation | null; expect: Expectation; code?: string }

const RESTRICTION_CODE: Record<AccountRestriction, string> = { password: 'PASSWORD_CHANGE_REQUIRED', pin: 'PIN_CHANGE_REQUIRED' }

/** A session with a temporary secret is refused (403) by every guarded route but those of its own account that let it. */
function heldBack(subject: Subject, policy: RoutePolicy): AccountRestriction | null {
  const restriction = subject.restriction
  if (!restriction || policy.kind === 'public' || policy.kind === 'pos-key') return null
  return policy.kind === 'signed-in' && policy.whileTemporary?.includes(restriction) ? null : restriction
}

function buildRequest(route: RouteInfo, storeId: string | null, cookie: string | null) {
  const values = known(storeId ?? 'st-a1')
  let url = fillPath(route.path, values)
  const headers: Record<string, string> = {}
  if (cookie) headers.cookie = cookie
  const init: RequestInit = { method: route.method, headers }
  if (WRITE_METHODS.has(route.method)) {
    headers['content-type'] = 'application/json'
    headers['idempotency-key'] = randomUUID()
    init.body = '{}'
  } else {
    const query = requiredQuery(doc, route.operation, values).toString()
    if (query) url += `?${query}`
  }
  return { url, init }
}

async function send(target: App, route: RouteInfo, storeId: string | null, cookie: string | null) {
  const { url, init } = buildRequest(route, storeId, cookie)
  const res = await target.request(url, init)
  const text = await res.text()
  let body: any = null
  try {
    body = text ? JSON.parse(text) : null
  } catch {
    body = text
  }
  return { url, status: res.status, body }
}

/** Every `storeId` in a response that is not the requested store, with where it was found. */
function foreignStoreIds(value: unknown, storeId: string, path: string[] = []): Array<{ path: string[]; storeId: unknown }> {
  if (Array.isArray(value)) return value.flatMap((v, i) => foreignStoreIds(v, storeId, [...path, String(i)]))
  if (!value || typeof value !== 'object') return []
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => [
    ...(k === 'storeId' && v !== storeId ? [{ path: [...path, k], storeId: v }] : []),
    ...foreignStoreIds(v, storeId, [...path, k]),
  ])
}

/**
 * Every `id` in a response that the population step created in another store (a row of that store
 * shown here), with where it was found — whatever the row calls its store (storeId, fromStore, …).
 */
function foreignRowIds(value: unknown, storeId: string, path: string[] = []): Array<{ path: string[]; id: string; storeId: string }> {
  if (Array.isArray(value)) return value.flatMap((v, i) => foreignRowIds(v, storeId, [...path, String(i)]))
  if (!value || typeof value !== 'object') return []
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => {
    const home = k === 'id' && typeof v === 'string' ? createdIn.get(v) : undefined
    return [...(home && home !== storeId ? [{ path: [...path, k], id: v as string, storeId: home }] : []), ...foreignRowIds(v, storeId, [...path, k])]
  })
}

/** A transfer belongs to both stores: the sender created it, the receiver lists it as incoming. */
const SHARED_ROWS: Record<string, string[]> = {
  'GET /api/stores/:storeId/transfers': ['transfers'],
}

const DENIAL_CODE: Record<number, string> = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND' }

describe('route matrix: the routes themselves', () => {
  it('finds the app routes (the enumeration is not vacuous)', () => {
    const ids = routes.map((r) => r.id)
    expect(ids).toContain('GET /api/stores/:storeId/items/lookup')
    expect(ids).toContain('POST /api/auth/login')
    expect(ids).toContain('GET /api/openapi.json')
    expect(routes.length).toBeGreaterThanOrEqual(9)
  })

  it('every route has exactly one policy-tagged guard (a new route without one fails here)', () => {
    expect(untagged(routes).map((r) => `${r.id} → ${r.policies.length} policy tags`)).toEqual([])
  })

  it('the OpenAPI document and the docs page are public on purpose', () => {
    const docs = routes.find((r) => r.id === 'GET /api/docs')
    expect(docs?.policy).toEqual({ kind: 'public' })
    expect(routes.find((r) => r.id === 'GET /api/openapi.json')?.policy).toEqual({ kind: 'public' })
  })

  it('a session with a temporary secret reaches only its own account: me, sign-out and replacing its secrets', () => {
    const open = (restriction: AccountRestriction) =>
      routes.filter((r) => r.policy?.kind === 'signed-in' && r.policy.whileTemporary?.includes(restriction)).map((r) => r.id)
    const sorted = (ids: string[]) => [...ids].sort((a, b) => a.localeCompare(b))
    expect(open('password')).toEqual(sorted(['GET /api/me', 'POST /api/auth/logout', 'POST /api/me/password']))
    expect(open('pin')).toEqual(sorted(['GET /api/me', 'POST /api/auth/logout', 'POST /api/me/password', 'POST /api/me/pin']))
  })

  it('every store-scoped route takes its store from the path (/stores/:storeId/…)', () => {
    expect(routes.filter((r) => r.policy?.kind === 'store' && !r.params.includes('storeId')).map((r) => r.id)).toEqual([])
  })

  it('negative control: an app with an unguarded route is caught', () => {
    const rogue = createApp({ database })
    const extra = new OpenAPIHono<AppEnv>()
      .openapi(
        createRoute({ method: 'get', path: '/stores/{storeId}/secret', middleware: [storeGuard('audit.read')] as const, responses: { 200: { description: 'ok' } } }),
        (c) => c.json({ ok: true }, 200),
      )
      .get('/stores/:storeId/forgotten', (c) => c.json({ leaked: true }, 200))
    rogue.route('/api', extra)
    const found = untagged(listRoutes(rogue)).map((r) => r.id)
    expect(found).toEqual(['GET /api/stores/:storeId/forgotten'])
    // And the expectation for the guarded one follows the policy table: a clerk in scope gets 403.
    expect(expected({ kind: 'store', action: 'audit.read' }, [{ role: 'clerk', storeId: 'st-a1', regionId: null }], { id: 'st-a1', regionId: 'rg-a' })).toBe(403)
  })
})

/** Runs one route through the whole matrix; returns the problems found (empty = the route is sound). */
async function checkRoute(target: App, route: RouteInfo): Promise<string[]> {
  if (!route.policy) return [`${route.id} has ${route.policies.length} policy tags; every route needs exactly one`]
  const policy = route.policy
  const relations: Array<Relation | null> = route.params.includes('storeId') ? [...RELATIONS] : [null]
  const cells: Cell[] = subjects.flatMap((subject) =>
    relations.map((relation) => {
      const restriction = heldBack(subject, policy)
      return restriction
        ? { subject, relation, expect: 403 as const, code: RESTRICTION_CODE[restriction] }
        : { subject, relation, expect: expected(policy, subject.grants, relation ? storeRef(relation.storeId) : null) }
    }),
  )
  const problems: string[] = []
  const label = (cell: Cell, url: string) => `${cell.subject.name} @ ${cell.relation?.name ?? '-'}: ${route.method} ${url}`

  // 1. Denials: the exact status and code, and they change nothing at all.
  const before = await fingerprint(database)
  for (const cell of cells.filter((c) => c.expect !== 'allowed')) {
    const storeId = cell.relation?.storeId ?? null
    const res = await send(target, route, storeId, cell.subject.cookie)
    const code = res.body?.error?.code
    const wanted = cell.code ?? DENIAL_CODE[cell.expect as number]
    if (res.status !== cell.expect || code !== wanted) {
      problems.push(`${label(cell, res.url)} → ${res.status} ${code ?? ''}, expected ${cell.expect} ${wanted}`)
    } else if (cell.expect === 404 && policy.kind === 'store' && res.body?.error?.details?.storeId !== storeId) {
      // The 404 must come from the store scope check, not from a dummy id further down.
      problems.push(`${label(cell, res.url)} → 404 but not for the store: ${JSON.stringify(res.body)}`)
    }
  }
  const after = await fingerprint(database)
  if (after !== before) problems.push('a denied request changed the database')

  // 2. Allowed: anything but 401/403 (the dummy body may well be 400/404/422), never 5xx; no leaks.
  for (const cell of cells.filter((c) => c.expect === 'allowed')) {
    const storeId = cell.relation?.storeId ?? null
    // Writes may end the session (sign-out) or rotate it: each gets a fresh one.
    const cookie = cell.subject.userId && WRITE_METHODS.has(route.method) ? await mintSession(app, cell.subject.userId) : cell.subject.cookie
    const res = await send(target, route, storeId, cookie)
    if (res.status === 401 || res.status === 403 || res.status >= 500) {
      problems.push(`${label(cell, res.url)} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}, expected to be allowed`)
      continue
    }
    if (route.method === 'GET' && res.status === 200 && policy.kind === 'store' && storeId) {
      const region = storeRef(storeId)!.regionId
      for (const leak of foreignStoreIds(res.body, storeId)) {
        const allowedField = CROSS_STORE_FIELDS[route.id]?.includes(leak.path[0]!)
        const sameRegion = storeRef(String(leak.storeId))?.regionId === region
        if (!allowedField || !sameRegion) {
          problems.push(`${label(cell, res.url)} leaks a row of ${String(leak.storeId)} at ${leak.path.join('.')}`)
        }
      }
      for (const leak of foreignRowIds(res.body, storeId)) {
        if (SHARED_ROWS[route.id]?.includes(leak.path[0]!)) continue
        problems.push(`${label(cell, res.url)} shows ${leak.id}, created in ${leak.storeId}, at ${leak.path.join('.')}`)
      }
    }
  }
  return problems
}

describe('route matrix: route × caller × store relation', () => {
  for (const route of routes) {
    it(route.id, async () => {
      expect(await checkRoute(app, route)).toEqual([])
    })
  }

  it('negative control: a guard that is tagged but does not check, and leaking lists (by storeId and by row id), are caught', async () => {
    const b1Row = [...createdIn].find(([, store]) => store === 'st-b1')?.[0]
    expect(b1Row, 'the population step created a row in B1').toBeDefined()
    const rogue = createApp({ database, clock: app.deps.clock })
    const lying = tag(async (_c, next) => next(), { kind: 'store', action: 'audit.read' })
    rogue.route(
      '/api',
      new OpenAPIHono<AppEnv>()
        .get('/stores/:storeId/rogue-secret', lying, (c) => c.json({ secret: true }, 200))
        .get('/stores/:storeId/rogue-list', storeGuard('item.read'), (c) => c.json({ rows: [{ storeId: 'st-b1' }, { storeId: c.req.param('storeId') }] }, 200))
        // A row that names its store differently (no storeId key): caught by its id.
        .get('/stores/:storeId/rogue-rows', storeGuard('item.read'), (c) => c.json({ rows: [{ id: b1Row, fromStore: { code: 'B1' } }] }, 200)),
    )
    const rogueRoutes = listRoutes(rogue).filter((r) => r.path.includes('/rogue-'))
    const secret = await checkRoute(rogue, rogueRoutes.find((r) => r.path.endsWith('rogue-secret'))!)
    expect(secret.some((p) => p.startsWith('unauthenticated @ own store') && p.includes('→ 200'))).toBe(true)
    expect(secret.some((p) => p.startsWith('clerk @ own store') && p.includes('expected 403'))).toBe(true)
    expect(secret.some((p) => p.startsWith('clerk @ other region') && p.includes('expected 404'))).toBe(true)
    const list = await checkRoute(rogue, rogueRoutes.find((r) => r.path.endsWith('rogue-list'))!)
    expect(list.some((p) => p.includes('leaks a row of st-b1'))).toBe(true)
    const rows = await checkRoute(rogue, rogueRoutes.find((r) => r.path.endsWith('rogue-rows'))!)
    expect(rows.some((p) => p.includes(`shows ${b1Row}, created in st-b1`))).toBe(true)
  })
})
