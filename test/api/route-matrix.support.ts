import { randomUUID } from 'node:crypto'
import { defaultHttpConfig, type App } from '../../server/app'
import { ACTIONS, grantCovers, type Grant, type StoreRef } from '../../server/core/access/policy'
import { createSession } from '../../server/core/auth/sessions'
import type { RoutePolicy } from '../../server/http/guard'

/**
 * What the security tests (route matrix, bad input) know about the app's routes, read from the app
 * itself — `app.routes` and the OpenAPI document — so a route added tomorrow is covered without
 * touching the tests.
 */

export const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** Served without a guard on purpose (the OpenAPI document is public, like the docs page). */
export const UNGUARDED_PUBLIC = new Set(['GET /api/openapi.json'])

export type RouteInfo = {
  method: string
  /** Hono path, with the /api prefix: /api/stores/:storeId/items/:itemId */
  path: string
  id: string
  policies: RoutePolicy[]
  /** The one policy (undefined when the route has none or several: the matrix fails such routes). */
  policy: RoutePolicy | undefined
  params: string[]
  operation: OpenApiOperation | undefined
}

type Handler = { policy?: RoutePolicy }

/** Every (method, path) the app answers, with the policy tags of its guards. */
export function listRoutes(app: App, doc?: OpenApiDoc): RouteInfo[] {
  const byId = new Map<string, RouteInfo>()
  for (const route of app.routes) {
    if (route.method === 'ALL' || route.path.includes('*')) continue
    const id = `${route.method} ${route.path}`
    let info = byId.get(id)
    if (!info) {
      info = { method: route.method, path: route.path, id, policies: [], policy: undefined, params: pathParams(route.path), operation: undefined }
      byId.set(id, info)
    }
    const policy = (route.handler as Handler).policy
    if (policy) info.policies.push(policy)
  }
  for (const info of byId.values()) {
    info.policy = info.policies.length === 1 ? info.policies[0] : UNGUARDED_PUBLIC.has(info.id) ? { kind: 'public' } : undefined
    info.operation = doc ? operationOf(doc, info) : undefined
  }
  return [...byId.values()].filter((r) => r.path.startsWith('/api/')).sort((a, b) => a.id.localeCompare(b.id))
}

/** Routes that break the rule "exactly one guard, tagged with its policy". */
export const untagged = (routes: RouteInfo[]) => routes.filter((r) => r.policies.length !== 1 && !UNGUARDED_PUBLIC.has(r.id))

const PARAM = /:([A-Za-z0-9_]+)(\{[^}]*\})?\??/g

export const pathParams = (path: string) => [...path.matchAll(PARAM)].map((m) => m[1]!)

/** URL-encodes, also what encodeURIComponent refuses (a lone surrogate → its raw, invalid UTF-8 bytes). */
export function encode(value: string) {
  try {
    return encodeURIComponent(value)
  } catch {
    return [...value].map((ch) => (/[\ud800-\udfff]/.test(ch) ? '%ED%A0%80' : encodeURIComponent(ch))).join('')
  }
}

/** Fills `:name` segments; unknown names get `fallback`. Values are URL-encoded. */
export function fillPath(path: string, values: Record<string, unknown>, fallback = 'nonexistent') {
  return path.replace(PARAM, (_, name: string) => encode(String(values[name] ?? fallback)))
}

// ---------------------------------------------------------------------------------------------
// OpenAPI: request bodies and query parameters, to build plausible requests and find fields.

export type JsonSchema = {
  $ref?: string
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  allOf?: JsonSchema[]
  enum?: unknown[]
  const?: unknown
  pattern?: string
  format?: string
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number | boolean
  minItems?: number
  default?: unknown
  additionalProperties?: boolean | JsonSchema
}
export type OpenApiParameter = { name: string; in: string; required?: boolean; schema?: JsonSchema }
export type OpenApiOperation = {
  parameters?: OpenApiParameter[]
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> }
}
export type OpenApiDoc = { paths: Record<string, Record<string, OpenApiOperation>>; components?: { schemas?: Record<string, JsonSchema> } }

export async function loadOpenApi(app: App): Promise<OpenApiDoc> {
  const res = await app.request('/api/openapi.json')
  if (res.status !== 200) throw new Error(`openapi.json: ${res.status}`)
  return (await res.json()) as OpenApiDoc
}

function operationOf(doc: OpenApiDoc, route: { method: string; path: string }) {
  const path = route.path.replace(/^\/api/, '').replace(PARAM, (_, name: string) => `{${name}}`)
  return doc.paths[path]?.[route.method.toLowerCase()]
}

export function resolve(doc: OpenApiDoc, schema: JsonSchema | undefined): JsonSchema {
  let s = schema ?? {}
  for (let i = 0; s.$ref && i < 20; i++) s = doc.components?.schemas?.[s.$ref.replace('#/components/schemas/', '')] ?? {}
  if (s.allOf?.length) {
    const parts = s.allOf.map((p) => resolve(doc, p))
    return {
      ...s,
      allOf: undefined,
      type: 'object',
      properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})),
      required: parts.flatMap((p) => p.required ?? []),
    }
  }
  return s
}

export const bodySchema = (doc: OpenApiDoc, op: OpenApiOperation | undefined) =>
  op?.requestBody?.content?.['application/json']?.schema ? resolve(doc, op.requestBody.content['application/json'].schema) : undefined

const typesOf = (s: JsonSchema) => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : [])

/** Values that fixture-aware requests may use for well-known names. */
export type Known = Record<string, unknown>

const STRING_CANDIDATES = (known: Known, name: string) => [
  ...(known[name] !== undefined ? [known[name]] : []),
  randomUUID(),
  'abcdefgh-1234',
  '0190f3a4-7b1c-7d2e-8f3a-1b2c3d4e5f60',
  '4000000000009',
  '1234',
  'a',
  '2026-11-02T10:00:00.000Z',
  '2026-11-02',
  'note text',
]

/**
 * A plausible example value for a JSON schema: required properties (plus optional ones that have a
 * known value when `optionals` is set); known names take fixture values, strings are picked to fit
 * their pattern and length. Not guaranteed valid — the tests use it as a base to change one field
 * at a time, and the route matrix to create some rows in every store.
 */
export function example(doc: OpenApiDoc, schema: JsonSchema | undefined, known: Known = {}, options: { optionals?: boolean } = {}): unknown {
  const build = (schema: JsonSchema | undefined, name: string, depth: number): unknown => {
    const s = resolve(doc, schema)
    if (depth > 8) return null
    if (s.const !== undefined) return s.const
    if (s.enum?.length) return s.enum.find((v) => v !== null) ?? s.enum[0]
    const branches = s.anyOf ?? s.oneOf
    if (branches?.length) {
      const nonNull = branches.map((b) => resolve(doc, b)).find((b) => !typesOf(b).includes('null') || typesOf(b).length > 1)
      return build(nonNull ?? branches[0], name, depth + 1)
    }
    const type = typesOf(s).find((t) => t !== 'null') ?? (s.properties ? 'object' : undefined)
    switch (type) {
      case 'object': {
        const out: Record<string, unknown> = {}
        const keys = new Set([...(s.required ?? []), ...(options.optionals ? Object.keys(s.properties ?? {}).filter((k) => known[k] !== undefined) : [])])
        for (const key of keys) out[key] = build(s.properties?.[key], key, depth + 1)
        return out
      }
      case 'array': {
        if (known[name] !== undefined && Array.isArray(known[name])) return known[name]
        return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => build(s.items, name, depth + 1))
      }
      case 'integer':
      case 'number': {
        if (typeof known[name] === 'number') return known[name]
        const min = typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + 1 : (s.minimum ?? 1)
        return Math.min(Math.max(1, min), s.maximum ?? Number.MAX_SAFE_INTEGER)
      }
      case 'boolean':
        return typeof known[name] === 'boolean' ? known[name] : false
      case 'string': {
        const re = s.pattern ? new RegExp(s.pattern, 'u') : null
        const fits = (v: unknown) =>
          typeof v === 'string' && (!re || re.test(v)) && v.length >= (s.minLength ?? 0) && v.length <= (s.maxLength ?? Infinity)
        const pick = STRING_CANDIDATES(known, name).find(fits)
        if (pick !== undefined) return pick
        return 'x'.repeat(Math.max(1, s.minLength ?? 1))
      }
      default:
        return known[name] ?? null
    }
  }
  return build(schema, '', 0)
}

/** Paths (property name lists) to fields of a body schema whose names match `pattern`, with their schema. */
export function fieldsNamed(doc: OpenApiDoc, schema: JsonSchema | undefined, pattern: RegExp, path: Array<string | number> = [], depth = 0) {
  const found: Array<{ path: Array<string | number>; schema: JsonSchema }> = []
  const s = resolve(doc, schema)
  if (depth > 8) return found
  for (const branch of [...(s.anyOf ?? []), ...(s.oneOf ?? [])]) found.push(...fieldsNamed(doc, branch, pattern, path, depth + 1))
  if (s.items) found.push(...fieldsNamed(doc, s.items, pattern, [...path, 0], depth + 1))
  for (const [key, child] of Object.entries(s.properties ?? {})) {
    if (pattern.test(key)) found.push({ path: [...path, key], schema: resolve(doc, child) })
    found.push(...fieldsNamed(doc, child, pattern, [...path, key], depth + 1))
  }
  return found
}

/** Sets `value` at `path` in a copy of `body` (creating objects/arrays on the way). */
export function setAt(body: unknown, path: Array<string | number>, value: unknown): unknown {
  if (path.length === 0) return value
  const [head, ...rest] = path
  if (typeof head === 'number') {
    const arr = Array.isArray(body) ? [...body] : []
    arr[head] = setAt(arr[head], rest, value)
    return arr
  }
  const obj = body && typeof body === 'object' && !Array.isArray(body) ? { ...(body as Record<string, unknown>) } : {}
  obj[head!] = setAt(obj[head!], rest, value)
  return obj
}

export const isNumeric = (s: JsonSchema) => typesOf(s).some((t) => t === 'integer' || t === 'number')
export const isString = (s: JsonSchema) => typesOf(s).includes('string')

/** The required query parameters of a GET route, filled with plausible values. */
export function requiredQuery(doc: OpenApiDoc, op: OpenApiOperation | undefined, known: Known) {
  const query = new URLSearchParams()
  for (const p of op?.parameters ?? []) {
    if (p.in !== 'query' || !p.required) continue
    query.set(p.name, String(known[p.name] ?? example(doc, p.schema, known)))
  }
  return query
}

// ---------------------------------------------------------------------------------------------
// Sessions and expectations.

export const SESSION_COOKIE = 'bs_session'

/**
 * A session minted directly through the core (no sign-in endpoint: no Argon2 per subject, and no
 * per-IP sign-in limit). `ageMs` back-dates it; `lastSeenAgoMs` sets how long it has been idle.
 */
export async function mintSession(
  app: App,
  userId: string,
  options: { ageMs?: number; lastSeenAgoMs?: number; policy?: { idleMinutes: number; absoluteHours: number }; method?: 'password' | 'pin' } = {},
) {
  const now = app.deps.clock.now()
  const at = new Date(now.getTime() - (options.ageMs ?? 0))
  const policy = options.policy ?? defaultHttpConfig.session
  const { token, sessionId } = await app.deps.writer.run((tx) => createSession(tx, at, { userId, deviceId: null, method: options.method ?? 'password' }, policy))
  if (options.lastSeenAgoMs !== undefined) {
    const lastSeen = new Date(now.getTime() - options.lastSeenAgoMs).toISOString()
    await app.deps.database.client.execute({ sql: 'UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?', args: [lastSeen, sessionId] })
  }
  return `${SESSION_COOKIE}=${token}`
}

export type Expectation = 401 | 403 | 404 | 'allowed'

/**
 * What the policy table says should happen, computed from ACTIONS and grantCovers — independently of
 * the guards under test. `grants` is null for requests without a valid session.
 */
export function expected(policy: RoutePolicy, grants: Grant[] | null, store: StoreRef | null | undefined): Expectation {
  if (policy.kind === 'public') return 'allowed'
  if (policy.kind === 'pos-key') return 401 // no POS key is ever sent by these subjects
  if (grants === null) return 401
  if (policy.kind === 'signed-in') return 'allowed'
  const allowed: readonly string[] = ACTIONS[policy.action]
  if (policy.kind === 'chain') return grants.some((g) => allowed.includes(g.role)) ? 'allowed' : 403
  if (!store) return 404
  const covering = grants.filter((g) => grantCovers(g, store))
  if (covering.length === 0) return 404
  return covering.some((g) => allowed.includes(g.role)) ? 'allowed' : 403
}
