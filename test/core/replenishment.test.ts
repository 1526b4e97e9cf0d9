import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { createDeps } from '../../server/app'
import { fixedClock } from '../../server/core/clock'
import type { Ctx, Deps } from '../../server/core/context'
import { createCount } from '../../server/core/counts/create-count'
import { loadViewer, viewerFrom } from '../../server/core/items/blind-count'
import { applyMovements } from '../../server/core/ledger/apply-movements'
import { completePick } from '../../server/core/replenishment/complete-pick'
import { createRuleRequests } from '../../server/core/replenishment/create-rule-requests'
import { requestRefill } from '../../server/core/replenishment/request-refill'
import { createTestDatabase } from '../support/db'
import { createFixture } from '../support/fixtures'
import { assertInvariants } from '../support/invariants'

let database: Database
let deps: Deps
const store = { id: 'st-a1', regionId: 'rg-a' }
const as = (userId: string): Ctx => ({ ...deps, actor: { userId } })

beforeAll(async () => {
  database = await createTestDatabase()
  await createFixture(database)
  deps = createDeps({ database, clock: fixedClock('2026-11-02T10:00:00.000Z') })
})

const count = async (query: ReturnType<typeof sql>) => Number((await database.db.all<{ n: number }>(query))[0]!.n)

describe('replenishment under retries and races', () => {
  it('ten concurrent copies of one request create it once', async () => {
    const input = { id: 'req-conc-0001', itemId: 'it-milk', quantity: 4 }
    const results = await Promise.all(Array.from({ length: 10 }, () => requestRefill({ ctx: as('u-clerk'), store, input })))
    expect(results.filter((r) => !r.replayed)).toHaveLength(1)
    expect(await count(sql`SELECT COUNT(*) AS n FROM replenishment_requests WHERE item_id = 'it-milk'`)).toBe(1)
  })

  it('two clerks asking for the same item at once: one request, the other told it exists', async () => {
    const outcomes = await Promise.allSettled([
      requestRefill({ ctx: as('u-clerk'), store, input: { id: 'req-race-a001', itemId: 'it-coffee' } }),
      requestRefill({ ctx: as('u-stockroom'), store, input: { id: 'req-race-b001', itemId: 'it-coffee' } }),
    ])
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
    expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({ reason: { code: 'DUPLICATE' } })
  })

  it('ten concurrent "done" taps post one replenish movement', async () => {
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => completePick({ ctx: as('u-stockroom'), store, requestId: 'req-conc-0001', input: { quantity: 4 } })))
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true)
    expect(await count(sql`SELECT COUNT(*) AS n FROM movements WHERE doc_id = 'req-conc-0001'`)).toBe(1)
    await assertInvariants(database)
  })

  it('a done with another quantity after done is refused', async () => {
    await expect(completePick({ ctx: as('u-stockroom'), store, requestId: 'req-conc-0001', input: { quantity: 3 } })).rejects.toMatchObject({ code: 'INVALID_STATE' })
  })

  it('the rule run never duplicates an active request, even when run concurrently', async () => {
    await database.db.run(sql`UPDATE store_items SET shelf_min = 30, shelf_target = 40 WHERE store_id = 'st-a1'`)
    const runs = await Promise.all(Array.from({ length: 5 }, () => createRuleRequests({ ctx: as('u-stockroom'), store })))
    // Milk's floor is 24 now (< 30) and its earlier request is done; coffee has an open one already.
    expect(runs.flatMap((r) => r.created)).toHaveLength(4)
    expect(await count(sql`SELECT COUNT(*) AS n FROM replenishment_requests WHERE store_id = 'st-a1' AND status IN ('open', 'picking')`)).toBe(5)
    expect(await count(sql`SELECT COUNT(*) AS n FROM replenishment_requests WHERE item_id = 'it-coffee' AND status = 'open'`)).toBe(1)
  })
})

describe('blind counts: the same people are blind in replenishment as in the look-up', () => {
  const A2 = { id: 'st-a2', regionId: 'rg-a' }
  const asA2 = (userId: string): Ctx => ({ ...deps, actor: { userId } })

  it('who is blind: everyone without count.review, and reviewers who count the item', async () => {
    expect(viewerFrom([{ role: 'clerk', storeId: 'st-a1', regionId: null }], store, 'u-x').mayReview).toBe(false)
    expect(viewerFrom([{ role: 'stockroom', storeId: 'st-a1', regionId: null }], store, 'u-x').mayReview).toBe(false)
    expect(viewerFrom([{ role: 'lead', storeId: 'st-a1', regionId: null }], store, 'u-x').mayReview).toBe(true)
    expect(viewerFrom([{ role: 'lead', storeId: 'st-a2', regionId: null }], store, 'u-x').mayReview).toBe(false)
    expect(viewerFrom([{ role: 'regional_manager', storeId: null, regionId: 'rg-a' }], store, 'u-x').mayReview).toBe(true)
    expect(viewerFrom([{ role: 'lead', storeId: 'st-a1', regionId: null }], store, null).mayReview).toBe(false)
    expect(await loadViewer(database.db, store, 'u-lead')).toEqual({ userId: 'u-lead', mayReview: true })
    expect(await loadViewer(database.db, store, null)).toEqual({ userId: null, mayReview: false })
  })

  it('while counted: an empty stockroom is not announced, "too many" names no figure, rule requests skip no blind item', async () => {
    // Store A2: drill's stockroom emptied, then drill and TV put on a count.
    await database.db.transaction(async (tx) => {
      await applyMovements(tx, new Date('2026-11-02T10:00:00.000Z'), { userId: null }, [
        { storeId: 'st-a2', itemId: 'it-drill', fromLocationId: 'st-a2-stockroom', toLocationId: 'st-a2-floor', counterparty: null, quantity: 50, kind: 'replenish', docType: 'fixture', docId: 'blind-core' },
      ])
    })
    await database.db.run(sql`UPDATE store_items SET shelf_min = 100, shelf_target = 120 WHERE store_id = 'st-a2' AND item_id IN ('it-drill', 'it-tv')`)
    await createCount({ ctx: asA2('u-managerA2'), store: A2, input: { kind: 'cycle', location: 'stockroom', items: [{ itemId: 'it-drill' }, { itemId: 'it-tv' }] } })

    const asked = await requestRefill({ ctx: asA2('u-managerA2'), store: A2, input: { id: 'req-blind-drill1', itemId: 'it-drill' } })
    // A store manager may review counts and is not counting: sees it all, and the empty stockroom decides.
    expect(asked).toMatchObject({ stockroomAvailable: 0, request: { status: 'cannot_fill', blindCount: false, stock: { stockroom: 0 } } })

    // A clerk at A2 (granted here) may not review counts: blind for both items.
    await database.db.run(sql`INSERT INTO role_assignments (id, user_id, role, store_id, region_id, granted_at) VALUES ('ra-clerk-a2', 'u-clerk', 'clerk', 'st-a2', NULL, '2026-11-02T09:00:00.000Z')`)
    const tv = await requestRefill({ ctx: asA2('u-clerk'), store: A2, input: { id: 'req-blind-tv-001', itemId: 'it-tv', quantity: 3 } })
    expect(tv).toMatchObject({ stockroomAvailable: null, request: { status: 'open', stock: null, blindCount: true } })
    await database.db.run(sql`UPDATE replenishment_requests SET status = 'cancelled' WHERE id = 'req-blind-drill1'`)
    const drill = await requestRefill({ ctx: asA2('u-clerk'), store: A2, input: { id: 'req-blind-drill2', itemId: 'it-drill' } })
    expect(drill).toMatchObject({ stockroomAvailable: null, request: { status: 'open', cannotFillReason: null, stock: null } })

    await database.db.run(sql`INSERT INTO role_assignments (id, user_id, role, store_id, region_id, granted_at) VALUES ('ra-stock-a2', 'u-stockroom', 'stockroom', 'st-a2', NULL, '2026-11-02T09:00:00.000Z')`)
    const refused = completePick({ ctx: asA2('u-stockroom'), store: A2, requestId: 'req-blind-tv-001', input: { quantity: 999 } })
    await expect(refused).rejects.toMatchObject({ code: 'NEGATIVE_STOCK', details: { blindCount: true } })
    await expect(refused).rejects.not.toHaveProperty('details.available')
    await expect(refused).rejects.toSatisfy((e: Error) => !/\b50\b/.test(e.message))

    // Rule run by the clerk (blind): drill's empty stockroom is not a reason to skip it (TV has an active request).
    await database.db.run(sql`UPDATE replenishment_requests SET status = 'cancelled' WHERE id = 'req-blind-drill2'`)
    const rules = await createRuleRequests({ ctx: asA2('u-clerk'), store: A2 })
    expect(rules.skippedNoStock).toEqual([])
    expect(await count(sql`SELECT COUNT(*) AS n FROM replenishment_requests WHERE store_id = 'st-a2' AND item_id = 'it-drill' AND status = 'open' AND source = 'rule'`)).toBe(1)
    // The same run by someone who sees the figures skips the empty stockroom, as before.
    await database.db.run(sql`UPDATE replenishment_requests SET status = 'cancelled' WHERE store_id = 'st-a2' AND item_id = 'it-drill'`)
    expect((await createRuleRequests({ ctx: asA2('u-managerA2'), store: A2 })).skippedNoStock).toEqual(['it-drill'])
    await assertInvariants(database)
  })
})
