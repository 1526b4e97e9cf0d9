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
let admin: Session, manager: Session, regional: Session, auditor: Session

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  app = createTestApp(database)
  const sessions = await Promise.all((['admin', 'manager', 'regional', 'auditor'] as const).map((k) => signIn(app, fx.users[k].employeeNo)))
  ;[admin, manager, regional, auditor] = sessions as [Session, Session, Session, Session]
})

const CHAIN = { leadMax: 5000, storeManagerMax: 50000, allowNegativeStockroom: false, recountUnits: 10, recountValue: 10000, escalateAfterHours: 48 }

async function events(action: string) {
  return database.db.all<{ entity_id: string; store_id: string | null; actor_user_id: string; before: string | null; after: string | null }>(
    sql`SELECT entity_id, store_id, actor_user_id, before, after FROM audit_events WHERE action = ${action} ORDER BY seq`,
  )
}

/** A DELETE without a body: the browser sends Origin (hono/csrf refuses a bodiless write without it). */
const SAME_ORIGIN = { headers: { origin: 'http://localhost' } }

describe('reading the tier policy', () => {
  it("the chain's policy: its row, who changed it last, and the defaults", async () => {
    const res = await call(app, manager, 'GET', '/api/tier-policy')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      source: 'chain',
      effective: CHAIN,
      chain: { id: 'tp-chain', ...CHAIN, updatedAt: fx.now, updatedBy: null, updatedByName: null },
      defaults: CHAIN,
    })
  })

  it('a store without its own row follows the chain, and says so', async () => {
    const res = await call(app, manager, 'GET', '/api/stores/st-a1/tier-policy')
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ storeId: 'st-a1', source: 'chain', effective: CHAIN, store: null, chain: { id: 'tp-chain' } })
  })

  it('an override set by the administrator is what the store reads; untouched optional fields keep their values', async () => {
    const put = await call(app, admin, 'PUT', '/api/stores/st-a2/tier-policy', { body: { leadMax: 2000, storeManagerMax: 30000, allowNegativeStockroom: true, escalateAfterHours: 12 } })
    expect(put.status).toBe(200)
    const res = await call(app, regional, 'GET', '/api/stores/st-a2/tier-policy')
    expect(res.status).toBe(200)
    const own = { leadMax: 2000, storeManagerMax: 30000, allowNegativeStockroom: true, recountUnits: 10, recountValue: 10000, escalateAfterHours: 12 }
    expect(res.body).toMatchObject({ storeId: 'st-a2', source: 'store', effective: own, store: { ...own, updatedBy: fx.users.admin.id, updatedByName: 'Ada Admin' }, chain: { id: 'tp-chain' } })
    // The other stores are not affected.
    expect((await call(app, regional, 'GET', '/api/stores/st-a1/tier-policy')).body.source).toBe('chain')
  })

  it('removing the override brings the chain back; audited with the removed row; a second removal is a no-op', async () => {
    const res = await call(app, admin, 'DELETE', '/api/stores/st-a2/tier-policy', SAME_ORIGIN)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ removed: true, storeId: 'st-a2', source: 'chain', effective: CHAIN, store: null })
    expect((await call(app, auditor, 'GET', '/api/stores/st-a2/tier-policy')).body).toMatchObject({ source: 'chain', effective: CHAIN, store: null })

    const [event, ...more] = await events('policy.tier_removed')
    expect(more).toEqual([])
    expect(event).toMatchObject({ store_id: 'st-a2', actor_user_id: fx.users.admin.id })
    expect(JSON.parse(event!.before!)).toMatchObject({ storeId: 'st-a2', leadMax: 2000, escalateAfterHours: 12 })
    expect(JSON.parse(event!.after!)).toMatchObject({ appliesNow: 'chain', leadMax: 5000, escalateAfterHours: 48 })

    const again = await call(app, admin, 'DELETE', '/api/stores/st-a2/tier-policy', SAME_ORIGIN)
    expect(again.status).toBe(200)
    expect(again.body).toMatchObject({ removed: false, source: 'chain' })
    expect(await events('policy.tier_removed')).toHaveLength(1)
    await assertInvariants(database)
  })

  it('without a chain row the defaults apply, and the answer says so', async () => {
    await database.client.execute(`DELETE FROM tier_policies WHERE store_id IS NULL`)
    try {
      const chain = await call(app, auditor, 'GET', '/api/tier-policy')
      expect(chain.body).toMatchObject({ source: 'default', chain: null, effective: CHAIN })
      const store = await call(app, manager, 'GET', '/api/stores/st-a1/tier-policy')
      expect(store.body).toMatchObject({ source: 'default', store: null, chain: null, effective: CHAIN })
    } finally {
      await database.client.execute({ sql: `INSERT INTO tier_policies (id, store_id, lead_max, store_manager_max, updated_at) VALUES ('tp-chain', NULL, 5000, 50000, ?)`, args: [fx.now] })
    }
  })
})
