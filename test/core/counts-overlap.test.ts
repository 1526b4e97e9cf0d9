import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { createDeps } from '../../server/app'
import { fixedClock } from '../../server/core/clock'
import type { Ctx, Deps } from '../../server/core/context'
import { enterCorrection } from '../../server/core/corrections/enter-correction'
import { createCount, findOverlaps } from '../../server/core/counts/create-count'
import { recordEntry } from '../../server/core/counts/record-entry'
import { cancelCount, submitCount } from '../../server/core/counts/submit-count'
import { newId } from '../../server/core/ids'
import { createTestDatabase } from '../support/db'
import { createFixture, type Fixture } from '../support/fixtures'
import { fingerprint } from '../support/invariants'

let database: Database
let fx: Fixture
let deps: Deps
const clock = fixedClock('2026-11-02T10:00:00.000Z')
const store = { id: 'st-a1', regionId: 'rg-a' }
const as = (userId: string): Ctx => ({ ...deps, actor: { userId } })
const cycle = (location: string, ...itemIds: string[]) => ({ kind: 'cycle', location, items: itemIds.map((itemId) => ({ itemId })) })

/** Refused with COUNT_OVERLAP, and nothing at all changed. */
async function refused(input: object) {
  const before = await fingerprint(database)
  const error = await createCount({ ctx: as('u-manager'), store, input }).then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toMatchObject({ code: 'COUNT_OVERLAP' })
  expect(await fingerprint(database)).toBe(before)
  return error as { details: { overlaps: Array<{ itemId: string; locationKind: string; blockedBy: { type: string; id: string } }>; counts: string[]; corrections: string[] } }
}

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  deps = createDeps({ database, clock })
})

describe('counts never overlap', () => {
  it('an open count blocks its (location, item) lines; a count waiting for a recount still does', async () => {
    const { count } = await createCount({ ctx: as('u-manager'), store, input: cycle('stockroom', 'it-drill', 'it-tv') })
    const refusal = await refused(cycle('stockroom', 'it-tv', 'it-milk'))
    expect(refusal.details.overlaps).toEqual([expect.objectContaining({ itemId: 'it-tv', locationKind: 'stockroom', blockedBy: { type: 'count', id: count.id } })])
    // A TV short by 3 is worth a recount: the count stays open (status recount), and still blocks.
    clock.advance(1000)
    await recordEntry({ ctx: as('u-stockroom'), store, countId: count.id, input: { id: 'ov-tv-001', itemId: 'it-tv', quantity: 47 } })
    await recordEntry({ ctx: as('u-stockroom'), store, countId: count.id, input: { id: 'ov-drill-001', itemId: 'it-drill', quantity: 50 } })
    expect((await submitCount({ ctx: as('u-manager'), store, countId: count.id, input: {} })).outcome).toBe('recount')
    await refused(cycle('stockroom', 'it-tv'))
    // Cancelled, it blocks nothing.
    await cancelCount({ ctx: as('u-manager'), store, countId: count.id, input: {} })
    const next = await createCount({ ctx: as('u-manager'), store, input: cycle('stockroom', 'it-tv') })
    await cancelCount({ ctx: as('u-manager'), store, countId: next.count.id, input: {} })
  })

  it('a flagged count overlapping an open count is refused like any other', async () => {
    await database.db.run(sql`UPDATE store_items SET count_flag = 'negative_floor', count_flagged_at = '2026-11-02T09:30:00.000Z' WHERE store_id = 'st-a1' AND item_id = 'it-shampoo'`)
    const open = await createCount({ ctx: as('u-manager'), store, input: cycle('floor', 'it-shampoo') })
    const refusal = await refused({ kind: 'flagged' })
    expect(refusal.details.overlaps.map((o) => `${o.locationKind}:${o.itemId}`)).toEqual(['floor:it-shampoo'])
    await cancelCount({ ctx: as('u-manager'), store, countId: open.count.id, input: {} })
    const flagged = await createCount({ ctx: as('u-manager'), store, input: { kind: 'flagged' } })
    await cancelCount({ ctx: as('u-manager'), store, countId: flagged.count.id, input: {} })
    await database.db.run(sql`UPDATE store_items SET count_flag = NULL, count_flagged_at = NULL WHERE store_id = 'st-a1'`)
  })

  it('only pending corrections from a count block; a back-room correction of the same item does not', async () => {
    await enterCorrection({ ctx: as('u-stockroom'), input: { storeId: 'st-a1', id: newId(), reasonCode: 'damaged', lines: [{ locationId: fx.loc('st-a1', 'stockroom'), itemId: 'it-coffee', quantityDelta: -2 }] } })
    const coffee = await createCount({ ctx: as('u-manager'), store, input: cycle('stockroom', 'it-coffee') })
    clock.advance(1000)
    await recordEntry({ ctx: as('u-stockroom'), store, countId: coffee.count.id, input: { id: 'ov-coffee-01', itemId: 'it-coffee', quantity: 49 } })
    const submitted = await submitCount({ ctx: as('u-manager'), store, countId: coffee.count.id, input: {} })
    expect(submitted.correctionId).not.toBeNull()
    const refusal = await refused(cycle('stockroom', 'it-coffee', 'it-milk'))
    expect(refusal.details).toMatchObject({ counts: [], corrections: [submitted.correctionId] })
    // The same item elsewhere is free.
    const floor = await createCount({ ctx: as('u-manager'), store, input: cycle('floor', 'it-coffee') })
    expect(await findOverlaps(database.db, 'st-a1', floor.count.id)).toEqual([])
    await cancelCount({ ctx: as('u-manager'), store, countId: floor.count.id, input: {} })
  })
})
