import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import type { Ctx } from '../../server/core/context'
import { confirmCorrection } from '../../server/core/corrections/confirm-correction'
import { enterCorrection } from '../../server/core/corrections/enter-correction'
import { rollupMismatches } from '../../server/core/reports/rollup'
import { newId } from '../../server/core/ids'
import { createTestApp } from '../support/app'
import { createTestDatabase } from '../support/db'
import { createFixture, type Fixture } from '../support/fixtures'
import { assertInvariants } from '../support/invariants'
import { iso, plantCorrection, plantSale } from './review-data'

let database: Database
let fx: Fixture

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
})

describe('report roll-ups (kept by triggers)', () => {
  it('count a confirmation once, per dimension, and ignore other decisions', async () => {
    const u = fx.users
    await plantCorrection(database, {
      id: 'c-1', storeId: 'st-a1', enteredBy: u.stockroom.id, enteredAt: iso('2026-10-05'), reason: 'damaged',
      lines: [{ itemId: 'it-milk', delta: -3 }, { itemId: 'it-coffee', delta: 1 }],
      status: 'confirmed', decidedBy: u.lead.id, decidedAt: iso('2026-10-05', '12:00'),
    })
    await plantCorrection(database, {
      id: 'c-2', storeId: 'st-a1', enteredBy: u.stockroom.id, enteredAt: iso('2026-10-05'), reason: 'theft',
      lines: [{ itemId: 'it-milk', delta: -2 }], status: 'rejected', decidedBy: u.lead.id, decidedAt: iso('2026-10-05', '13:00'),
    })
    await plantCorrection(database, { id: 'c-3', storeId: 'st-a1', enteredBy: u.stockroom.id, enteredAt: iso('2026-10-05'), lines: [{ itemId: 'it-tv', delta: -1 }], status: 'pending' })

    const rows = await database.db.all<{ dim: string; key: string; corrections: number; value: number; writeOff: number; found: number }>(sql`
      SELECT dim, key, corrections, value, write_off_value AS writeOff, found_value AS found FROM rollup_corrections_daily
      WHERE store_id = 'st-a1' AND day = '2026-10-05' ORDER BY dim, key`)
    expect(rows).toEqual([
      { dim: 'category', key: 'Coffee', corrections: 1, value: 1299, writeOff: 0, found: 1299 },
      { dim: 'category', key: 'Dairy', corrections: 1, value: 267, writeOff: 267, found: 0 },
      { dim: 'item', key: 'it-coffee', corrections: 1, value: 1299, writeOff: 0, found: 1299 },
      { dim: 'item', key: 'it-milk', corrections: 1, value: 267, writeOff: 267, found: 0 },
      { dim: 'person', key: u.stockroom.id, corrections: 1, value: 1566, writeOff: 267, found: 1299 },
      { dim: 'reason', key: 'damaged', corrections: 1, value: 1566, writeOff: 267, found: 1299 },
      { dim: 'total', key: '', corrections: 1, value: 1566, writeOff: 267, found: 1299 },
    ])
    expect(await rollupMismatches(database.db)).toEqual({ corrections: [], sales: [] })
    await assertInvariants(database)
  })

  it('sum POS receipts per store and day, following updates and deletes', async () => {
    await plantSale(database, 'st-a1', iso('2026-10-05', '09:00'), 1000)
    await plantSale(database, 'st-a1', iso('2026-10-05', '23:59'), 250)
    await plantSale(database, 'st-a2', iso('2026-10-06', '00:00'), -100)
    await database.client.execute(`UPDATE pos_receipts SET sales_value = 300 WHERE sales_value = 250`)
    await database.client.execute(`UPDATE pos_receipts SET at = '2026-10-07T08:00:00.000Z' WHERE sales_value = 1000`)
    const rows = await database.db.all(sql`SELECT store_id AS storeId, day, receipts, sales_value AS sales FROM rollup_sales_daily WHERE receipts <> 0 ORDER BY 1, 2`)
    expect(rows).toEqual([
      { storeId: 'st-a1', day: '2026-10-05', receipts: 1, sales: 300 },
      { storeId: 'st-a1', day: '2026-10-07', receipts: 1, sales: 1000 },
      { storeId: 'st-a2', day: '2026-10-06', receipts: 1, sales: -100 },
    ])
    await database.client.execute(`DELETE FROM pos_receipts WHERE sales_value = -100`)
    expect(await rollupMismatches(database.db)).toEqual({ corrections: [], sales: [] })
  })

  it('are kept by the real confirm verb too (nothing for it to call)', async () => {
    const app = createTestApp(database)
    const ctx = (userId: string): Ctx => ({ ...app.deps, actor: { userId } })
    const entered = await enterCorrection({
      ctx: ctx(fx.users.stockroom.id),
      input: { storeId: 'st-a1', id: newId(), reasonCode: 'expired', lines: [{ locationId: 'st-a1-stockroom', itemId: 'it-shampoo', quantityDelta: -4 }] },
    })
    await confirmCorrection({
      ctx: ctx(fx.users.stockroom.id),
      input: { storeId: 'st-a1', id: entered.body.id, version: entered.body.version, credentials: { employeeNo: fx.users.manager.employeeNo, pin: fx.users.manager.pin } },
    })
    const [row] = await database.db.all<{ corrections: number; writeOff: number }>(sql`SELECT corrections, write_off_value AS writeOff
      FROM rollup_corrections_daily WHERE dim = 'reason' AND key = 'expired' AND store_id = 'st-a1' AND day = '2026-11-02'`)
    expect(row).toEqual({ corrections: 1, writeOff: 796 })
    expect(await rollupMismatches(database.db)).toEqual({ corrections: [], sales: [] })
    await assertInvariants(database)
  })

  it('flags a roll-up row that does not match the raw tables', async () => {
    await database.client.execute(`UPDATE rollup_corrections_daily SET value = value + 1 WHERE dim = 'reason' AND key = 'damaged'`)
    const result = await rollupMismatches(database.db)
    expect(result.corrections).toEqual([expect.objectContaining({ dim: 'reason', key: 'damaged', storeId: 'st-a1', day: '2026-10-05' })])
    await database.client.execute(`UPDATE rollup_corrections_daily SET value = value - 1 WHERE dim = 'reason' AND key = 'damaged'`)
  })
})
