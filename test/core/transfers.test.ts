import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { createDeps } from '../../server/app'
import { fixedClock } from '../../server/core/clock'
import type { Ctx, Deps } from '../../server/core/context'
import { createTransfer } from '../../server/core/transfers/create-transfer'
import { receiveTransfer, recordTransferScan } from '../../server/core/transfers/receive-transfer'
import { shipTransfer } from '../../server/core/transfers/ship-transfer'
import { createTestDatabase } from '../support/db'
import { createFixture } from '../support/fixtures'
import { assertInvariants, fingerprint } from '../support/invariants'

let database: Database
let deps: Deps
const a1 = { id: 'st-a1', regionId: 'rg-a' }
const b1 = { id: 'st-b1', regionId: 'rg-b' }
const as = (userId: string): Ctx => ({ ...deps, actor: { userId } })
const count = async (query: ReturnType<typeof sql>) => Number((await database.db.all<{ n: number }>(query))[0]!.n)
const qty = async (location: string, itemId: string) => Number((await database.db.all<{ q: number }>(sql`SELECT COALESCE(SUM(quantity), 0) AS q FROM balances WHERE location_id = ${location} AND item_id = ${itemId}`))[0]!.q)

beforeAll(async () => {
  database = await createTestDatabase()
  await createFixture(database)
  deps = createDeps({ database, clock: fixedClock('2026-11-02T10:00:00.000Z') })
})

describe('transfers across regions, under retries and races', () => {
  let transferId: string

  it('shipping more than the stockroom holds is refused and changes nothing', async () => {
    const { transfer } = await createTransfer({ ctx: as('u-stockroom'), store: a1, input: { toStoreId: 'st-b1', lines: [{ itemId: 'it-drill', quantity: 51 }, { itemId: 'it-milk', quantity: 1 }] } })
    const before = await fingerprint(database)
    await expect(shipTransfer({ ctx: as('u-stockroom'), store: a1, transferId: transfer.id, input: {} })).rejects.toMatchObject({
      code: 'NEGATIVE_STOCK',
      details: { lines: [{ itemId: 'it-drill', available: 50, quantity: 51 }] },
    })
    expect(await fingerprint(database)).toBe(before)
  })

  it('ten concurrent ships post once; in transit holds the stock in between', async () => {
    const { transfer } = await createTransfer({ ctx: as('u-stockroom'), store: a1, input: { toStoreId: 'st-b1', lines: [{ itemId: 'it-tv', quantity: 5 }] } })
    transferId = transfer.id
    const results = await Promise.all(Array.from({ length: 10 }, () => shipTransfer({ ctx: as('u-stockroom'), store: a1, transferId, input: {} })))
    expect(results.filter((r) => !r.replayed)).toHaveLength(1)
    expect(await count(sql`SELECT COUNT(*) AS n FROM movements WHERE doc_id = ${transferId}`)).toBe(2)
    expect(await qty('st-a1-stockroom', 'it-tv')).toBe(45)
    expect(await qty('st-b1-in_transit', 'it-tv')).toBe(5)
    expect(await qty('st-b1-stockroom', 'it-tv')).toBe(50)
    await assertInvariants(database)
  })

  it('the sender cannot receive its own transfer; the receiver cannot ship it', async () => {
    await expect(receiveTransfer({ ctx: as('u-stockroom'), store: a1, transferId, input: {} })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(shipTransfer({ ctx: as('u-managerB1'), store: b1, transferId, input: {} })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('concurrent scans with one id count once; a matching receipt needs no correction', async () => {
    await Promise.all(Array.from({ length: 5 }, () => recordTransferScan({ ctx: as('u-managerB1'), store: b1, transferId, input: { id: 'tscan-conc-1', itemId: 'it-tv', quantity: 5 } })))
    const results = await Promise.all(Array.from({ length: 5 }, () => receiveTransfer({ ctx: as('u-managerB1'), store: b1, transferId, input: {} })))
    expect(results.filter((r) => !r.replayed)).toHaveLength(1)
    expect(results[0]!.transfer).toMatchObject({ status: 'received', correctionId: null, totals: { quantity: 5, received: 5 } })
    expect(await qty('st-b1-in_transit', 'it-tv')).toBe(0)
    expect(await qty('st-b1-stockroom', 'it-tv')).toBe(55)
    expect(await count(sql`SELECT COUNT(*) AS n FROM corrections`)).toBe(0)
    await assertInvariants(database)
  })

  it('a transfer received with nothing scanned leaves it all in transit as one write-off correction', async () => {
    const { transfer } = await createTransfer({ ctx: as('u-stockroom'), store: a1, input: { toStoreId: 'st-b1', lines: [{ itemId: 'it-shampoo', quantity: 3 }] } })
    await shipTransfer({ ctx: as('u-stockroom'), store: a1, transferId: transfer.id, input: {} })
    const { transfer: received } = await receiveTransfer({ ctx: as('u-managerB1'), store: b1, transferId: transfer.id, input: {} })
    const lines = await database.db.all<{ locationId: string; delta: number }>(sql`SELECT location_id AS locationId, quantity_delta AS delta FROM correction_lines WHERE correction_id = ${received.correctionId}`)
    expect(lines).toEqual([{ locationId: 'st-b1-in_transit', delta: -3 }])
    expect(await qty('st-b1-in_transit', 'it-shampoo')).toBe(3)
    await assertInvariants(database)
  })
})
