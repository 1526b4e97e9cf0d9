import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { call, createTestApp, signIn, type Session, type TestApp } from '../support/app'
import { createTestDatabase } from '../support/db'
import { createFixture, type Fixture } from '../support/fixtures'
import { assertInvariants } from '../support/invariants'
import { plantQueue } from './review-fixture'

let database: Database
let app: TestApp
let fx: Fixture
const sessions: Record<string, Session> = {}

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  await plantQueue(database, fx)
  // A2 escalates after 12 h (its own policy row); the chain after 48 h.
  await database.client.execute(`INSERT INTO tier_policies (id, store_id, lead_max, store_manager_max, escalate_after_hours, updated_at)
    VALUES ('tp-a2', 'st-a2', 5000, 50000, 12, '2026-10-01T00:00:00.000Z')`)
  app = createTestApp(database)
  for (const key of ['manager', 'regional', 'regionalB', 'auditor', 'lead'] as const) sessions[key] = await signIn(app, fx.users[key].employeeNo)
})

type Row = { id: string; storeId: string; mayDecide: boolean; overdue: boolean; value: number; escalatedAt: string | null; status: string }
const queue = async (who: string, query = '') => {
  const res = await call(app, sessions[who]!, 'GET', `/api/review/corrections${query ? `?${query}` : ''}`)
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body as { corrections: Row[]; nextCursor: string | null; window: { enteredFrom: string } | null }
}
const ids = (body: { corrections: Row[] }) => body.corrections.map((c) => c.id).sort()

describe('review queue: scope', () => {
  it('shows a regional manager exactly the stores of their region', async () => {
    const body = await queue('regional', 'limit=200')
    expect(new Set(body.corrections.map((c) => c.storeId))).toEqual(new Set(['st-a1', 'st-a2']))
    expect(ids(body)).toEqual(['c1', 'p1', 'p2', 'p3', 'p4', 'q1', 'r1'])
    expect(ids(await queue('regionalB'))).toEqual(['b1', 'b2'])
  })

  it('shows a store manager their store, and an auditor every store (deciding nothing)', async () => {
    expect(ids(await queue('manager'))).toEqual(['c1', 'p1', 'p2', 'p3', 'p4', 'r1'])
    const all = await queue('auditor', 'limit=200')
    expect(ids(all)).toEqual(['b1', 'b2', 'c1', 'p1', 'p2', 'p3', 'p4', 'q1', 'r1'])
    expect(all.corrections.every((c) => !c.mayDecide)).toBe(true)
  })

  it('limits history without a period to the last 31 days, and says so', async () => {
    const body = await queue('manager')
    expect(body.window).toEqual({ enteredFrom: '2026-10-02' })
    expect(ids(await queue('manager', 'enteredFrom=2026-07-01'))).toContain('old')
    expect((await queue('manager', 'status=pending')).window).toBeNull()
  })
})

describe('review queue: what each row is about', () => {
  it('names the items of each correction (first three, by line) next to its line count', async () => {
    const rows = (await queue('regional', 'status=pending')).corrections as Array<Row & { itemNames: string[]; lineCount: number }>
    const names = Object.fromEntries(rows.map((r) => [r.id, r.itemNames]))
    const items = Object.fromEntries((await database.client.execute(`SELECT id, name FROM items`)).rows.map((r) => [String(r.id), String(r.name)]))
    expect(names.p1).toEqual([items['it-milk']])
    expect(names.p2).toEqual([items['it-drill']])
    expect(rows.every((r) => r.lineCount === r.itemNames.length)).toBe(true)
  })
})

describe('review queue: what I may decide, and what is overdue', () => {
  it('marks mayDecide with the four-eyes rule and the tier', async () => {
    const mine = Object.fromEntries((await queue('manager', 'status=pending')).corrections.map((c) => [c.id, c.mayDecide]))
    // lead and store-manager tier yes; regional tier no; own correction never.
    expect(mine).toEqual({ p1: true, p2: true, p3: false, p4: false })
    const regional = Object.fromEntries((await queue('regional', 'status=pending')).corrections.map((c) => [c.id, c.mayDecide]))
    expect(regional).toEqual({ p1: true, p2: true, p3: true, p4: true, q1: true })
    const lead = Object.fromEntries((await queue('lead', 'status=pending')).corrections.map((c) => [c.id, c.mayDecide]))
    expect(lead).toEqual({ p1: true, p2: false, p3: false, p4: true })
  })

  it('flags pending corrections older than their store escalation age', async () => {
    const rows = (await queue('regional', 'status=pending')).corrections
    expect(rows.filter((r) => r.overdue).map((r) => r.id).sort()).toEqual(['p1', 'q1'])
    expect(ids(await queue('regional', 'overdue=true'))).toEqual(['p1', 'q1'])
  })
})

describe('review queue: filters, sorting, paging', () => {
  it.each([
    ['status=confirmed', ['c1']],
    ['status=pending,rejected&tier=regional_manager', ['p3']],
    ['reason=theft', ['c1', 'p2']],
    ['minValue=6900&maxValue=6900', ['p2']],
    [`enteredBy=u-manager`, ['p4']],
    [`decidedBy=u-lead`, ['c1']],
    ['status=pending&olderThanHours=48', ['p1']],
    ['decidedFrom=2026-10-20&decidedTo=2026-10-20', ['c1']],
    ['itemId=it-tv', ['p3']],
    ['category=Tools', ['p2']],
    ['writeOff=true&status=pending', ['p1', 'p2', 'p3']],
    ['ids=p1,p4,b1', ['p1', 'p4']],
    ['source=count', []],
  ])('%s', async (query, expected) => {
    expect(ids(await queue('manager', query))).toEqual(expected)
  })

  it('sorts by value, age and store', async () => {
    const byValue = (await queue('regional', 'status=pending&sort=value_desc')).corrections.map((c) => c.value)
    expect(byValue).toEqual([...byValue].sort((a, b) => b - a))
    expect((await queue('regional', 'status=pending&sort=oldest')).corrections[0]!.id).toBe('p1')
    expect((await queue('regional', 'status=pending&sort=newest')).corrections[0]!.id).toBe('p2')
    expect((await queue('regional', 'status=pending&sort=store')).corrections.map((c) => c.storeId)).toEqual(['st-a1', 'st-a1', 'st-a1', 'st-a1', 'st-a2'])
  })

  it.each(['oldest', 'newest', 'value_desc', 'value_asc', 'store'])('pages by keyset (%s) without gaps or repeats', async (sort) => {
    const all = (await queue('auditor', `sort=${sort}&limit=200`)).corrections.map((c) => c.id)
    const paged: string[] = []
    let cursor: string | null = null
    do {
      const page: Awaited<ReturnType<typeof queue>> = await queue('auditor', `sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      expect(page.corrections.length).toBeLessThanOrEqual(2)
      paged.push(...page.corrections.map((c) => c.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(paged).toEqual(all)
  })
})

describe('escalation', () => {
  it('records an audit event and shows it on the row', async () => {
    const res = await call(app, sessions.manager!, 'POST', '/api/review/corrections/p1/escalate', { body: { note: 'waiting since Friday' } })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toMatchObject({ id: 'p1', escalatedAt: '2026-11-02T10:00:00.000Z' })
    const [event] = await database.db.all<{ action: string; store_id: string; actor_user_id: string; after: string }>(
      sql`SELECT action, store_id, actor_user_id, after FROM audit_events WHERE seq = ${res.body.auditSeq}`,
    )
    expect(event).toMatchObject({ action: 'correction.escalated', store_id: 'st-a1', actor_user_id: fx.users.manager.id })
    expect(JSON.parse(event!.after)).toMatchObject({ note: 'waiting since Friday', overdue: true, ageHours: 72, tier: 'lead' })
    const row = (await queue('regional', 'ids=p1')).corrections[0]!
    expect(row.escalatedAt).toBe('2026-11-02T10:00:00.000Z')
    // Escalating changes no stock and decides nothing.
    expect(row.status).toBe('pending')
    // The queue filters on it: escalated ones, and the overdue ones nobody escalated yet.
    expect(ids(await queue('regional', 'escalated=true'))).toEqual(['p1'])
    expect(ids(await queue('regional', 'overdue=true&escalated=false'))).toEqual(['q1'])
    await assertInvariants(database)
  })

  it('works with an empty body too', async () => {
    const res = await call(app, sessions.regional!, 'POST', '/api/review/corrections/q1/escalate', { body: {} })
    expect(res.status).toBe(200)
  })
})
