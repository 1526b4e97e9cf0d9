import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { createDeps } from '../../server/app'
import { fixedClock } from '../../server/core/clock'
import type { Ctx, Deps } from '../../server/core/context'
import { createCount } from '../../server/core/counts/create-count'
import { flaggedItems } from '../../server/core/counts/flagged'
import { recordEntry } from '../../server/core/counts/record-entry'
import { cancelCount, submitCount } from '../../server/core/counts/submit-count'
import { DEFAULT_SHRINK_FLAG, isHighShrink, shrinkWindowStart } from '../../server/core/counts/rules'
import { createTestDatabase } from '../support/db'
import { createFixture } from '../support/fixtures'

let database: Database
let deps: Deps
const clock = fixedClock('2026-11-02T10:00:00.000Z')
const store = { id: 'st-a1', regionId: 'rg-a' }
const as = (userId: string): Ctx => ({ ...deps, actor: { userId } })
const flagged = async () => Object.fromEntries((await flaggedItems(database.db, 'st-a1', clock.now(), DEFAULT_SHRINK_FLAG)).map((f) => [f.item.id, f.reasons]))

/** A day of confirmed write-offs of one item, as the roll-up trigger keeps it. */
async function writeOff(day: string, itemId: string, units: number, unitCost: number, storeId = 'st-a1') {
  await database.db.run(sql`INSERT INTO rollup_corrections_daily (dim, store_id, day, key, corrections, value, write_off_value, found_value, write_off_units, found_units)
    VALUES ('item', ${storeId}, ${day}, ${itemId}, 1, ${units * unitCost}, ${units * unitCost}, 0, ${units}, 0)
    ON CONFLICT (dim, store_id, day, key) DO UPDATE SET write_off_units = write_off_units + excluded.write_off_units, write_off_value = write_off_value + excluded.write_off_value`)
}

beforeAll(async () => {
  database = await createTestDatabase()
  await createFixture(database)
  deps = createDeps({ database, clock })
})

describe('the high-shrink rule', () => {
  it.each([
    [{ units: 11, value: 0 }, true],
    [{ units: 10, value: 10_000 }, false],
    [{ units: 1, value: 10_001 }, true],
    [{ units: 0, value: 0 }, false],
  ])('%o → %s', (writeOff, high) => {
    expect(isHighShrink(writeOff, DEFAULT_SHRINK_FLAG)).toBe(high)
  })

  it('the window is the last 30 days, today included', () => {
    expect(shrinkWindowStart(new Date('2026-11-02T10:00:00.000Z'), 30)).toBe('2026-10-04')
    expect(shrinkWindowStart(new Date('2026-11-02T00:00:00.000Z'), 1)).toBe('2026-11-02')
  })
})

describe('items flagged for a count: count flags and high shrink', () => {
  it('flags items by units or by value written off within the window, and says why', async () => {
    await writeOff('2026-10-20', 'it-milk', 6, 89)
    await writeOff('2026-11-01', 'it-milk', 5, 89) // 11 units over two days: > 10
    await writeOff('2026-10-28', 'it-coffee', 8, 1299) // 8 units but 103.92: > 100.00
    await writeOff('2026-10-28', 'it-shampoo', 10, 199) // exactly 10 units, 19.90: not more
    await writeOff('2026-10-03', 'it-drill', 20, 6900) // a day before the window
    await writeOff('2026-10-04', 'it-tv', 1, 39900) // first day of the window
    await writeOff('2026-10-28', 'it-milk', 50, 89, 'st-a2') // another store's shrink is not ours
    await database.db.run(sql`UPDATE store_items SET count_flag = 'negative_floor', count_flagged_at = '2026-11-02T08:00:00.000Z' WHERE store_id = 'st-a1' AND item_id = 'it-tv'`)
    const reasons = await flagged()
    expect(Object.keys(reasons).sort()).toEqual(['it-coffee', 'it-milk', 'it-tv'])
    expect(reasons['it-milk']).toEqual([{ kind: 'high_shrink', writeOffUnits: 11, writeOffValue: 979, days: 30, since: '2026-10-04' }])
    expect(reasons['it-coffee']).toEqual([{ kind: 'high_shrink', writeOffUnits: 8, writeOffValue: 10392, days: 30, since: '2026-10-04' }])
    expect(reasons['it-tv']).toEqual([
      { kind: 'count_flag', flag: 'negative_floor', flaggedAt: '2026-11-02T08:00:00.000Z' },
      { kind: 'high_shrink', writeOffUnits: 1, writeOffValue: 39900, days: 30, since: '2026-10-04' },
    ])
  })

  it('a flagged count contains them all and answers the reasons; other thresholds come from the config', async () => {
    const { count, flagged: answer } = await createCount({ ctx: as('u-manager'), store, input: { kind: 'flagged', location: 'stockroom' } })
    expect(count.progress.lines).toBe(3)
    expect(answer!.map((f) => [f.item.sku, f.reasons.map((r) => r.kind)])).toEqual([
      ['SKU-0002', ['high_shrink']],
      ['SKU-0001', ['high_shrink']],
      ['SKU-0005', ['count_flag', 'high_shrink']],
    ])
    const [audit] = await database.db.all<{ after: string }>(sql`SELECT after FROM audit_events WHERE action = 'count.created' AND entity_id = ${count.id}`)
    expect(JSON.parse(audit!.after).flagged).toHaveLength(3)
    await cancelCount({ ctx: as('u-manager'), store, countId: count.id, input: {} })

    // A stricter store setup (5 units) also flags shampoo.
    const strict = createDeps({ database, clock, core: { shrinkFlag: { days: 30, units: 5, value: 100_000 } } })
    const { count: more } = await createCount({ ctx: { ...strict, actor: { userId: 'u-manager' } }, store, input: { kind: 'flagged', location: 'floor' } })
    expect(more.progress.lines).toBe(4)
    await cancelCount({ ctx: as('u-manager'), store, countId: more.id, input: {} })
  })

  it('a count of the item answers the write-offs up to then; new ones flag it again', async () => {
    const { count } = await createCount({ ctx: as('u-manager'), store, input: { kind: 'cycle', location: 'stockroom', items: [{ itemId: 'it-milk' }] } })
    clock.advance(60_000)
    await recordEntry({ ctx: as('u-stockroom'), store, countId: count.id, input: { id: 'flag-milk-0001', itemId: 'it-milk', quantity: 50 } })
    expect((await submitCount({ ctx: as('u-manager'), store, countId: count.id, input: {} })).correctionId).toBeNull()
    expect(Object.keys(await flagged()).sort()).toEqual(['it-coffee', 'it-tv'])
    clock.advance(86_400_000)
    await writeOff('2026-11-03', 'it-milk', 11, 89)
    expect((await flagged())['it-milk']).toEqual([{ kind: 'high_shrink', writeOffUnits: 11, writeOffValue: 979, days: 30, since: '2026-10-05' }])
  })

  it('nothing flagged: a flagged count is refused (422)', async () => {
    await database.db.run(sql`DELETE FROM rollup_corrections_daily`)
    await database.db.run(sql`UPDATE store_items SET count_flag = NULL, count_flagged_at = NULL`)
    expect(await flagged()).toEqual({})
    await expect(createCount({ ctx: as('u-manager'), store, input: { kind: 'flagged' } })).rejects.toMatchObject({ code: 'UNPROCESSABLE' })
  })
})
