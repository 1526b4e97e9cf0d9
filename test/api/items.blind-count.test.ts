import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { loadGrants } from '../../server/core/access/load-access'
import { applyMovements } from '../../server/core/ledger/apply-movements'
import { call, createTestApp, signIn, type Session, type TestApp } from '../support/app'
import { createTestDatabase } from '../support/db'
import { createFixture, type Fixture } from '../support/fixtures'
import { expected, fillPath, listRoutes, loadOpenApi, requiredQuery } from './route-matrix.support'

let database: Database
let app: TestApp
let fx: Fixture
let stockroom: Session
let lead: Session
let manager: Session

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  app = createTestApp(database)
  ;[stockroom, lead, manager] = await Promise.all([signIn(app, 'E1002'), signIn(app, 'E1003'), signIn(app, 'E1004')])
})

describe('blind counts do not leak through the item look-up', () => {
  it('hides stock and movements of a counted item from counters, and shows them again after the count', async () => {
    const before = await call(app, stockroom, 'GET', `/api/stores/st-a1/items/lookup?code=${fx.barcodes[1]!.barcode}`)
    expect(before.status).toBe(200)
    expect(before.body.stock.stockroom).toBe(50)
    expect(before.body.blindCount).toBe(false)

    const created = await call(app, manager, 'POST', '/api/stores/st-a1/counts', {
      body: { id: 'count-blind-0001', kind: 'cycle', location: 'stockroom', items: [{ itemId: 'it-coffee' }] },
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)

    // A counter (stockroom) sees the item, not its quantities — by barcode, by id, in search, in history.
    const lookup = await call(app, stockroom, 'GET', `/api/stores/st-a1/items/lookup?code=${fx.barcodes[1]!.barcode}`)
    expect(lookup.status).toBe(200)
    expect(lookup.body).toMatchObject({ item: { id: 'it-coffee' }, stock: null, blindCount: true, lastMovements: [] })
    const byId = await call(app, stockroom, 'GET', '/api/stores/st-a1/items/it-coffee')
    expect(byId.body).toMatchObject({ stock: null, blindCount: true })
    const search = await call(app, stockroom, 'GET', '/api/stores/st-a1/items/search?q=espresso')
    expect(search.body.items[0]).toMatchObject({ id: 'it-coffee', floor: null, stockroom: null })
    const history = await call(app, stockroom, 'GET', '/api/stores/st-a1/items/it-coffee/movements')
    expect(history.status).toBe(403)
    expect(history.body.error.code).toBe('BLIND_COUNT')
    // Items not on the count stay visible.
    const milk = await call(app, stockroom, 'GET', '/api/stores/st-a1/items/it-milk')
    expect(milk.body.stock.stockroom).toBe(50)

    // A reviewer who is not counting still sees them; once they count, they do not.
    expect((await call(app, lead, 'GET', '/api/stores/st-a1/items/it-coffee')).body.blindCount).toBe(false)
    const entry = await call(app, lead, 'POST', '/api/stores/st-a1/counts/count-blind-0001/entries', {
      body: { id: 'entry-blind-0001', itemId: 'it-coffee', quantity: 3 },
    })
    expect(entry.status, JSON.stringify(entry.body)).toBeLessThan(300)
    expect((await call(app, lead, 'GET', '/api/stores/st-a1/items/it-coffee')).body.blindCount).toBe(true)
  })
})

/**
 * The same rule everywhere else a counter looks: every GET route of the app (from `app.routes`, so a
 * new route is walked without editing this test) that a counter may call, plus the replenishment
 * answers they get to writes, must not carry the counted item's figures — nor numbers made from them.
 */
describe('blind counts do not leak through any route a counter can reach', () => {
  // Figures nobody types by chance: coffee at A1 while it is counted.
  const FLOOR = 6133
  const STOCKROOM = 7919
  const SHELF_MIN = 9000
  const SHELF_TARGET = 9500
  const SECRETS = [FLOOR, STOCKROOM, FLOOR + STOCKROOM, SHELF_TARGET - FLOOR, SHELF_MIN - FLOOR]
  const SECRET_TEXT = new RegExp(`(?<![\\w.-])(${SECRETS.join('|')})(?![\\w.])`)

  let db2: Database
  let app2: TestApp
  let fx2: Fixture
  const who: Record<string, Session> = {}
  const ids: Record<string, string> = {}
  const seen: Array<{ what: string; body: unknown }> = []

  /** Every secret number in a JSON value (as a number, or inside a string). */
  function leaks(value: unknown, path = '$'): string[] {
    if (typeof value === 'number') return SECRETS.includes(value) ? [`${path} = ${value}`] : []
    if (typeof value === 'string') return SECRET_TEXT.test(value) ? [`${path} = "${value.slice(0, 120)}"`] : []
    if (Array.isArray(value)) return value.flatMap((v, i) => leaks(v, `${path}[${i}]`))
    if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaks(v, `${path}.${k}`))
    return []
  }

  async function as(session: Session, method: string, path: string, body?: unknown) {
    const res = await call(app2, session, method, path, body === undefined ? {} : { body })
    seen.push({ what: `${method} ${path} → ${res.status}`, body: res.body })
    return res
  }

  beforeAll(async () => {
    db2 = await createTestDatabase()
    fx2 = await createFixture(db2)
    app2 = createTestApp(db2)
    for (const key of ['clerk', 'stockroom', 'lead', 'manager', 'regional'] as const) who[key] = await signIn(app2, fx2.users[key].employeeNo)
    // Coffee: odd figures after a pick of 10 below; the shelf minimum puts it on the suggestions.
    // Shampoo: an empty stockroom (all 50 went to the floor).
    await db2.db.transaction(async (tx) => {
      const line = (itemId: string, from: string | null, to: string | null, quantity: number, kind: 'opening' | 'replenish') => ({
        storeId: 'st-a1', itemId, fromLocationId: from, toLocationId: to, counterparty: from === null ? ('opening' as const) : null, quantity, kind, docType: 'fixture', docId: 'blind-walk',
      })
      await applyMovements(tx, new Date(fx2.now), { userId: null }, [
        line('it-coffee', null, fx2.loc('st-a1', 'floor'), FLOOR - 20 - 10, 'opening'),
        line('it-coffee', null, fx2.loc('st-a1', 'stockroom'), STOCKROOM - 50 + 10, 'opening'),
        line('it-shampoo', fx2.loc('st-a1', 'stockroom'), fx2.loc('st-a1', 'floor'), 50, 'replenish'),
      ])
    })
    await db2.db.run(sql`UPDATE store_items SET shelf_min = ${SHELF_MIN}, shelf_target = ${SHELF_TARGET} WHERE store_id = 'st-a1' AND item_id = 'it-coffee'`)

    // Before the count: a coffee refill asked and picked (its answer shows the figures then), and an open milk request.
    const done = await call(app2, who.clerk!, 'POST', '/api/stores/st-a1/replenishment/requests', { body: { id: 'walk-req-coffee-1', itemId: 'it-coffee', quantity: 10 } })
    expect(done.body.stockroomAvailable).toBe(STOCKROOM + 10)
    ids.done = done.body.request.id
    expect((await call(app2, who.stockroom!, 'POST', `/api/stores/st-a1/replenishment/requests/${ids.done}/done`, { body: { quantity: 10 } })).status).toBe(200)
    ids.milk = (await call(app2, who.clerk!, 'POST', '/api/stores/st-a1/replenishment/requests', { body: { id: 'walk-req-milk-01', itemId: 'it-milk', quantity: 3 } })).body.request.id

    const count = await call(app2, who.manager!, 'POST', '/api/stores/st-a1/counts', {
      body: { id: 'walk-count-0001', kind: 'cycle', location: 'stockroom', items: [{ itemId: 'it-coffee' }, { itemId: 'it-shampoo' }] },
    })
    expect(count.status, JSON.stringify(count.body)).toBe(201)
    ids.count = count.body.count.id
  })

  it('replenishment answers to writes carry no figure of the counted item', async () => {
    // Asked while counted: no stock in the answer, and no "stockroom empty" verdict either.
    const coffee = await as(who.clerk!, 'POST', '/api/stores/st-a1/replenishment/requests', { id: 'walk-req-coffee-2', itemId: 'it-coffee' })
    expect(coffee.status).toBe(201)
    expect(coffee.body).toMatchObject({ request: { status: 'open', stock: null, blindCount: true }, stockroomAvailable: null })
    ids.coffee = coffee.body.request.id
    const shampoo = await as(who.clerk!, 'POST', '/api/stores/st-a1/replenishment/requests', { id: 'walk-req-shampoo-1', itemId: 'it-shampoo' })
    expect(shampoo.body).toMatchObject({ request: { status: 'open', cannotFillReason: null, stock: null, blindCount: true }, stockroomAvailable: null })
    ids.shampoo = shampoo.body.request.id
    const replay = await as(who.clerk!, 'POST', '/api/stores/st-a1/replenishment/requests', { id: 'walk-req-coffee-2', itemId: 'it-coffee' })
    expect(replay.status).toBe(200)
    expect(replay.body.stockroomAvailable).toBeNull()

    // The picker: "I'm on it", then more than there is — refused, without saying how many there are.
    expect((await as(who.stockroom!, 'POST', `/api/stores/st-a1/replenishment/requests/${ids.coffee}/picking`, {})).body.request).toMatchObject({ stock: null, blindCount: true })
    const tooMany = await as(who.stockroom!, 'POST', `/api/stores/st-a1/replenishment/requests/${ids.coffee}/done`, { quantity: 99_999 })
    expect(tooMany.status).toBe(422)
    expect(tooMany.body.error).toMatchObject({ code: 'NEGATIVE_STOCK', details: { blindCount: true, requested: 99_999 } })
    expect(tooMany.body.error.details).not.toHaveProperty('available')
    const rules = await as(who.clerk!, 'POST', '/api/stores/st-a1/replenishment/suggestions/requests', {})
    expect(rules.status).toBe(200)

    // A lead may review counts, so sees the figures — until they count this one.
    const before = await call(app2, who.lead!, 'GET', '/api/stores/st-a1/replenishment/pick-list')
    expect(before.body.lines.find((l: { id: string }) => l.id === ids.coffee).stock).toEqual({ floor: FLOOR, stockroom: STOCKROOM })
    expect((await call(app2, who.lead!, 'POST', `/api/stores/st-a1/counts/${ids.count}/entries`, { body: { id: 'walk-entry-lead1', itemId: 'it-coffee', quantity: 5 } })).status).toBe(201)
  })

  it('walks every GET route a clerk, a stockroom worker and a counting lead may call', async () => {
    const doc = await loadOpenApi(app2)
    const routes = listRoutes(app2, doc).filter((r) => r.method === 'GET' && r.policy)
    const store = { id: 'st-a1', regionId: 'rg-a' }
    // Candidate values per path parameter; anything else gets a dummy (a 404 is an answer too).
    const candidates: Record<string, string[]> = {
      storeId: ['st-a1'],
      itemId: ['it-coffee', 'it-shampoo'],
      requestId: [ids.done!, ids.coffee!, ids.shampoo!, ids.milk!],
      countId: [ids.count!],
    }
    const extraQueries: Record<string, string[]> = {
      'GET /api/stores/:storeId/replenishment/requests': ['mine=true', 'status=active', 'status=done', 'mine=true&status=active'],
      'GET /api/stores/:storeId/items/search': ['q=espresso', 'q=SKU-0002', 'q=shampoo'],
      'GET /api/stores/:storeId/items/lookup': [`code=${fx2.barcodes[1]!.barcode}`, 'code=SKU-0002'],
    }
    const walked = new Set<string>()
    for (const key of ['clerk', 'stockroom', 'lead'] as const) {
      const grants = await loadGrants(db2.db, fx2.users[key].id)
      for (const route of routes) {
        if (expected(route.policy!, grants, route.params.includes('storeId') ? store : null) !== 'allowed') continue
        const combos = route.params.reduce<Array<Record<string, string>>>(
          (acc, name) => acc.flatMap((values) => (candidates[name] ?? ['nonexistent']).map((v) => ({ ...values, [name]: v }))),
          [{}],
        )
        const required = requiredQuery(doc, route.operation, { code: fx2.barcodes[1]!.barcode, q: 'espresso', itemId: 'it-coffee' }).toString()
        const queries = [required, ...(extraQueries[route.id] ?? [])]
        for (const values of combos) {
          for (const query of new Set(queries)) {
            const res = await as(who[key]!, 'GET', `${fillPath(route.path, values)}${query ? `?${query}` : ''}`)
            expect(res.status, `${key}: ${route.id}`).toBeLessThan(500)
            walked.add(route.id)
          }
        }
      }
    }
    // The walk is not vacuous: it reached the replenishment and look-up routes and saw answers.
    for (const id of [
      'GET /api/stores/:storeId/replenishment/pick-list',
      'GET /api/stores/:storeId/replenishment/requests',
      'GET /api/stores/:storeId/replenishment/requests/:requestId',
      'GET /api/stores/:storeId/replenishment/suggestions',
      'GET /api/stores/:storeId/items/lookup',
      'GET /api/stores/:storeId/counts/:countId/sheet',
    ]) expect(walked).toContain(id)
    const pick = seen.find((r) => r.what.startsWith('GET /api/stores/st-a1/replenishment/pick-list') && r.what.endsWith('200'))!.body as any
    expect(pick.lines.find((l: { id: string }) => l.id === ids.coffee)).toMatchObject({ stock: null, blindCount: true, toPick: null })
    // Milk is not counted: its figures stay (the redaction is per item, not a blanket).
    expect(pick.lines.find((l: { id: string }) => l.id === ids.milk)).toMatchObject({ stock: { floor: 20, stockroom: 50 }, blindCount: false, toPick: 3 })
    const suggestions = seen.find((r) => r.what.startsWith('GET /api/stores/st-a1/replenishment/suggestions') && r.what.endsWith('200'))!.body as any
    expect(suggestions.suggestions.find((s: { item: { id: string } }) => s.item.id === 'it-coffee')).toMatchObject({ floor: null, stockroom: null, suggestedQty: null, blindCount: true })

    expect(seen.length).toBeGreaterThan(40)
    expect(seen.flatMap((r) => leaks(r.body).map((leak) => `${r.what}: ${leak}`))).toEqual([])
  })

  it('negative control: someone who may see the figures gets them (so the walker would notice)', async () => {
    const list = await call(app2, who.regional!, 'GET', '/api/stores/st-a1/replenishment/requests?status=active')
    expect(leaks(list.body).length).toBeGreaterThan(0)
    const suggestions = await call(app2, who.manager!, 'GET', '/api/stores/st-a1/replenishment/suggestions')
    expect(leaks(suggestions.body)).toContain('$.suggestions[0].suggestedQty = 3367')
  })

  it('once the count is over the figures come back', async () => {
    const cancelled = await call(app2, who.manager!, 'POST', `/api/stores/st-a1/counts/${ids.count}/cancel`, { body: {} })
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200)
    const pick = await call(app2, who.stockroom!, 'GET', '/api/stores/st-a1/replenishment/pick-list')
    expect(pick.body.lines.find((l: { id: string }) => l.id === ids.coffee)).toMatchObject({ stock: { floor: FLOOR, stockroom: STOCKROOM }, blindCount: false })
    const tooMany = await call(app2, who.stockroom!, 'POST', `/api/stores/st-a1/replenishment/requests/${ids.coffee}/done`, { body: { quantity: 99_999 } })
    expect(tooMany.body.error.details.available).toBe(STOCKROOM)
  })
})
