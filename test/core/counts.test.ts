import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { createDeps } from '../../server/app'
import { fixedClock } from '../../server/core/clock'
import type { Ctx, Deps } from '../../server/core/context'
import { createCount } from '../../server/core/counts/create-count'
import { countLines } from '../../server/core/counts/queries'
import { recordEntry } from '../../server/core/counts/record-entry'
import { reviewCount } from '../../server/core/counts/review-count'
import { cancelCount, submitCount } from '../../server/core/counts/submit-count'
import { postReceipt } from '../../server/core/pos/post-receipt'
import { createTestDatabase } from '../support/db'
import { createFixture, type Fixture } from '../support/fixtures'
import { assertInvariants } from '../support/invariants'

let database: Database
let fx: Fixture
let deps: Deps
const clock = fixedClock('2026-11-02T10:00:00.000Z')
const store = { id: 'st-a1', regionId: 'rg-a' }
const as = (userId: string): Ctx => ({ ...deps, actor: { userId } })

let receipt = 0
async function sell(itemId: string, quantity: number, kind: 'sale' | 'return' = 'sale') {
  const sku = fx.items.find((i) => i.id === itemId)!.sku
  clock.advance(1000)
  await postReceipt({ ctx: { ...deps, actor: { userId: null, keyId: 'till-key-1' } }, store, input: { receiptId: `R-${++receipt}`, lines: [{ sku, quantity, kind }] } })
}

async function floor(itemId: string) {
  const [row] = await database.db.all<{ q: number }>(sql`SELECT quantity AS q FROM balances WHERE location_id = ${fx.loc('st-a1', 'floor')} AND item_id = ${itemId}`)
  return Number(row?.q ?? 0)
}

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  deps = createDeps({ database, clock })
})

describe('counting while the store sells', () => {
  it('sales and returns during the count do not become variances', async () => {
    const { count } = await createCount({ ctx: as('u-manager'), store, input: { kind: 'cycle', location: 'floor', items: [{ itemId: 'it-milk' }, { itemId: 'it-coffee' }, { itemId: 'it-shampoo' }] } })
    const line = (itemId: string, id: string, quantity: number, userId = 'u-stockroom') => {
      clock.advance(1000)
      return recordEntry({ ctx: as(userId), store, countId: count.id, input: { id, itemId, quantity } })
    }

    // Milk: 3 sold before it is counted, 2 more after. The shelf really holds 17 when counted.
    await sell('it-milk', 3)
    await line('it-milk', 'e-milk-00001', 17)
    await sell('it-milk', 2)
    // Coffee: counted in two goes on two devices; a sale and a return in between, all before the last go.
    await line('it-coffee', 'e-coffee-0001', 8)
    await sell('it-coffee', 4)
    await sell('it-coffee', 1, 'return')
    await line('it-coffee', 'e-coffee-0002', 9, 'u-stockroom2')
    // Shampoo: really 2 missing, plus sales after counting.
    await line('it-shampoo', 'e-shampoo-001', 18)
    await sell('it-shampoo', 5)

    const { lines } = await reviewCount({ ctx: as('u-lead'), store, countId: count.id })
    const byItem = Object.fromEntries(lines.map((l) => [l.item.id, l]))
    expect(byItem['it-milk']).toMatchObject({ expectedAtStart: 20, movedSinceStart: -3, expected: 17, counted: 17, variance: 0 })
    // Coffee is attributed to the moment of its last entry: 20 − 4 + 1 = 17 expected, 8 + 9 counted.
    expect(byItem['it-coffee']).toMatchObject({ expectedAtStart: 20, movedSinceStart: -3, expected: 17, counted: 17, variance: 0 })
    expect(byItem['it-shampoo']).toMatchObject({ expectedAtStart: 20, movedSinceStart: 0, expected: 20, counted: 18, variance: -2 })

    const result = await submitCount({ ctx: as('u-manager'), store, countId: count.id, input: {} })
    expect(result.outcome).toBe('submitted')
    const lines2 = await database.db.all<{ itemId: string; delta: number }>(sql`SELECT item_id AS itemId, quantity_delta AS delta FROM correction_lines WHERE correction_id = ${result.correctionId}`)
    expect(lines2).toEqual([{ itemId: 'it-shampoo', delta: -2 }])
    // Once the correction is confirmed the floor shows 15 − 2 = 13 shampoo: what is really there.
    expect(await floor('it-shampoo')).toBe(15)
    await assertInvariants(database)
  })

  it('a negative floor from sales is flagged, counted (and recounted: one TV is worth it) and set right by the count', async () => {
    await sell('it-tv', 25) // 20 on the floor → −5: the till is the truth
    expect(await floor('it-tv')).toBe(-5)
    const [flagged] = await database.db.all<{ f: string | null }>(sql`SELECT count_flag AS f FROM store_items WHERE store_id = 'st-a1' AND item_id = 'it-tv'`)
    expect(flagged!.f).toBe('negative_floor')
    const { count } = await createCount({ ctx: as('u-manager'), store, input: { kind: 'flagged', location: 'floor' } })
    expect(count.progress.lines).toBe(1)
    clock.advance(1000)
    await recordEntry({ ctx: as('u-stockroom'), store, countId: count.id, input: { id: 'e-tv-flagged', itemId: 'it-tv', quantity: 0 } })
    // +5 TVs = 1,995.00 € of variance: above the value threshold, so someone else recounts first.
    const first = await submitCount({ ctx: as('u-manager'), store, countId: count.id, input: {} })
    expect(first.outcome).toBe('recount')
    await expect(recordEntry({ ctx: as('u-stockroom'), store, countId: count.id, input: { id: 'e-tv-again', itemId: 'it-tv', quantity: 0 } })).rejects.toMatchObject({
      code: 'RECOUNT_SAME_COUNTER',
    })
    clock.advance(1000)
    await recordEntry({ ctx: as('u-stockroom2'), store, countId: count.id, input: { id: 'e-tv-recount', itemId: 'it-tv', quantity: 0 } })
    const result = await submitCount({ ctx: as('u-manager'), store, countId: count.id, input: {} })
    expect(result.outcome).toBe('submitted')
    const [line] = await database.db.all<{ delta: number }>(sql`SELECT quantity_delta AS delta FROM correction_lines WHERE correction_id = ${result.correctionId}`)
    expect(line!.delta).toBe(5)
    const [c] = await database.db.all<{ tier: string; countedBy: string }>(sql`SELECT tier, counted_by AS countedBy FROM corrections WHERE id = ${result.correctionId}`)
    expect(c).toEqual({ tier: 'regional_manager', countedBy: 'u-stockroom2' })
    const [flag] = await database.db.all<{ f: string | null }>(sql`SELECT count_flag AS f FROM store_items WHERE store_id = 'st-a1' AND item_id = 'it-tv'`)
    expect(flag!.f).toBeNull()
    await assertInvariants(database)
  })

  it('a location count takes items found there that the sheet did not list (expected 0 → found)', async () => {
    await database.db.run(sql`INSERT INTO items (id, sku, name, category, uom, unit_cost, price, active, created_at)
      VALUES ('it-new', 'SKU-0099', 'Sample Tea 20 bags', 'Tea', 'pcs', 150, 299, 1, '2026-11-02T09:00:00.000Z')`)
    const { count } = await createCount({ ctx: as('u-manager'), store, input: { kind: 'location', location: 'stockroom' } })
    expect(count.progress.lines).toBe(5)
    clock.advance(1000)
    const added = await recordEntry({ ctx: as('u-stockroom2'), store, countId: count.id, input: { id: 'e-tea-found', sku: 'SKU-0099', quantity: 2 } })
    expect(added.entry).toMatchObject({ itemId: 'it-new', round: 1, locationId: fx.loc('st-a1', 'stockroom') })
    const lines = await countLines(database.db, { id: count.id, storeId: 'st-a1', startMovementId: 0 }, 0)
    expect(lines.find((l) => l.itemId === 'it-new')).toMatchObject({ expectedAtStart: 0, counted: 2 })
    // Counts never overlap: milk in the stockroom is on this one until it is finished.
    await expect(createCount({ ctx: as('u-manager'), store, input: { kind: 'cycle', location: 'stockroom', items: [{ itemId: 'it-milk' }] } })).rejects.toMatchObject({
      code: 'COUNT_OVERLAP',
    })
    await cancelCount({ ctx: as('u-manager'), store, countId: count.id, input: {} })
    // A cycle count sticks to its chosen items.
    const cycle = await createCount({ ctx: as('u-manager'), store, input: { kind: 'cycle', location: 'stockroom', items: [{ itemId: 'it-milk' }] } })
    await expect(recordEntry({ ctx: as('u-stockroom2'), store, countId: cycle.count.id, input: { id: 'e-tea-cycle', sku: 'SKU-0099', quantity: 2 } })).rejects.toMatchObject({
      code: 'NOT_ON_DOCUMENT',
    })
    await cancelCount({ ctx: as('u-manager'), store, countId: cycle.count.id, input: {} })
  })

  it('uncounted lines block the submit unless the manager counts them as zero', async () => {
    const { count } = await createCount({ ctx: as('u-manager'), store, input: { kind: 'cycle', location: 'stockroom', items: [{ itemId: 'it-milk' }, { itemId: 'it-drill' }] } })
    clock.advance(1000)
    await recordEntry({ ctx: as('u-stockroom'), store, countId: count.id, input: { id: 'e-zero-milk', itemId: 'it-milk', quantity: 50 } })
    await expect(submitCount({ ctx: as('u-manager'), store, countId: count.id, input: {} })).rejects.toMatchObject({ code: 'COUNT_INCOMPLETE' })
    // 50 drills uncounted = 50 × 69.00 € → a recount first (value threshold), which must then be counted.
    const first = await submitCount({ ctx: as('u-manager'), store, countId: count.id, input: { uncountedAsZero: true } })
    expect(first.outcome).toBe('recount')
    await expect(submitCount({ ctx: as('u-manager'), store, countId: count.id, input: { uncountedAsZero: true } })).rejects.toMatchObject({ code: 'COUNT_INCOMPLETE' })
    clock.advance(1000)
    await recordEntry({ ctx: as('u-stockroom2'), store, countId: count.id, input: { id: 'e-zero-drill', itemId: 'it-drill', quantity: 50 } })
    const final = await submitCount({ ctx: as('u-manager'), store, countId: count.id, input: {} })
    expect(final).toMatchObject({ outcome: 'submitted', correctionId: null })
    await assertInvariants(database)
  })
})
