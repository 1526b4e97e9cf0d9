import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createTestApp } from '../support/app'
import { createTestDatabase } from '../support/db'
import { createFixture } from '../support/fixtures'
import { fingerprint } from '../support/invariants'
import {
  WRITE_METHODS,
  bodySchema,
  encode,
  example,
  expected,
  fieldsNamed,
  fillPath,
  isNumeric,
  isString,
  listRoutes,
  loadOpenApi,
  mintSession,
  requiredQuery,
  setAt,
  type RouteInfo,
} from './route-matrix.support'
import { defaultHttpConfig } from '../../server/app'
import { loadGrants } from '../../server/core/access/load-access'

/**
 * Bad input on every endpoint (RELIABILITY.md "Bad input"): each request below gets a clear 4xx —
 * never a 5xx — and a refused request leaves the database fingerprint unchanged. Routes come from
 * `app.routes` and their schemas from the OpenAPI document, so new endpoints are covered as they land.
 *
 * BACKSTORE_FUZZ_RUNS sets the generated junk bodies per write route (default 300 to keep CI fast;
 * RELIABILITY.md asks 10,000: `BACKSTORE_FUZZ_RUNS=10000 npx vitest run test/api/bad-input.security.test.ts`).
 */
const FUZZ_RUNS = Number(process.env.BACKSTORE_FUZZ_RUNS ?? 300)

const database = await createTestDatabase()
const fx = await createFixture(database)
const app = createTestApp(database)
const doc = await loadOpenApi(app)
const routes = listRoutes(app, doc)
const writeRoutes = routes.filter((r) => WRITE_METHODS.has(r.method))
const getRoutes = routes.filter((r) => r.method === 'GET' && r.policy)
const LIMIT = 64 * 1024

// ---------------------------------------------------------------------------------------------
// Who may call a route (so that the request reaches validation and the handler).

const CANDIDATES = ['manager', 'lead', 'stockroom', 'clerk', 'regional', 'admin', 'auditor'] as const
const grants = Object.fromEntries(await Promise.all(CANDIDATES.map(async (k) => [k, await loadGrants(database.db, fx.users[k].id)] as const)))
const A1 = { id: 'st-a1', regionId: 'rg-a' }

/** The fixture user allowed on the route at store A1; null for public routes; undefined if nobody can (POS keys). */
function actorFor(route: RouteInfo): string | null | undefined {
  const policy = route.policy
  if (!policy || policy.kind === 'pos-key') return undefined
  if (policy.kind === 'public') return null
  const who = CANDIDATES.find((k) => expected(policy, grants[k]!, A1) === 'allowed')
  return who ? fx.users[who].id : undefined
}

/**
 * One session per caller, minted up front. A write that was accepted may have ended it (sign-out),
 * so it is replaced right then — before the caller's next request takes its baseline.
 */
const cookies = new Map<string, string>()
for (const k of CANDIDATES) cookies.set(fx.users[k].id, await mintSession(app, fx.users[k].id))
const cookieFor = (userId: string | null | undefined) => (userId ? cookies.get(userId) : undefined)

const KNOWN = {
  storeId: 'st-a1',
  itemId: 'it-milk',
  locationId: 'st-a1-stockroom',
  code: fx.barcodes[0]!.barcode,
  q: 'milk',
  quantity: 1,
  quantityDelta: -1,
  reasonCode: 'damaged',
  note: 'bad input',
}

// ---------------------------------------------------------------------------------------------
// Sending, and "refused → nothing changed".

type Sent = { status: number; body: any; text: string; url: string }

async function send(
  route: RouteInfo,
  options: { body?: string; contentType?: string | null; headers?: Record<string, string>; params?: Record<string, string>; query?: string; as?: string | null },
): Promise<Sent> {
  const as = options.as === undefined ? actorFor(route) : options.as
  const cookie = cookieFor(as)
  let url = fillPath(route.path, { ...KNOWN, ...options.params })
  if (options.query !== undefined) url += options.query ? `?${options.query}` : ''
  const headers: Record<string, string> = { ...(cookie ? { cookie } : {}), ...options.headers }
  if (WRITE_METHODS.has(route.method)) {
    headers['idempotency-key'] ??= randomUUID()
    if (options.contentType !== null) headers['content-type'] ??= options.contentType ?? 'application/json'
  }
  const res = await app.request(url, { method: route.method, headers, body: options.body })
  const text = await res.text()
  let body: any = null
  try {
    body = text ? JSON.parse(text) : null
  } catch {
    body = text
  }
  if (res.status < 400 && WRITE_METHODS.has(route.method) && as) cookies.set(as, await mintSession(app, as))
  return { status: res.status, body, text, url }
}

/** Failed sign-ins and step-ups are recorded on purpose (lockout counter, audit): refused, yet a change. */
const RECORDED_REFUSALS = new Set(['INVALID_CREDENTIALS', 'ACCOUNT_LOCKED', 'RATE_LIMITED'])

/**
 * Tracks the database across a run of requests: after every refused request it must equal the last
 * accepted state. The full fingerprint is taken only when the writer ran a command (cheap check first),
 * and once more at the end, which also catches a write that bypassed the writer.
 */
class NothingChanged {
  #baseline = ''
  #commands = 0
  problems: string[] = []
  async reset() {
    this.#baseline = await fingerprint(database)
    this.#commands = app.deps.writer.stats.commands
  }
  async after(res: Sent, what: string) {
    if (res.status >= 500) this.problems.push(`${what} → ${res.status} ${res.text.slice(0, 200)}`)
    if (res.status >= 400 && res.status < 500 && typeof res.body?.error?.code !== 'string') this.problems.push(`${what} → ${res.status} without an error code: ${res.text.slice(0, 120)}`)
    if (res.status < 400 || RECORDED_REFUSALS.has(res.body?.error?.code)) return this.reset()
    if (app.deps.writer.stats.commands === this.#commands) return
    if ((await fingerprint(database)) !== this.#baseline) {
      this.problems.push(`${what} → ${res.status} but the database changed`)
      await this.reset()
    }
    this.#commands = app.deps.writer.stats.commands
  }
  async finish(what: string) {
    if ((await fingerprint(database)) !== this.#baseline) this.problems.push(`${what}: the database changed during refused requests`)
    return this.problems
  }
}

const issuePaths = (res: Sent): string[] => (res.body?.error?.details?.issues ?? []).map((i: { path: string }) => i.path)
const label = (route: RouteInfo, what: string) => `${route.id} [${what}]`

/** Registers a test only where it applies (no wall of "skipped" for routes without such fields). */
const itWhere = (applies: boolean) => (applies ? it : ((() => undefined) as unknown as typeof it))

// ---------------------------------------------------------------------------------------------
// The nasty values.

const deep = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)
/** A body just over the route's limit: 64 KB everywhere, 1 MiB for the delivery CSV import (server/app.ts). */
const IMPORT_LIMIT = defaultHttpConfig.importBodyLimit
const overLimitFor = (route: RouteInfo) => JSON.stringify({ note: 'x'.repeat(route.id === 'POST /api/stores/:storeId/deliveries/import' ? IMPORT_LIMIT : LIMIT) })

const QUANTITIES: Array<[string, string]> = [
  ['0', '0'],
  ['-0', '-0'],
  ['1.5', '1.5'],
  ['1e308', '1e308'],
  ['2^53', String(2 ** 53)],
  ['"3"', '"3"'],
  ['true', 'true'],
  ['null', 'null'],
  ['[]', '[]'],
  ['{}', '{}'],
]

/** Codes a person types or scans, and the tricks people (or scanners) play with them. */
const CODES: Record<string, string> = {
  unknown: '4000000000999',
  empty: '',
  '10 KB': '4'.repeat(10 * 1024),
  NFC: 'Caf\u00e9',
  NFD: 'Cafe\u0301',
  'zero-width': `4000000\u200b00000${fx.barcodes[0]!.barcode.at(-1)}`,
  'RTL override': `\u202e${fx.barcodes[0]!.barcode}`,
  homoglyph: 'SKU-\u041e\u041e\u041e1', // Cyrillic О
  NUL: `${fx.barcodes[0]!.barcode}\u0000`,
  'lone surrogate': '\ud800',
  'LIKE wildcards': '%_%',
  'LIKE prefix': 'SKU-%',
  'SQL string': "' OR '1'='1",
  'SQL drop': "'; DROP TABLE items; --",
  'FTS syntax': '"milk" OR * NEAR(',
}

const CODE_FIELD = /^(sku|barcode|code|itemId|itemCode)$/i
const QUANTITY_FIELD = /^(quantity|qty|quantityDelta|delta|counted|countedQty)$/i
const EXTRA_FIELDS = ['status', 'confirmedBy', 'storeId', 'enteredBy', 'decidedBy']

// ---------------------------------------------------------------------------------------------

describe('bad input: every write route', () => {
  it('has write routes to test (the enumeration is not vacuous)', () => {
    expect(writeRoutes.map((r) => r.id)).toContain('POST /api/auth/login')
    expect(writeRoutes.length).toBeGreaterThanOrEqual(4)
  })

  it('negative control: the checks notice a 5xx, a refusal without a code, and a refused request that changed something', async () => {
    const check = new NothingChanged()
    await check.reset()
    const refused = (status: number, body: unknown): Sent => ({ status, body, text: JSON.stringify(body), url: '' })
    await check.after(refused(500, { error: { code: 'INTERNAL' } }), 'boom')
    await check.after(refused(400, 'plain text'), 'no code')
    await app.deps.writer.run((tx) => tx.run(sql`UPDATE stores SET city = city || '!' WHERE id = 'st-b1'`))
    await check.after(refused(400, { error: { code: 'VALIDATION_FAILED' } }), 'sneaky')
    // A change that bypasses the writer is caught by the final comparison.
    await database.client.execute("UPDATE stores SET city = 'München' WHERE id = 'st-b1'")
    const problems = await check.finish('control')
    expect(problems).toEqual([
      'boom → 500 {"error":{"code":"INTERNAL"}}',
      'no code → 400 without an error code: "plain text"',
      'sneaky → 400 but the database changed',
      'control: the database changed during refused requests',
    ])
  })

  for (const route of writeRoutes) {
    const schema = bodySchema(doc, route.operation)
    const takesBody = schema !== undefined
    const actor = actorFor(route)

    describe(route.id, () => {
      it('refuses malformed, duplicate-key, deep, oversized and non-JSON bodies before anything happens', async () => {
        const check = new NothingChanged()
        await check.reset()
        const overLimit = overLimitFor(route)
        const cases: Array<[string, Parameters<typeof send>[1], number, string?]> = [
          ['malformed JSON', { body: '{"a":' }, 400, 'MALFORMED_JSON'],
          ['trailing garbage', { body: '{} x' }, 400, 'MALFORMED_JSON'],
          ['duplicate keys', { body: '{"a":1,"a":2}' }, 400, 'VALIDATION_FAILED'],
          ['nested duplicate keys', { body: '{"lines":[{"quantity":1,"quantity":1000}]}' }, 400, 'VALIDATION_FAILED'],
          ['depth 100', { body: deep(100) }, 400, 'VALIDATION_FAILED'],
          ['array depth 100', { body: '['.repeat(100) + ']'.repeat(100) }, 400, 'VALIDATION_FAILED'],
          ['__proto__ key', { body: '{"__proto__":{"admin":true}}' }, 400, 'VALIDATION_FAILED'],
          ['constructor key', { body: '{"constructor":{"prototype":{}}}' }, 400, 'VALIDATION_FAILED'],
          ['over the limit', { body: overLimit }, 413, 'PAYLOAD_TOO_LARGE'],
          ['over the limit (Content-Length)', { body: overLimit, headers: { 'content-length': String(overLimit.length) } }, 413, 'PAYLOAD_TOO_LARGE'],
          ['text/plain', { body: '{}', contentType: 'text/plain', headers: { origin: 'http://localhost' } }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
          ['form', { body: 'a=1', contentType: 'application/x-www-form-urlencoded', headers: { origin: 'http://localhost' } }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
          ['multipart', { body: '--x\r\n\r\n--x--', contentType: 'multipart/form-data; boundary=x', headers: { origin: 'http://localhost' } }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
          ['application/xml', { body: '<a/>', contentType: 'application/xml' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
          ['application/jsonx', { body: '{}', contentType: 'application/jsonx' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
          ['JSON body, no content type', { body: '{}', contentType: null, headers: { origin: 'http://localhost' } }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
        ]
        // Also as the caller who may use the route, and anonymously (the guard runs before sign-in checks).
        for (const as of [actor, null]) {
          for (const [what, options, status, code] of cases) {
            const res = await send(route, { ...options, as })
            await check.after(res, label(route, what))
            if (res.status !== status || (code && res.body?.error?.code !== code)) {
              check.problems.push(`${label(route, what)} as ${as ?? 'anonymous'} → ${res.status} ${res.body?.error?.code ?? res.text.slice(0, 80)}, expected ${status} ${code ?? ''}`)
            }
          }
        }
        expect(await check.finish(route.id)).toEqual([])
      })

      itWhere(takesBody && actor !== undefined)('refuses an empty body and extra fields (status, confirmedBy, storeId, …) with 400', async () => {
        const check = new NothingChanged()
        await check.reset()
        const base = example(doc, schema, KNOWN, { optionals: true }) as Record<string, unknown>
        const empty = await send(route, { body: '' })
        await check.after(empty, label(route, 'empty body'))
        if (route.operation?.requestBody?.required && (empty.status < 400 || empty.status >= 500)) check.problems.push(`${label(route, 'empty body')} → ${empty.status}`)
        const declared = new Set(Object.keys(schema?.properties ?? {}))
        for (const field of EXTRA_FIELDS.filter((f) => !declared.has(f))) {
          const res = await send(route, { body: JSON.stringify({ ...base, [field]: field === 'storeId' ? 'st-b1' : 'u-admin' }) })
          await check.after(res, label(route, `extra ${field}`))
          if (res.status !== 400 || !res.text.includes(field)) check.problems.push(`${label(route, `extra field ${field}`)} → ${res.status} ${res.text.slice(0, 160)}`)
        }
        expect(await check.finish(route.id)).toEqual([])
      })

      const quantityFields = takesBody ? fieldsNamed(doc, schema, QUANTITY_FIELD).filter((f) => isNumeric(f.schema)) : []
      itWhere(quantityFields.length > 0 && actor !== undefined)(`refuses bad quantities (${quantityFields.map((f) => f.path.join('.')).join(', ')})`, async () => {
        const check = new NothingChanged()
        await check.reset()
        const base = example(doc, schema, KNOWN, { optionals: true })
        for (const field of quantityFields) {
          // Zero is a real answer where the schema's range holds it (a count of an empty shelf; a count entry may also be
          // negative, correcting the counter's own total); otherwise refused. Signed scan quantities refuse 0 by a
          // refinement the document does not show: their own tests cover it (deliveries/transfers error tests, take-back).
          const zeroAllowed = typeof field.schema.minimum === 'number' && field.schema.minimum <= 0 && field.schema.exclusiveMinimum === undefined
          for (const [what, raw] of QUANTITIES.filter(([w]) => !(zeroAllowed && (w === '0' || w === '-0')))) {
            const marker = `__quantity_${randomUUID()}__`
            const body = JSON.stringify(setAt(base, field.path, marker)).replace(`"${marker}"`, raw)
            const res = await send(route, { body })
            await check.after(res, label(route, `${field.path.join('.')} = ${what}`))
            const name = String(field.path.at(-1))
            const namesField = issuePaths(res).some((p) => p.split('.').includes(name)) || issuePaths(res).length === 0
            if (res.status !== 400 || !namesField) {
              check.problems.push(`${label(route, `${field.path.join('.')} = ${what}`)} → ${res.status} ${res.text.slice(0, 160)}`)
            }
          }
        }
        expect(await check.finish(route.id)).toEqual([])
      })

      const codeFields = takesBody ? fieldsNamed(doc, schema, CODE_FIELD).filter((f) => isString(f.schema)) : []
      itWhere(codeFields.length > 0 && actor !== undefined)(`answers tricky SKUs/barcodes with a clear 4xx (${codeFields.map((f) => f.path.join('.')).join(', ')})`, async () => {
        const check = new NothingChanged()
        await check.reset()
        for (const field of codeFields) {
          for (const [what, value] of Object.entries(CODES)) {
            // Only this field names the item (routes may insist on exactly one of itemId/barcode/sku).
            let base = example(doc, schema, KNOWN, { optionals: true })
            for (const other of codeFields) if (other !== field) base = setAt(base, other.path, undefined)
            const res = await send(route, { body: JSON.stringify(setAt(base, field.path, value)) })
            await check.after(res, label(route, `${field.path.join('.')} ${what}`))
            if (res.status < 400 || res.status >= 500) check.problems.push(`${label(route, `${field.path.join('.')} ${what}`)} → ${res.status} ${res.text.slice(0, 160)}`)
          }
        }
        expect(await check.finish(route.id)).toEqual([])
      })

      // A route that declares no body never reads it: past the shared guard, junk only repeats one path.
      const junkRuns = takesBody ? FUZZ_RUNS : Math.min(FUZZ_RUNS, 50)
      it(`never answers 5xx to generated junk bodies (fc.json(), ${junkRuns} runs)`, async () => {
        const check = new NothingChanged()
        await check.reset()
        await fc.assert(
          fc.asyncProperty(fc.json({ maxDepth: 4 }), async (body) => {
            const res = await send(route, { body })
            await check.after(res, label(route, `junk ${body.slice(0, 60)}`))
            return res.status < 500
          }),
          { numRuns: junkRuns },
        )
        expect(await check.finish(route.id)).toEqual([])
      })

      const fields = takesBody ? fieldsNamed(doc, schema, /./) : []
      itWhere(fields.length > 0 && actor !== undefined && route.policy?.kind !== 'public')(
        `never answers 5xx when one field of a plausible body is replaced by junk (${FUZZ_RUNS} runs)`,
        async () => {
          const check = new NothingChanged()
          await check.reset()
          const base = example(doc, schema, KNOWN, { optionals: true })
          await fc.assert(
            fc.asyncProperty(fc.constantFrom(...fields), fc.jsonValue({ maxDepth: 3 }), async (field, junk) => {
              const body = JSON.stringify(setAt(base, field.path, junk))
              const res = await send(route, { body })
              await check.after(res, label(route, `${field.path.join('.')} = ${JSON.stringify(junk)?.slice(0, 60)}`))
              return res.status < 500
            }),
            { numRuns: FUZZ_RUNS },
          )
          expect(await check.finish(route.id)).toEqual([])
        },
      )
    })
  }
})

describe('bad input: every GET route', () => {
  for (const route of getRoutes) {
    const actor = actorFor(route)
    if (actor === undefined) continue
    const query = route.operation?.parameters?.filter((p) => p.in === 'query') ?? []
    const base = requiredQuery(doc, route.operation, KNOWN)

    it(`${route.id}: bad query and path parameters get a clear 4xx, never 5xx, and change nothing`, async () => {
      const check = new NothingChanged()
      await check.reset()
      const attempt = async (what: string, queryString: string, params: Record<string, string> = {}, allowed: (status: number) => boolean = () => true) => {
        const res = await send(route, { query: queryString, params })
        await check.after(res, label(route, what))
        if (!allowed(res.status)) check.problems.push(`${label(route, what)} ${res.url.slice(0, 120)} → ${res.status} ${res.text.slice(0, 120)}`)
      }
      const withParam = (name: string, value: string) => {
        const q = new URLSearchParams(base)
        q.delete(name)
        return [q.toString(), `${encodeURIComponent(name)}=${encode(value)}`].filter(Boolean).join('&')
      }

      await attempt('unknown parameter', [base.toString(), 'nope=1'].filter(Boolean).join('&'))
      await attempt('__proto__ parameter', [base.toString(), '__proto__=1&constructor=x'].filter(Boolean).join('&'))
      await attempt('10 KB query', [base.toString(), `x=${'a'.repeat(10 * 1024)}`].filter(Boolean).join('&'))
      for (const p of query) {
        const schema = p.schema ?? {}
        await attempt(`${p.name} repeated`, `${withParam(p.name, String(base.get(p.name) ?? '1'))}&${p.name}=2`)
        if (isNumeric(schema)) {
          for (const bad of ['abc', '1.5', '1e999', 'NaN', 'Infinity', '0x10', '99999999999999999999999', '-1', '']) {
            const mustRefuse = ['abc', 'NaN', 'Infinity', '1e999', '99999999999999999999999'].includes(bad) || (bad === '1.5' && schema.type === 'integer')
            await attempt(`${p.name}=${bad}`, withParam(p.name, bad), {}, (s) => (mustRefuse ? s === 400 : s < 500))
          }
        }
        if (schema.enum) await attempt(`${p.name} not in enum`, withParam(p.name, 'definitely-not-a-value'), {}, (s) => s === 400)
        if (isString(schema)) {
          const lookup = CODE_FIELD.test(p.name)
          for (const [what, value] of Object.entries(CODES)) {
            // A look-up by code answers 400 (malformed) or 404 (no such item); a search may find nothing (200).
            await attempt(`${p.name} ${what}`, withParam(p.name, value), {}, (s) => (lookup ? s === 400 || s === 404 : s < 500))
          }
        }
      }
      for (const param of route.params.filter((p) => p !== 'storeId')) {
        for (const [what, value] of Object.entries(CODES)) {
          if (value === '') continue // an empty segment is another path
          await attempt(`:${param} ${what}`, base.toString(), { [param]: value }, (s) => s === 400 || s === 404)
        }
      }
      expect(await check.finish(route.id)).toEqual([])
    })
  }

  it('answers the look-up of every tricky code without a match (no normalization, wildcard or injection finds an item)', async () => {
    const route = getRoutes.find((r) => r.id === 'GET /api/stores/:storeId/items/lookup')!
    for (const [what, value] of Object.entries(CODES)) {
      const res = await send(route, { query: `code=${encode(value)}` })
      expect([400, 404], `${what} → ${res.status}`).toContain(res.status)
    }
  })
})
