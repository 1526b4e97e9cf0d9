import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { call, createTestApp, signIn, type Session, type TestApp } from '../support/app'
import { createTestDatabase } from '../support/db'
import { createFixture, type Fixture } from '../support/fixtures'
import { assertInvariants } from '../support/invariants'

let database: Database
let app: TestApp
let fx: Fixture
let manager: Session
let lead: Session
let stockroom: Session
let stockroom2: Session
let regional: Session

const base = '/api/stores/st-a1'

async function stock(kind: string, itemId: string) {
  const [row] = await database.db.all<{ q: number }>(sql`SELECT COALESCE(SUM(b.quantity), 0) AS q FROM balances b JOIN locations l ON l.id = b.location_id
    WHERE b.store_id = 'st-a1' AND b.item_id = ${itemId} AND l.kind = ${kind}`)
  return Number(row!.q)
}

/** Moves stock stockroom → floor through the real replenishment API (a movement posted while counting). */
async function pick(id: string, itemId: string, quantity: number) {
  expect((await call(app, lead, 'POST', `${base}/replenishment/requests`, { body: { id, itemId, quantity } })).status).toBe(201)
  expect((await call(app, lead, 'POST', `${base}/replenishment/requests/${id}/done`, { body: { quantity } })).status).toBe(200)
}

const enter = (session: Session, countId: string, body: object) => call(app, session, 'POST', `${base}/counts/${countId}/entries`, { body })

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  app = createTestApp(database)
  manager = await signIn(app, fx.users.manager.employeeNo)
  lead = await signIn(app, fx.users.lead.employeeNo)
  stockroom = await signIn(app, fx.users.stockroom.employeeNo)
  stockroom2 = await signIn(app, fx.users.stockroom2.employeeNo)
  regional = await signIn(app, fx.users.regional.employeeNo)
})

describe('a blind cycle count with movements while counting', () => {
  let countId: string
  let correctionId: string

  it('the manager opens a cycle count of three items in the stockroom', async () => {
    const res = await call(app, manager, 'POST', `${base}/counts`, {
      body: { kind: 'cycle', location: 'stockroom', items: [{ itemId: 'it-milk' }, { sku: 'SKU-0002' }, { barcode: fx.barcodes[2]!.barcode }] },
    })
    expect(res.status).toBe(201)
    countId = res.body.count.id
    expect(res.body.count).toMatchObject({ kind: 'cycle', status: 'open', location: { kind: 'stockroom' }, progress: { lines: 3, counted: 0, recount: 0 } })
  })

  it('two devices count at once; entries add up; a retried entry counts once', async () => {
    const sheet = await call(app, lead, 'GET', `${base}/counts/${countId}/sheet`)
    expect(sheet.status).toBe(200)
    expect(sheet.body.total).toBe(3)
    expect(sheet.body.lines.map((l: { item: { id: string } }) => l.item.id).sort()).toEqual(['it-coffee', 'it-milk', 'it-shampoo'])

    // 5 milk go to the floor after the count started, before anyone counted milk: expected becomes 45.
    await pick('pick-during-count-1', 'it-milk', 5)
    expect((await enter(lead, countId, { id: 'entry-milk-lead', itemId: 'it-milk', quantity: 20, device: 'scanner-1' })).status).toBe(201)
    expect((await enter(stockroom, countId, { id: 'entry-milk-stan', barcode: fx.barcodes[0]!.barcode, quantity: 23, device: 'scanner-2' })).status).toBe(201)
    const retry = await enter(stockroom, countId, { id: 'entry-milk-stan', barcode: fx.barcodes[0]!.barcode, quantity: 23, device: 'scanner-2' })
    expect(retry.status).toBe(200)
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    // 3 more milk leave after milk was counted: that must not become a variance.
    await pick('pick-during-count-2', 'it-milk', 3)

    expect((await enter(lead, countId, { id: 'entry-coffee-1', itemId: 'it-coffee', quantity: 50 })).status).toBe(201)
    expect((await enter(lead, countId, { id: 'entry-shampoo-1', itemId: 'it-shampoo', quantity: 48 })).status).toBe(201)

    const mine = await call(app, lead, 'GET', `${base}/counts/${countId}/sheet`)
    expect(mine.body.lines.find((l: { item: { id: string } }) => l.item.id === 'it-milk').myEntered).toBe(20)
    const progress = await call(app, stockroom2, 'GET', `${base}/counts/${countId}`)
    expect(progress.body.count.progress).toEqual({ lines: 3, counted: 3, recount: 0 })
  })

  it('the review shows expected as of counting time, so sales and picks during the count are no variance', async () => {
    const res = await call(app, manager, 'GET', `${base}/counts/${countId}/review`)
    expect(res.status).toBe(200)
    const byItem = Object.fromEntries(res.body.lines.map((l: { item: { id: string } }) => [l.item.id, l]))
    expect(byItem['it-milk']).toMatchObject({ expectedAtStart: 50, movedSinceStart: -5, expected: 45, counted: 43, variance: -2, varianceValue: -178, needsRecount: false })
    expect(byItem['it-coffee']).toMatchObject({ expected: 50, counted: 50, variance: 0 })
    expect(byItem['it-shampoo']).toMatchObject({ expected: 50, counted: 48, variance: -2 })
    expect(byItem['it-milk'].counters.map((c: { id: string }) => c.id).sort()).toEqual([fx.users.lead.id, fx.users.stockroom.id].sort())
    expect(res.body.totals).toMatchObject({ lines: 3, counted: 3, withVariance: 2, varianceUnits: 4 })
  })

  it('submitting enters ONE pending correction with the variances, linked to the count; stock is unchanged until confirmed', async () => {
    const res = await call(app, manager, 'POST', `${base}/counts/${countId}/submit`, { body: {} })
    expect(res.status).toBe(200)
    expect(res.body.outcome).toBe('submitted')
    expect(res.body.count.status).toBe('submitted')
    correctionId = res.body.correctionId
    expect(res.body.count.correctionId).toBe(correctionId)

    const [correction] = await database.db.all<Record<string, unknown>>(sql`SELECT status, source, reason_code AS reasonCode, count_id AS countId,
      counted_by AS countedBy, entered_by AS enteredBy, value, tier FROM corrections WHERE id = ${correctionId}`)
    // The lead made most entries: the lead is the counter of record.
    expect(correction).toMatchObject({ status: 'pending', source: 'count', reasonCode: 'miscount', countId, countedBy: fx.users.lead.id, enteredBy: fx.users.manager.id, value: 2 * 89 + 2 * 199, tier: 'lead' })
    const lines = await database.db.all<{ itemId: string; delta: number; locationId: string }>(sql`SELECT item_id AS itemId, quantity_delta AS delta, location_id AS locationId
      FROM correction_lines WHERE correction_id = ${correctionId} ORDER BY item_id`)
    expect(lines).toEqual([
      { itemId: 'it-milk', delta: -2, locationId: fx.loc('st-a1', 'stockroom') },
      { itemId: 'it-shampoo', delta: -2, locationId: fx.loc('st-a1', 'stockroom') },
    ])
    expect(await stock('stockroom', 'it-milk')).toBe(42)

    const again = await call(app, manager, 'POST', `${base}/counts/${countId}/submit`, { body: {} })
    expect(again.status).toBe(200)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(again.body.correctionId).toBe(correctionId)
    const [n] = await database.db.all<{ n: number }>(sql`SELECT COUNT(*) AS n FROM corrections WHERE count_id = ${countId}`)
    expect(Number(n!.n)).toBe(1)
    await assertInvariants(database)
  })

  it('four eyes: the counter and the submitter cannot confirm; someone else can, and stock moves once', async () => {
    const confirm = (session: Session) => call(app, session, 'POST', `${base}/corrections/${correctionId}/confirm`, { body: { version: 1 } })
    const byCounter = await confirm(lead)
    expect(byCounter.status).toBe(403)
    expect(byCounter.body.error.code).toBe('COUNTER_CONFIRMATION')
    const bySubmitter = await confirm(manager)
    expect(bySubmitter.status).toBe(403)
    expect(bySubmitter.body.error.code).toBe('SELF_CONFIRMATION')
    const ok = await confirm(regional)
    expect(ok.status).toBe(200)
    expect(await stock('stockroom', 'it-milk')).toBe(40)
    expect(await stock('stockroom', 'it-shampoo')).toBe(48)
    await assertInvariants(database)
  })
})

describe('zero variance and the location / flagged / full kinds', () => {
  it('a count that matches produces no correction', async () => {
    const created = await call(app, manager, 'POST', `${base}/counts`, { body: { kind: 'cycle', location: 'floor', items: [{ itemId: 'it-tv' }] } })
    const countId = created.body.count.id
    expect((await enter(stockroom, countId, { id: 'entry-tv-floor', itemId: 'it-tv', quantity: 20 })).status).toBe(201)
    const res = await call(app, manager, 'POST', `${base}/counts/${countId}/submit`, { body: {} })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ outcome: 'submitted', correctionId: null })
  })

  it('a location count covers every item with stock there and takes items found that were not listed', async () => {
    const created = await call(app, manager, 'POST', `${base}/counts`, { body: { kind: 'location', location: 'quarantine' } })
    expect(created.status).toBe(422) // nothing in quarantine yet
    const floor = await call(app, manager, 'POST', `${base}/counts`, { body: { kind: 'location', location: 'floor', note: 'Monday floor walk' } })
    expect(floor.status).toBe(201)
    expect(floor.body.count.progress.lines).toBe(5)
    // A full stocktake waits for the other counts of the store (they would overlap it).
    const early = await call(app, manager, 'POST', `${base}/counts`, { body: { kind: 'full' } })
    expect(early.status).toBe(409)
    expect(early.body.error).toMatchObject({ code: 'COUNT_OVERLAP', details: { counts: [floor.body.count.id] } })
    expect((await call(app, manager, 'POST', `${base}/counts/${floor.body.count.id}/cancel`, { body: {} })).body.count.status).toBe('cancelled')
    const full = await call(app, manager, 'POST', `${base}/counts`, { body: { kind: 'full' } })
    expect(full.status).toBe(201)
    expect(full.body.count.location).toBeNull()
    expect(full.body.count.progress.lines).toBe(10)
    // A full count has two locations: an entry must say which.
    const noLocation = await enter(stockroom2, full.body.count.id, { id: 'entry-full-0001', itemId: 'it-tv', quantity: 1 })
    expect(noLocation.status).toBe(400)
    const ok = await enter(stockroom2, full.body.count.id, { id: 'entry-full-0002', itemId: 'it-tv', quantity: 1, locationId: fx.loc('st-a1', 'floor') })
    expect(ok.status).toBe(201)
    expect((await call(app, manager, 'POST', `${base}/counts/${full.body.count.id}/cancel`, { body: {} })).body.count.status).toBe('cancelled')
  })

  it('a flagged count covers items flagged for a count, and submitting clears the flag', async () => {
    await database.db.run(sql`UPDATE store_items SET count_flag = 'negative_floor', count_flagged_at = '2026-11-02T09:30:00.000Z' WHERE store_id = 'st-a1' AND item_id = 'it-drill'`)
    const created = await call(app, manager, 'POST', `${base}/counts`, { body: { kind: 'flagged', location: 'floor' } })
    expect(created.status).toBe(201)
    const countId = created.body.count.id
    expect(created.body.count.progress.lines).toBe(1)
    expect((await enter(stockroom2, countId, { id: 'entry-drill-flag', itemId: 'it-drill', quantity: 20 })).status).toBe(201)
    expect((await call(app, manager, 'POST', `${base}/counts/${countId}/submit`, { body: {} })).body.outcome).toBe('submitted')
    const [flag] = await database.db.all<{ countFlag: string | null }>(sql`SELECT count_flag AS countFlag FROM store_items WHERE store_id = 'st-a1' AND item_id = 'it-drill'`)
    expect(flag!.countFlag).toBeNull()
    await assertInvariants(database)
  })
})

describe('the recount rule', () => {
  it('sends a large variance to a recount by someone else; the recounted figure makes the correction', async () => {
    const created = await call(app, manager, 'POST', `${base}/counts`, { body: { kind: 'cycle', location: 'floor', items: [{ itemId: 'it-coffee' }, { itemId: 'it-milk' }] } })
    const countId = created.body.count.id
    // Coffee: 20 expected, 5 counted → 15 units (> 10) → recount. Milk: 20 + 8 picked = 28, counted 28.
    expect((await enter(stockroom, countId, { id: 'rc-coffee-r1', itemId: 'it-coffee', quantity: 5 })).status).toBe(201)
    expect((await enter(stockroom, countId, { id: 'rc-milk-r1', itemId: 'it-milk', quantity: 28 })).status).toBe(201)

    const first = await call(app, manager, 'POST', `${base}/counts/${countId}/submit`, { body: {} })
    expect(first.status).toBe(200)
    expect(first.body.outcome).toBe('recount')
    expect(first.body.recount.map((l: { itemId: string }) => l.itemId)).toEqual(['it-coffee'])
    expect(first.body.count).toMatchObject({ status: 'recount', progress: { recount: 1 } })

    const sheet = await call(app, stockroom2, 'GET', `${base}/counts/${countId}/sheet?recount=true`)
    expect(sheet.body.lines).toHaveLength(1)
    expect(sheet.body.lines[0]).toMatchObject({ item: { id: 'it-coffee' }, round: 2, recount: true, myEntered: 0 })

    const same = await enter(stockroom, countId, { id: 'rc-coffee-r2a', itemId: 'it-coffee', quantity: 18 })
    expect(same.status).toBe(403)
    expect(same.body.error.code).toBe('RECOUNT_SAME_COUNTER')
    // Lines that are not being recounted are closed for entries.
    expect((await enter(stockroom2, countId, { id: 'rc-milk-r2', itemId: 'it-milk', quantity: 1 })).status).toBe(409)
    // Submitting before the recount is done is refused.
    expect((await call(app, manager, 'POST', `${base}/counts/${countId}/submit`, { body: {} })).body.error.code).toBe('COUNT_INCOMPLETE')

    expect((await enter(stockroom2, countId, { id: 'rc-coffee-r2b', itemId: 'it-coffee', quantity: 18 })).status).toBe(201)
    const final = await call(app, manager, 'POST', `${base}/counts/${countId}/submit`, { body: {} })
    expect(final.body.outcome).toBe('submitted')
    const lines = await database.db.all<{ itemId: string; delta: number }>(sql`SELECT item_id AS itemId, quantity_delta AS delta FROM correction_lines
      WHERE correction_id = ${final.body.correctionId}`)
    expect(lines).toEqual([{ itemId: 'it-coffee', delta: -2 }])
    const [c] = await database.db.all<{ countedBy: string }>(sql`SELECT counted_by AS countedBy FROM corrections WHERE id = ${final.body.correctionId}`)
    expect(c!.countedBy).toBe(fx.users.stockroom2.id)
    await assertInvariants(database)
  })
})

describe('a flagged count also takes items with high shrink, and says why each is on it', () => {
  let db2: Database
  let app2: TestApp
  const who: Record<string, Session> = {}

  beforeAll(async () => {
    db2 = await createTestDatabase()
    const fx2 = await createFixture(db2)
    app2 = createTestApp(db2)
    for (const key of ['manager', 'stockroom', 'regional', 'lead'] as const) who[key] = await signIn(app2, fx2.users[key].employeeNo)
    // 12 milk written off as damaged, released by a second person: the roll-up counts it on confirmation.
    const entered = await call(app2, who.stockroom!, 'POST', '/api/stores/st-a1/corrections', {
      body: { id: '01930000-0000-7000-8000-00000000f1a9', reasonCode: 'damaged', lines: [{ locationId: fx2.loc('st-a1', 'stockroom'), itemId: 'it-milk', quantityDelta: -12 }] },
    })
    expect(entered.status, JSON.stringify(entered.body)).toBe(201)
    expect((await call(app2, who.regional!, 'POST', `/api/stores/st-a1/corrections/${entered.body.id}/confirm`, { body: { version: 1 } })).status).toBe(200)
    // A negative floor after sales (set as the till would).
    await db2.db.run(sql`UPDATE store_items SET count_flag = 'negative_floor', count_flagged_at = '2026-11-02T09:30:00.000Z' WHERE store_id = 'st-a1' AND item_id = 'it-tv'`)
  })

  it('the count-creation screen sees what a flagged count would cover and why', async () => {
    const res = await call(app2, who.manager!, 'GET', '/api/stores/st-a1/counts/flagged-items')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      items: [
        { item: { id: 'it-milk', sku: 'SKU-0001', name: 'Organic Whole Milk 1 L', category: 'Dairy' }, reasons: [{ kind: 'high_shrink', writeOffUnits: 12, writeOffValue: 1068, days: 30, since: '2026-10-04' }] },
        { item: { id: 'it-tv', sku: 'SKU-0005', name: 'Television 55 inch', category: 'Electronics' }, reasons: [{ kind: 'count_flag', flag: 'negative_floor', flaggedAt: '2026-11-02T09:30:00.000Z' }] },
      ],
      shrinkPolicy: { days: 30, units: 10, value: 10000 },
    })
    // Planning counts is the manager's: a lead may not look (403), nor a store outside one's scope (404).
    expect((await call(app2, who.lead!, 'GET', '/api/stores/st-a1/counts/flagged-items')).status).toBe(403)
    expect((await call(app2, who.manager!, 'GET', '/api/stores/st-b1/counts/flagged-items')).status).toBe(404)
  })

  it('opening the flagged count: both items, with their reasons in the answer (and in a replay)', async () => {
    const body = { id: 'flagged-count-001', kind: 'flagged', location: 'floor' }
    const created = await call(app2, who.manager!, 'POST', '/api/stores/st-a1/counts', { body })
    expect(created.status).toBe(201)
    expect(created.body.count).toMatchObject({ kind: 'flagged', progress: { lines: 2 } })
    expect(created.body.flagged.map((f: { item: { id: string }; reasons: Array<{ kind: string }> }) => [f.item.id, f.reasons.map((r) => r.kind)])).toEqual([
      ['it-milk', ['high_shrink']],
      ['it-tv', ['count_flag']],
    ])
    const replay = await call(app2, who.manager!, 'POST', '/api/stores/st-a1/counts', { body })
    expect(replay.status).toBe(200)
    expect(replay.body.flagged).toEqual(created.body.flagged)
    // Counters get the usual blind sheet: the reasons (and write-off figures) are the planner's.
    const sheet = await call(app2, who.stockroom!, 'GET', '/api/stores/st-a1/counts/flagged-count-001/sheet')
    expect(sheet.body.lines.map((l: { item: { id: string } }) => l.item.id).sort()).toEqual(['it-milk', 'it-tv'])
    expect(JSON.stringify(sheet.body)).not.toMatch(/shrink|1068/)
  })
})
