import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { createDeps } from '../../server/app'
import { fixedClock } from '../../server/core/clock'
import type { Ctx, Deps } from '../../server/core/context'
import { createPosKey, resolvePosKey, revokePosKey } from '../../server/core/pos/keys'
import { postReceipt } from '../../server/core/pos/post-receipt'
import { createTestDatabase } from '../support/db'
import { createFixture, type Fixture } from '../support/fixtures'
import { assertInvariants, fingerprint } from '../support/invariants'

let database: Database
let fx: Fixture
let deps: Deps
const store = { id: 'st-a1', regionId: 'rg-a' }
const manager = (): Ctx => ({ ...deps, actor: { userId: 'u-manager' } })
const tillCtx = (keyId: string): Ctx => ({ ...deps, actor: { userId: null, keyId } })

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  deps = createDeps({ database, clock: fixedClock('2026-11-02T10:00:00.000Z') })
})

describe('POS keys', () => {
  it('resolve to their store until revoked; malformed or unknown keys resolve to nothing', async () => {
    const { key, secret } = await createPosKey({ ctx: manager(), store, input: { name: 'Till 7' } })
    expect(await resolvePosKey(database.db, secret)).toEqual({ id: key.id, storeId: 'st-a1', regionId: 'rg-a' })
    for (const bad of ['', 'bspos_', secret.slice(0, -1), `${secret}x`, secret.toUpperCase(), `bspos_${'A'.repeat(43)}`, `${secret}\u200b`, "bspos_' OR 1=1 --"]) {
      expect(await resolvePosKey(database.db, bad)).toBeNull()
    }
    await revokePosKey({ ctx: manager(), store, keyId: key.id, input: {} })
    expect(await resolvePosKey(database.db, secret)).toBeNull()
    // Revoking twice is harmless.
    expect((await revokePosKey({ ctx: manager(), store, keyId: key.id, input: {} })).replayed).toBe(true)
  })

  it('another store cannot revoke a key (not found)', async () => {
    const { key } = await createPosKey({ ctx: manager(), store, input: { name: 'Till 8' } })
    await expect(revokePosKey({ ctx: { ...deps, actor: { userId: 'u-managerA2' } }, store: { id: 'st-a2', regionId: 'rg-a' }, keyId: key.id, input: {} })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})

describe('POS receipts', () => {
  it('ten concurrent copies of one receipt post once and all answer the same', async () => {
    const input = { receiptId: 'R-CONC-1', lines: [{ sku: 'SKU-0001', quantity: 2 }, { barcode: fx.barcodes[1]!.barcode, quantity: 1 }] }
    const results = await Promise.all(Array.from({ length: 10 }, () => postReceipt({ ctx: tillCtx('k1'), store, input })))
    expect(results.filter((r) => !r.replayed)).toHaveLength(1)
    expect(new Set(results.map((r) => JSON.stringify(r.result))).size).toBe(1)
    const [n] = await database.db.all<{ n: number }>(sql`SELECT COUNT(*) AS n FROM movements WHERE doc_id = 'R-CONC-1'`)
    expect(Number(n!.n)).toBe(2)
    await assertInvariants(database)
  })

  it('the same receipt id in another store is another receipt', async () => {
    const input = { receiptId: 'R-CONC-1', lines: [{ sku: 'SKU-0001', quantity: 1 }] }
    const other = await postReceipt({ ctx: tillCtx('k2'), store: { id: 'st-a2', regionId: 'rg-a' }, input })
    expect(other.replayed).toBe(false)
    expect(other.result.storeId).toBe('st-a2')
  })

  it('an unknown code anywhere refuses the whole receipt, naming the lines, and changes nothing', async () => {
    const before = await fingerprint(database)
    const input = { receiptId: 'R-UNKNOWN', lines: [{ sku: 'SKU-0001', quantity: 1 }, { barcode: '4000000000999', quantity: 1 }, { sku: 'NOPE', quantity: 1 }] }
    await expect(postReceipt({ ctx: tillCtx('k1'), store, input })).rejects.toMatchObject({ code: 'UNKNOWN_ITEM', details: { lines: [{ line: 2 }, { line: 3 }] } })
    expect(await fingerprint(database)).toBe(before)
  })

  it('the same receipt id with other content is refused', async () => {
    await expect(postReceipt({ ctx: tillCtx('k1'), store, input: { receiptId: 'R-CONC-1', lines: [{ sku: 'SKU-0001', quantity: 3 }] } })).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
    })
  })
})
