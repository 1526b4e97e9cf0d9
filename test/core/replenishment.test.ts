import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { createDeps } from '../../server/app'
import { fixedClock } from '../../server/core/clock'
import type { Ctx, Deps } from '../../server/core/context'
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
