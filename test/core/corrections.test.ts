import { eq, sql } from 'drizzle-orm'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { corrections, roleAssignments, tierPolicies } from '../../db/schema/index'
import { cancelCorrection } from '../../server/core/corrections/cancel-correction'
import { confirmCorrection } from '../../server/core/corrections/confirm-correction'
import { enterCorrection } from '../../server/core/corrections/enter-correction'
import { getCorrection, listCorrections, listDecidable } from '../../server/core/corrections/queries'
import { rejectCorrection } from '../../server/core/corrections/reject-correction'
import { listReviewCorrections } from '../../server/core/review/list-corrections'
import { removeStoreTierPolicy } from '../../server/core/tier-policy/remove-store-tier-policy'
import { setTierPolicy } from '../../server/core/corrections/set-tier-policy'
import type { Ctx } from '../../server/core/context'
import { newId } from '../../server/core/ids'
import { applyMovements } from '../../server/core/ledger/apply-movements'
import type { Writer } from '../../server/core/writer'
import { createTestDatabase } from '../support/db'
import { createFixture, type Fixture } from '../support/fixtures'
import { assertInvariants } from '../support/invariants'
import { actAs, auditActions, coreHarness, countRows, line, refusal, stock, type CoreHarness } from './correction-helpers'

let database: Database
let fx: Fixture
let core: CoreHarness
let stockroom: Ctx, stockroom2: Ctx, lead: Ctx, manager: Ctx, regional: Ctx, clerk: Ctx, admin: Ctx, managerB1: Ctx

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  core = coreHarness(database)
  await signInAll()
})

async function signInAll() {
  const ctxs = await Promise.all(['stockroom', 'stockroom2', 'lead', 'manager', 'regional', 'clerk', 'admin', 'managerB1'].map((k) => actAs(core, `u-${k}`)))
  ;[stockroom, stockroom2, lead, manager, regional, clerk, admin, managerB1] = ctxs as [Ctx, Ctx, Ctx, Ctx, Ctx, Ctx, Ctx, Ctx]
}

/** Each test starts a day later, so the 24 h splitting window never links corrections of two tests. */
beforeEach(async () => {
  core.clock.advance(25 * 3_600_000)
  // Signing in again: the step-up of every context is fresh at the new time.
  await signInAll()
})

const stockroomOf = (store = 'st-a1') => fx.loc(store, 'stockroom')
const enter = (ctx: Ctx, lines: ReturnType<typeof line>[], over: Record<string, unknown> = {}) =>
  enterCorrection({ ctx, input: { id: newId(), storeId: 'st-a1', reasonCode: 'damaged', lines, ...over } })

describe('entering', () => {
  it('values the lines at the current unit cost, picks the tier, and changes no stock', async () => {
    const before = await stock(database, stockroomOf(), 'it-coffee')
    const movements = await countRows(database, 'movements')
    const res = await enter(stockroom, [line(stockroomOf(), 'it-coffee', -2), line(fx.loc('st-a1', 'floor'), 'it-milk', 3)])
    expect(res.status).toBe(201)
    expect(res.replayed).toBe(false)
    expect(res.body).toMatchObject({ status: 'pending', value: 2 * 1299 + 3 * 89, tierValue: 2 * 1299 + 3 * 89, tier: 'lead', version: 1, enteredBy: 'u-stockroom' })
    expect(res.body.lines).toEqual([
      { lineNo: 1, locationId: stockroomOf(), itemId: 'it-coffee', quantityDelta: -2, unitCost: 1299, value: 2598 },
      { lineNo: 2, locationId: fx.loc('st-a1', 'floor'), itemId: 'it-milk', quantityDelta: 3, unitCost: 89, value: 267 },
    ])
    expect(await stock(database, stockroomOf(), 'it-coffee')).toBe(before)
    expect(await countRows(database, 'movements')).toBe(movements)
    expect(await auditActions(database, res.body.id)).toEqual(['correction.entered'])
    await assertInvariants(database)
  })

  it('snapshots the unit cost: a later price change does not move the value', async () => {
    const res = await enter(stockroom, [line(stockroomOf(), 'it-shampoo', -1)])
    await database.client.execute(`UPDATE items SET unit_cost = 99999 WHERE id = 'it-shampoo'`)
    const detail = await getCorrection({ ctx: manager, input: { storeId: 'st-a1', id: res.body.id } })
    expect(detail.value).toBe(199)
    expect(detail.lines[0]!.unitCost).toBe(199)
    await database.client.execute(`UPDATE items SET unit_cost = 199 WHERE id = 'it-shampoo'`)
  })

  it('is idempotent by client id: same payload answers the same correction, another payload is refused', async () => {
    const id = newId()
    const input = { id, storeId: 'st-a1', reasonCode: 'expired', lines: [line(stockroomOf(), 'it-milk', -4)] }
    const first = await enterCorrection({ ctx: stockroom, input })
    const again = await enterCorrection({ ctx: stockroom, input })
    expect(again.replayed).toBe(true)
    expect(again.body).toEqual(first.body)
    expect(await countRows(database, 'corrections', sql`id = ${id}`)).toBe(1)
    await expect(enterCorrection({ ctx: stockroom, input: { ...input, lines: [line(stockroomOf(), 'it-milk', -40)] } })).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' })
    // Another person cannot take over the id.
    await expect(enterCorrection({ ctx: stockroom2, input })).rejects.toMatchObject({ code: 'DUPLICATE' })
    expect(await auditActions(database, id)).toEqual(['correction.entered'])
  })

  it('ten concurrent submissions of one id enter it once', async () => {
    const input = { id: newId(), storeId: 'st-a1', reasonCode: 'expired', lines: [line(stockroomOf(), 'it-milk', -1)] }
    const results = await Promise.all(Array.from({ length: 10 }, () => enterCorrection({ ctx: stockroom, input })))
    expect(results.filter((r) => !r.replayed)).toHaveLength(1)
    expect(await countRows(database, 'corrections', sql`id = ${input.id}`)).toBe(1)
  })

  it.each([
    ['an unknown reason code', { reasonCode: 'vanished' }, 'VALIDATION_FAILED'],
    ['"other" without a note', { reasonCode: 'other' }, 'VALIDATION_FAILED'],
    ['"other" with a blank note', { reasonCode: 'other', note: '   ' }, 'VALIDATION_FAILED'],
    ['a location of another store', { lines: [line(fx?.loc('st-a2', 'stockroom') ?? 'st-a2-stockroom', 'it-milk', -1)] }, 'NOT_FOUND'],
    ['the in-transit pseudo-location', { lines: [line('st-a1-in_transit', 'it-milk', -1)] }, 'VALIDATION_FAILED'],
    ['an unknown item', { lines: [line('st-a1-stockroom', 'it-nothing', -1)] }, 'NOT_FOUND'],
  ] as const)('refuses %s', async (_label, over, code) => {
    const before = await countRows(database, 'corrections')
    await expect(enter(stockroom, [line(stockroomOf(), 'it-milk', -1)], over)).rejects.toMatchObject({ code })
    expect(await countRows(database, 'corrections')).toBe(before)
  })

  it('refuses a retired reason code', async () => {
    await database.client.execute(`UPDATE reason_codes SET active = 0 WHERE code = 'supplier_error'`)
    await expect(enter(stockroom, [line(stockroomOf(), 'it-milk', -1)], { reasonCode: 'supplier_error' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' })
    await database.client.execute(`UPDATE reason_codes SET active = 1 WHERE code = 'supplier_error'`)
  })

  it.each([
    ['a zero quantity', [line('st-a1-stockroom', 'it-milk', 0)]],
    ['a fractional quantity', [line('st-a1-stockroom', 'it-milk', 1.5)]],
    ['the same item twice at one location', [line('st-a1-stockroom', 'it-milk', -1), line('st-a1-stockroom', 'it-milk', -2)]],
    ['no lines', []],
  ])('refuses %s (schema)', async (_label, lines) => {
    await expect(enter(stockroom, lines)).rejects.toThrow()
  })

  it('accepts "other" with a note, and keeps the note', async () => {
    const res = await enter(stockroom, [line(stockroomOf(), 'it-milk', -1)], { reasonCode: 'other', note: '  Mouse damage  ' })
    expect(res.body.note).toBe('Mouse damage')
  })

  it('lets a clerk report damage from the floor, but not enter back-room corrections or book found stock', async () => {
    const floor = fx.loc('st-a1', 'floor')
    const report = await enter(clerk, [line(floor, 'it-milk', -2)], { source: 'floor_report' })
    expect(report.body).toMatchObject({ source: 'floor_report', status: 'pending' })
    await expect(enter(clerk, [line(floor, 'it-milk', -2)])).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(enter(clerk, [line(floor, 'it-milk', 2)], { source: 'floor_report' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' })
  })

  it('answers NOT_FOUND for a store outside the enterer’s scope', async () => {
    await expect(enter(stockroom, [line(fx.loc('st-b1', 'stockroom'), 'it-milk', -1)], { storeId: 'st-b1' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('uses the store’s own tier policy over the chain’s', async () => {
    await setTierPolicy({ ctx: admin, input: { storeId: 'st-a2', leadMax: 100, storeManagerMax: 1000, allowNegativeStockroom: false } })
    const stockroomA2 = await actAs(core, 'u-managerA2')
    const res = await enterCorrection({ ctx: stockroomA2, input: { id: newId(), storeId: 'st-a2', reasonCode: 'damaged', lines: [line(fx.loc('st-a2', 'stockroom'), 'it-shampoo', -1)] } })
    expect(res.body).toMatchObject({ value: 199, tier: 'store_manager' })
    const inA1 = await enter(stockroom, [line(stockroomOf(), 'it-shampoo', -1)])
    expect(inA1.body.tier).toBe('lead')
  })
})

describe('F16 splitting: same enterer, same items, 24 h, valued together', () => {
  it('accumulates small write-offs of one item until the tier goes up', async () => {
    // 3 coffee = 38.97 € each: alone always the lead tier (≤ 50 €).
    const tiers: string[] = []
    const tierValues: number[] = []
    for (let i = 0; i < 14; i++) {
      const res = await enter(stockroom, [line(stockroomOf(), 'it-coffee', -3)])
      expect(res.body.value).toBe(3897)
      tiers.push(res.body.tier)
      tierValues.push(res.body.tierValue)
      core.clock.advance(10 * 60_000)
    }
    expect(tierValues.slice(0, 3)).toEqual([3897, 7794, 11691])
    expect(tiers[0]).toBe('lead')
    expect(tiers[1]).toBe('store_manager')
    expect(tiers.at(-1)).toBe('regional_manager') // 14 × 38.97 € = 545.58 € > 500 €
  })

  it('does not add other people’s, other items’, cancelled, rejected or older corrections', async () => {
    const first = await enter(stockroom, [line(stockroomOf(), 'it-drill', -1)])
    expect(first.body.tierValue).toBe(6900)
    // Someone else, or another item: valued alone.
    expect((await enter(stockroom2, [line(stockroomOf(), 'it-drill', -1)])).body.tierValue).toBe(6900)
    expect((await enter(stockroom, [line(stockroomOf(), 'it-shampoo', -1)])).body.tierValue).toBe(199)
    // The same item again: together.
    const second = await enter(stockroom, [line(stockroomOf(), 'it-drill', -1)])
    expect(second.body.tierValue).toBe(13800)
    // Cancelled and rejected ones no longer count.
    await cancelCorrection({ ctx: stockroom, input: { storeId: 'st-a1', id: first.body.id } })
    await rejectCorrection({ ctx: manager, input: { storeId: 'st-a1', id: second.body.id, version: 1, reason: 'Test' } })
    expect((await enter(stockroom, [line(stockroomOf(), 'it-drill', -1)])).body.tierValue).toBe(6900)
    // A day later the window has moved on.
    core.clock.advance(24 * 3_600_000 + 1)
    expect((await enter(stockroom, [line(stockroomOf(), 'it-drill', -1)])).body.tierValue).toBe(6900)
  })

  it('counts a correction touching any of the same items, with its whole value', async () => {
    await enter(stockroom, [line(stockroomOf(), 'it-milk', -1), line(stockroomOf(), 'it-tv', -1)])
    const res = await enter(stockroom, [line(stockroomOf(), 'it-milk', -1)])
    expect(res.body.tierValue).toBe(89 + 89 + 39900)
    expect(res.body.tier).toBe('store_manager')
  })
})

describe('F16 at decision time: later parts raise the tier of earlier pending parts', () => {
  /** Every verdict a person sees for these corrections: the store's list, the detail, the pending queue, the review queue. */
  async function seenBy(ctx: Ctx, ids: string[]) {
    const list = (await listCorrections({ ctx, input: { storeId: 'st-a1', status: 'pending' } })).corrections.filter((c) => ids.includes(c.id))
    const queue = (await listDecidable({ ctx })).corrections.map((c) => c.id)
    const review = (await listReviewCorrections({ ctx, input: { ids, status: ['pending'] } })).corrections
    const details = await Promise.all(ids.map((id) => getCorrection({ ctx, input: { storeId: 'st-a1', id } })))
    return ids.map((id) => {
      const row = list.find((c) => c.id === id)!
      const detail = details.find((d) => d.id === id)!
      const reviewRow = review.find((r) => r.id === id)!
      // One verdict everywhere.
      expect(detail.canConfirm).toEqual(row.canConfirm)
      expect(reviewRow.mayDecide).toBe(row.canConfirm.ok)
      expect(queue.includes(id)).toBe(row.canConfirm.ok)
      expect([detail.effectiveTier, reviewRow.effectiveTier]).toEqual([row.effectiveTier, row.effectiveTier])
      expect(reviewRow.series).toEqual(row.series)
      return { verdict: row.canConfirm, effectiveTier: row.effectiveTier, series: row.series }
    })
  }
  const decisionEvent = async (id: string, action: string) => {
    const [event] = await database.db.all<{ after: string }>(sql`SELECT after FROM audit_events WHERE entity_id = ${id} AND action = ${action}`)
    return JSON.parse(event!.after) as Record<string, unknown>
  }

  it('14 parts of 3 × 12.99 €: no store manager releases any part; the regional manager does; cancelled and rejected parts stop counting', async () => {
    const parts: string[] = []
    for (let i = 0; i < 14; i++) {
      parts.push((await enter(stockroom, [line(stockroomOf(), 'it-coffee', -3)])).body.id)
      core.clock.advance(10 * 60_000)
    }
    // Unrelated: another item by the same person, the same item by another person. Each valued alone.
    const otherItem = (await enter(stockroom, [line(stockroomOf(), 'it-shampoo', -1)])).body.id
    const otherPerson = (await enter(stockroom2, [line(stockroomOf(), 'it-coffee', -3)])).body.id
    await signInAll()

    // Stored at entry: the first part a lead's, the second to the twelfth a store manager's.
    const stored = await database.db.all<{ id: string; tier: string }>(sql`SELECT id, tier FROM corrections WHERE id IN (${sql.join(parts.map((p) => sql`${p}`), sql`, `)})`)
    expect(parts.map((p) => stored.find((s) => s.id === p)!.tier)).toEqual([
      'lead',
      ...Array(11).fill('store_manager'),
      'regional_manager',
      'regional_manager',
    ])

    // Now every part is valued with the 13 others: 545.58 € → the regional manager's, shown so in every list.
    const byManager = await seenBy(manager, parts)
    for (const seen of byManager) {
      expect(seen.effectiveTier).toBe('regional_manager')
      expect(seen.series).toMatchObject({ others: 13, value: 14 * 3897 })
      expect(seen.verdict).toEqual({ ok: false, code: 'TIER_NOT_COVERED', message: expect.stringContaining('valued together with 13 other corrections') })
    }
    expect(byManager[0]!.series!.ids).toEqual([...parts.slice(1)].sort())
    for (const id of parts) {
      await expect(confirmCorrection({ ctx: manager, input: { storeId: 'st-a1', id, version: 1 } })).rejects.toMatchObject({
        code: 'TIER_NOT_COVERED',
        message: expect.stringMatching(/valued together with 13 other corrections of the same person and items .*545\.58 €/),
        details: { effectiveTier: 'regional_manager', seriesValue: 54558, seriesOthers: 13 },
      })
      await expect(rejectCorrection({ ctx: manager, input: { storeId: 'st-a1', id, version: 1, reason: 'Split' } })).rejects.toMatchObject({ code: 'TIER_NOT_COVERED' })
    }
    await expect(confirmCorrection({ ctx: lead, input: { storeId: 'st-a1', id: parts[0]!, version: 1 } })).rejects.toMatchObject({ code: 'TIER_NOT_COVERED' })

    // The unrelated ones are not affected: a lead releases them.
    const unrelated = await seenBy(lead, [otherItem, otherPerson])
    expect(unrelated.map((u) => [u.verdict.ok, u.effectiveTier, u.series])).toEqual([
      [true, 'lead', null],
      [true, 'lead', null],
    ])
    for (const id of [otherItem, otherPerson]) {
      expect(await confirmCorrection({ ctx: lead, input: { storeId: 'st-a1', id, version: 1 } })).toMatchObject({ status: 'confirmed', decidedRole: 'lead' })
    }

    // The regional manager releases a part, and the audit event says which tier applied and why.
    const coffee = await stock(database, stockroomOf(), 'it-coffee')
    expect(await confirmCorrection({ ctx: regional, input: { storeId: 'st-a1', id: parts[1]!, version: 1 } })).toMatchObject({ status: 'confirmed', decidedRole: 'regional_manager', tier: 'store_manager' })
    expect(await stock(database, stockroomOf(), 'it-coffee')).toBe(coffee - 3)
    expect(await decisionEvent(parts[1]!, 'correction.confirmed')).toMatchObject({
      tier: 'store_manager',
      tierValue: 7794,
      effectiveTier: 'regional_manager',
      effectiveTierValue: 54558,
      seriesValue: 54558,
      seriesOthers: 13,
      seriesIds: parts.filter((p) => p !== parts[1]).sort(),
    })

    // A confirmed part still counts; a cancelled or rejected one no longer does.
    await cancelCorrection({ ctx: stockroom, input: { storeId: 'st-a1', id: parts[13]! } })
    expect((await seenBy(manager, [parts[0]!]))[0]).toMatchObject({ effectiveTier: 'regional_manager', series: { others: 12, value: 13 * 3897 } })
    await rejectCorrection({ ctx: regional, input: { storeId: 'st-a1', id: parts[12]!, version: 1, reason: 'Entered twice' } })
    expect(await decisionEvent(parts[12]!, 'correction.rejected')).toMatchObject({ effectiveTier: 'regional_manager', seriesOthers: 12 })

    // 12 parts left (467.64 €, one confirmed): the store manager's — not the lead's, although the first part was entered as a lead's.
    const [first] = await seenBy(manager, [parts[0]!])
    expect(first).toMatchObject({ verdict: { ok: true }, effectiveTier: 'store_manager', series: { others: 11, value: 12 * 3897 } })
    expect((await seenBy(lead, [parts[0]!]))[0]!.verdict).toMatchObject({ ok: false, code: 'TIER_NOT_COVERED' })
    await expect(confirmCorrection({ ctx: lead, input: { storeId: 'st-a1', id: parts[0]!, version: 1 } })).rejects.toMatchObject({ code: 'TIER_NOT_COVERED' })
    expect(await confirmCorrection({ ctx: manager, input: { storeId: 'st-a1', id: parts[0]!, version: 1 } })).toMatchObject({ status: 'confirmed', decidedRole: 'store_manager', tier: 'lead' })
    expect(await decisionEvent(parts[0]!, 'correction.confirmed')).toMatchObject({ tier: 'lead', effectiveTier: 'store_manager', effectiveTierValue: 46764, seriesOthers: 11 })
    await assertInvariants(database)
  })

  it('a series is valued under the store’s policy in force at the decision; a correction valued alone keeps its entered tier', async () => {
    const alone = (await enter(stockroom, [line(stockroomOf(), 'it-tv', -1)])).body
    const first = (await enter(stockroom, [line(stockroomOf(), 'it-coffee', -3)])).body
    const second = (await enter(stockroom, [line(stockroomOf(), 'it-coffee', -3)])).body
    expect([alone.tier, first.tier, second.tier]).toEqual(['store_manager', 'lead', 'store_manager'])
    try {
      // Stricter for st-a1: a store manager up to 70 € only. The series (77.94 €) now needs the regional manager;
      // the 399 € television, valued alone, keeps the store manager tier it was entered with.
      await setTierPolicy({ ctx: admin, input: { storeId: 'st-a1', leadMax: 5000, storeManagerMax: 7000, allowNegativeStockroom: false } })
      const seen = await seenBy(manager, [alone.id, first.id, second.id])
      expect(seen.map((x) => [x.effectiveTier, x.verdict.ok])).toEqual([
        ['store_manager', true],
        ['regional_manager', false],
        ['regional_manager', false],
      ])
      await expect(confirmCorrection({ ctx: manager, input: { storeId: 'st-a1', id: first.id, version: 1 } })).rejects.toMatchObject({ code: 'TIER_NOT_COVERED' })
    } finally {
      await removeStoreTierPolicy({ ctx: admin, storeId: 'st-a1' })
    }
    await cancelCorrection({ ctx: stockroom, input: { storeId: 'st-a1', id: alone.id } })
    expect(await confirmCorrection({ ctx: manager, input: { storeId: 'st-a1', id: first.id, version: 1 } })).toMatchObject({ decidedRole: 'store_manager' })
  })

  it('a part entered up to 24 h later counts for an earlier pending part; one entered 24 h later or more does not', async () => {
    const early = (await enter(stockroom, [line(stockroomOf(), 'it-coffee', -3)])).body
    expect(early.tier).toBe('lead')
    core.clock.advance(23 * 3_600_000)
    const later = (await enter(stockroom, [line(stockroomOf(), 'it-coffee', -3)])).body
    expect(later.tier).toBe('store_manager')
    await signInAll()
    // 38.97 € alone was a lead's; with the part entered 23 h later, 77.94 € is a store manager's.
    await expect(confirmCorrection({ ctx: lead, input: { storeId: 'st-a1', id: early.id, version: 1 } })).rejects.toMatchObject({ code: 'TIER_NOT_COVERED' })
    core.clock.advance(2 * 3_600_000)
    const muchLater = (await enter(stockroom, [line(stockroomOf(), 'it-coffee', -3)])).body
    await signInAll()
    // 25 h after the early part: linked to `later` (2 h apart), not to `early`.
    expect((await seenBy(manager, [early.id, later.id, muchLater.id])).map((s) => s.series?.ids)).toEqual([[later.id], [early.id, muchLater.id].sort(), [later.id]])
    await cancelCorrection({ ctx: stockroom, input: { storeId: 'st-a1', id: later.id } })
    const [alone] = await seenBy(lead, [early.id])
    expect(alone).toMatchObject({ verdict: { ok: true }, effectiveTier: 'lead', series: null })
    expect(await confirmCorrection({ ctx: lead, input: { storeId: 'st-a1', id: early.id, version: 1 } })).toMatchObject({ status: 'confirmed', decidedRole: 'lead' })
    await assertInvariants(database)
  })
})

describe('confirming', () => {
  it('posts one correction movement per line, in the decision’s transaction, and audits who', async () => {
    const floor = fx.loc('st-a1', 'floor')
    const beforeRoom = await stock(database, stockroomOf(), 'it-coffee')
    const beforeFloor = await stock(database, floor, 'it-milk')
    const entered = await enter(stockroom, [line(stockroomOf(), 'it-coffee', -2), line(floor, 'it-milk', 3)])
    const confirmed = await confirmCorrection({ ctx: lead, input: { storeId: 'st-a1', id: entered.body.id, version: 1 } })
    expect(confirmed).toMatchObject({ status: 'confirmed', decidedBy: 'u-lead', decidedRole: 'lead', version: 2, flaggedNegative: false })
    expect(await stock(database, stockroomOf(), 'it-coffee')).toBe(beforeRoom - 2)
    expect(await stock(database, floor, 'it-milk')).toBe(beforeFloor + 3)
    const moves = await database.db.all<{ counterparty: string; from_location_id: string | null; to_location_id: string | null; quantity: number; actor_user_id: string }>(
      sql`SELECT counterparty, from_location_id, to_location_id, quantity, actor_user_id FROM movements WHERE doc_id = ${entered.body.id} ORDER BY id`,
    )
    expect(moves).toEqual([
      { counterparty: 'write_off', from_location_id: stockroomOf(), to_location_id: null, quantity: 2, actor_user_id: 'u-lead' },
      { counterparty: 'found', from_location_id: null, to_location_id: floor, quantity: 3, actor_user_id: 'u-lead' },
    ])
    expect(await auditActions(database, entered.body.id)).toEqual(['correction.entered', 'correction.confirmed'])
    const [event] = await database.db.all<{ actor_user_id: string; session_id: string; after: string }>(
      sql`SELECT actor_user_id, session_id, after FROM audit_events WHERE entity_id = ${entered.body.id} AND action = 'correction.confirmed'`,
    )
    expect(event!.actor_user_id).toBe('u-lead')
    expect(event!.session_id).toBe(lead.actor.sessionId)
    expect(JSON.parse(event!.after)).toMatchObject({ decidedBy: 'u-lead', sessionUserId: 'u-lead', proof: 'session_step_up', movements: 2 })
    await assertInvariants(database)
  })

  it('cannot confirm twice (a replay finds a new version and posts nothing)', async () => {
    const entered = await enter(stockroom, [line(stockroomOf(), 'it-milk', -1)])
    await confirmCorrection({ ctx: manager, input: { storeId: 'st-a1', id: entered.body.id, version: 1 } })
    const moves = await countRows(database, 'movements')
    await expect(confirmCorrection({ ctx: manager, input: { storeId: 'st-a1', id: entered.body.id, version: 1 } })).rejects.toMatchObject({ code: 'STALE_VERSION' })
    await expect(confirmCorrection({ ctx: manager, input: { storeId: 'st-a1', id: entered.body.id, version: 2 } })).rejects.toMatchObject({ code: 'INVALID_STATE' })
    expect(await countRows(database, 'movements')).toBe(moves)
  })

  it('refuses the enterer, whatever role they hold', async () => {
    const entered = await enter(manager, [line(stockroomOf(), 'it-milk', -1)])
    await expect(confirmCorrection({ ctx: manager, input: { storeId: 'st-a1', id: entered.body.id, version: 1 } })).rejects.toMatchObject({ code: 'SELF_CONFIRMATION' })
    await expect(rejectCorrection({ ctx: manager, input: { storeId: 'st-a1', id: entered.body.id, version: 1, reason: 'mine' } })).rejects.toMatchObject({ code: 'SELF_CONFIRMATION' })
  })

  it('refuses the person who counted the stock', async () => {
    const entered = await enter(stockroom, [line(stockroomOf(), 'it-milk', -1)])
    // Corrections from counts carry counted_by (set by the counting workflow); simulate one.
    const id = newId()
    await core.writer.run(async (tx) => {
      await tx.insert(corrections).values({ id, storeId: 'st-a1', source: 'count', reasonCode: 'miscount', value: 89, tierValue: 89, tier: 'lead', countedBy: 'u-manager', enteredBy: 'u-stockroom', enteredAt: core.clock.now().toISOString() })
      await tx.run(sql`INSERT INTO correction_lines (id, correction_id, line_no, location_id, item_id, quantity_delta, unit_cost) VALUES (${newId()}, ${id}, 1, ${stockroomOf()}, 'it-milk', -1, 89)`)
    })
    await expect(confirmCorrection({ ctx: manager, input: { storeId: 'st-a1', id, version: 1 } })).rejects.toMatchObject({ code: 'COUNTER_CONFIRMATION' })
    await expect(confirmCorrection({ ctx: lead, input: { storeId: 'st-a1', id, version: 1 } })).resolves.toMatchObject({ status: 'confirmed' })
    expect(entered.body.status).toBe('pending')
    await assertInvariants(database)
  })

  it('a large correction waits for the regional manager', async () => {
    const entered = await enter(stockroom, [line(stockroomOf(), 'it-tv', -2)])
    expect(entered.body.tier).toBe('regional_manager')
    await expect(confirmCorrection({ ctx: manager, input: { storeId: 'st-a1', id: entered.body.id, version: 1 } })).rejects.toMatchObject({ code: 'TIER_NOT_COVERED' })
    await expect(confirmCorrection({ ctx: lead, input: { storeId: 'st-a1', id: entered.body.id, version: 1 } })).rejects.toMatchObject({ code: 'TIER_NOT_COVERED' })
    expect((await listDecidable({ ctx: manager })).corrections.map((c) => c.id)).not.toContain(entered.body.id)
    expect((await listDecidable({ ctx: regional })).corrections.map((c) => c.id)).toContain(entered.body.id)
    await expect(confirmCorrection({ ctx: regional, input: { storeId: 'st-a1', id: entered.body.id, version: 1 } })).resolves.toMatchObject({ status: 'confirmed', decidedRole: 'regional_manager' })
  })

  it('refuses admins, auditors, stockroom and clerks, and managers of other stores', async () => {
    const entered = await enter(stockroom, [line(stockroomOf(), 'it-milk', -1)])
    const input = { storeId: 'st-a1', id: entered.body.id, version: 1 }
    await expect(confirmCorrection({ ctx: admin, input })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(confirmCorrection({ ctx: stockroom2, input })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(confirmCorrection({ ctx: clerk, input })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(confirmCorrection({ ctx: managerB1, input })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(confirmCorrection({ ctx: manager, input: { ...input, storeId: 'st-a2' } })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('F10: a role revoked while the request waits for the writer counts', async () => {
    const entered = await enter(stockroom, [line(stockroomOf(), 'it-milk', -1)])
    // The revocation commits in the same writer, just before the confirmation's transaction runs.
    const racing: Ctx = {
      ...manager,
      writer: {
        run: (command) =>
          core.writer.run(async (tx) => {
            await tx.update(roleAssignments).set({ revokedAt: core.clock.now().toISOString() }).where(eq(roleAssignments.id, 'ra-manager'))
            return command(tx)
          }),
      } as Writer,
    }
    const moves = await countRows(database, 'movements')
    await expect(confirmCorrection({ ctx: racing, input: { storeId: 'st-a1', id: entered.body.id, version: 1 } })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    expect(await countRows(database, 'movements')).toBe(moves)
    // The command's savepoint rolled back with the refusal: the grant is still there, the correction pending.
    const [grant] = await database.db.select().from(roleAssignments).where(eq(roleAssignments.id, 'ra-manager'))
    expect(grant!.revokedAt).toBeNull()
    // Revoked for real, it stays refused.
    await database.db.update(roleAssignments).set({ revokedAt: core.clock.now().toISOString() }).where(eq(roleAssignments.id, 'ra-manager'))
    await expect(confirmCorrection({ ctx: manager, input: { storeId: 'st-a1', id: entered.body.id, version: 1 } })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await database.db.update(roleAssignments).set({ revokedAt: null }).where(eq(roleAssignments.id, 'ra-manager'))
    await assertInvariants(database)
  })

  it('needs a fresh step-up: an old session cannot decide, credentials in the request can', async () => {
    const entered = await enter(stockroom, [line(stockroomOf(), 'it-milk', -1)])
    core.clock.advance(61_000)
    const input = { storeId: 'st-a1', id: entered.body.id, version: 1 }
    await expect(confirmCorrection({ ctx: manager, input })).rejects.toMatchObject({ code: 'STEP_UP_REQUIRED' })
    await expect(confirmCorrection({ ctx: manager, input: { ...input, credentials: { employeeNo: 'E1004', pin: '9999' } } })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' })
    // The stockroom user's context, the manager's PIN: the manager confirms.
    const done = await confirmCorrection({ ctx: stockroom2, input: { ...input, credentials: { employeeNo: ' e1004 ', pin: fx.users.manager.pin } } })
    expect(done).toMatchObject({ status: 'confirmed', decidedBy: 'u-manager' })
    const detail = await getCorrection({ ctx: regional, input: { storeId: 'st-a1', id: entered.body.id } })
    const event = detail.history.find((h) => h.action === 'correction.confirmed')!
    expect(event).toMatchObject({ actorUserId: 'u-manager', actorName: 'Max Manager', sessionUserName: 'Sina Second' })
    expect(event.after).toMatchObject({ proof: 'credentials_in_request', sessionUserId: 'u-stockroom2' })
  })

  it('a session without a session id (an API key, a script) cannot decide without credentials', async () => {
    const entered = await enter(stockroom, [line(stockroomOf(), 'it-milk', -1)])
    const noSession: Ctx = { ...manager, actor: { ...manager.actor, sessionId: null } }
    await expect(confirmCorrection({ ctx: noSession, input: { storeId: 'st-a1', id: entered.body.id, version: 1 } })).rejects.toMatchObject({ code: 'STEP_UP_REQUIRED' })
  })
})

describe('negative stock', () => {
  it('refuses to take the stockroom below zero, and posts nothing', async () => {
    const have = await stock(database, stockroomOf('st-a2'), 'it-milk')
    const enterer = await actAs(core, 'u-managerA2')
    const entered = await enterCorrection({ ctx: enterer, input: { id: newId(), storeId: 'st-a2', reasonCode: 'theft', lines: [line(stockroomOf('st-a2'), 'it-milk', -(have + 5))] } })
    const moves = await countRows(database, 'movements')
    await expect(confirmCorrection({ ctx: regional, input: { storeId: 'st-a2', id: entered.body.id, version: 1 } })).rejects.toMatchObject({
      code: 'NEGATIVE_STOCK',
      details: { lines: [{ kind: 'stockroom', wouldBe: -5 }] },
    })
    expect(await countRows(database, 'movements')).toBe(moves)
    const [row] = await database.db.select().from(corrections).where(eq(corrections.id, entered.body.id))
    expect(row!.status).toBe('pending')
  })

  it('allows it under a policy that says so, and flags the correction and the item', async () => {
    await setTierPolicy({ ctx: admin, input: { storeId: 'st-b1', leadMax: 5000, storeManagerMax: 50000, allowNegativeStockroom: true } })
    const have = await stock(database, stockroomOf('st-b1'), 'it-milk')
    const enterer = await actAs(core, 'u-managerB1')
    const entered = await enterCorrection({ ctx: enterer, input: { id: newId(), storeId: 'st-b1', reasonCode: 'theft', lines: [line(stockroomOf('st-b1'), 'it-milk', -(have + 5))] } })
    const regionalB = await actAs(core, 'u-regionalB')
    const done = await confirmCorrection({ ctx: regionalB, input: { storeId: 'st-b1', id: entered.body.id, version: 1 } })
    expect(done.flaggedNegative).toBe(true)
    expect(await stock(database, stockroomOf('st-b1'), 'it-milk')).toBe(-5)
    const [flag] = await database.db.all<{ count_flag: string }>(sql`SELECT count_flag FROM store_items WHERE store_id = 'st-b1' AND item_id = 'it-milk'`)
    expect(flag!.count_flag).toBe('negative_stockroom')
    await assertInvariants(database)
  })

  it('never takes the floor below zero by a correction, policy or not', async () => {
    const floor = fx.loc('st-b1', 'floor')
    const have = await stock(database, floor, 'it-coffee')
    const enterer = await actAs(core, 'u-managerB1')
    const entered = await enterCorrection({ ctx: enterer, input: { id: newId(), storeId: 'st-b1', reasonCode: 'theft', lines: [line(floor, 'it-coffee', -(have + 1))] } })
    const regionalB = await actAs(core, 'u-regionalB')
    await expect(confirmCorrection({ ctx: regionalB, input: { storeId: 'st-b1', id: entered.body.id, version: 1 } })).rejects.toMatchObject({ code: 'NEGATIVE_STOCK' })
  })
})

describe('cancelling and rejecting', () => {
  it('only the enterer cancels, only while pending', async () => {
    const entered = await enter(stockroom, [line(stockroomOf(), 'it-milk', -1)])
    await expect(cancelCorrection({ ctx: manager, input: { storeId: 'st-a1', id: entered.body.id } })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(cancelCorrection({ ctx: stockroom, input: { storeId: 'st-a1', id: entered.body.id, version: 7 } })).rejects.toMatchObject({ code: 'STALE_VERSION' })
    const cancelled = await cancelCorrection({ ctx: stockroom, input: { storeId: 'st-a1', id: entered.body.id, version: 1, reason: 'Typo' } })
    expect(cancelled).toMatchObject({ status: 'cancelled', decidedBy: 'u-stockroom', decisionNote: 'Typo', version: 2 })
    await expect(cancelCorrection({ ctx: stockroom, input: { storeId: 'st-a1', id: entered.body.id } })).rejects.toMatchObject({ code: 'INVALID_STATE' })
    await expect(confirmCorrection({ ctx: manager, input: { storeId: 'st-a1', id: entered.body.id, version: 2 } })).rejects.toMatchObject({ code: 'INVALID_STATE' })
    expect(await auditActions(database, entered.body.id)).toEqual(['correction.entered', 'correction.cancelled'])
  })

  it('rejecting needs a reason, posts nothing, and is final', async () => {
    const entered = await enter(stockroom, [line(stockroomOf(), 'it-milk', -1)])
    await expect(rejectCorrection({ ctx: lead, input: { storeId: 'st-a1', id: entered.body.id, version: 1, reason: '  ' } })).rejects.toThrow()
    const moves = await countRows(database, 'movements')
    const rejected = await rejectCorrection({ ctx: lead, input: { storeId: 'st-a1', id: entered.body.id, version: 1, reason: 'Found it on the shelf' } })
    expect(rejected).toMatchObject({ status: 'rejected', decidedBy: 'u-lead', decisionNote: 'Found it on the shelf' })
    expect(await countRows(database, 'movements')).toBe(moves)
    await expect(cancelCorrection({ ctx: stockroom, input: { storeId: 'st-a1', id: entered.body.id } })).rejects.toMatchObject({ code: 'INVALID_STATE' })
    expect(await auditActions(database, entered.body.id)).toEqual(['correction.entered', 'correction.rejected'])
    await assertInvariants(database)
  })
})

describe('queries', () => {
  it('lists a store’s corrections with age, names and my verdict; mine=true for my own', async () => {
    const entered = await enter(stockroom, [line(stockroomOf(), 'it-coffee', -1)], { reasonCode: 'expired' })
    core.clock.advance(30 * 60_000)
    const { corrections: list } = await listCorrections({ ctx: lead, input: { storeId: 'st-a1', status: 'pending' } })
    const row = list.find((c) => c.id === entered.body.id)!
    expect(row).toMatchObject({ enteredByName: 'Stan Stockroom', reasonLabel: { en: 'Expired' }, ageMinutes: 30, tier: 'lead', value: 1299, itemNames: ['Espresso Beans 1 kg'], canConfirm: { ok: true } })
    const mine = await listCorrections({ ctx: stockroom, input: { storeId: 'st-a1', mine: true } })
    expect(mine.corrections.every((c) => c.enteredBy === 'u-stockroom')).toBe(true)
    expect(mine.corrections.find((c) => c.id === entered.body.id)!.canConfirm).toMatchObject({ ok: false, code: 'SELF_CONFIRMATION' })
  })

  it('answers NOT_FOUND for another store’s correction by id', async () => {
    const entered = await enter(stockroom, [line(stockroomOf(), 'it-milk', -1)])
    await expect(getCorrection({ ctx: regional, input: { storeId: 'st-a2', id: entered.body.id } })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(confirmCorrection({ ctx: regional, input: { storeId: 'st-a2', id: entered.body.id, version: 1 } })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})

describe('tier policy', () => {
  it('is changed by administrators only, audited with before and after', async () => {
    await expect(setTierPolicy({ ctx: manager, input: { storeId: 'st-a1', leadMax: 1, storeManagerMax: 2, allowNegativeStockroom: true } })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(setTierPolicy({ ctx: regional, input: { storeId: null, leadMax: 1, storeManagerMax: 2, allowNegativeStockroom: true } })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(setTierPolicy({ ctx: admin, input: { storeId: null, leadMax: 10, storeManagerMax: 5, allowNegativeStockroom: false } })).rejects.toThrow()
    const res = await setTierPolicy({ ctx: admin, input: { storeId: null, leadMax: 6000, storeManagerMax: 60000, allowNegativeStockroom: false } })
    expect(res.policy).toMatchObject({ id: 'tp-chain', scope: 'chain', leadMax: 6000, storeManagerMax: 60000, updatedBy: 'u-admin' })
    const [event] = await database.db.all<{ before: string; after: string; actor_user_id: string }>(sql`SELECT before, after, actor_user_id FROM audit_events WHERE action = 'policy.tier_changed' AND entity_id = 'tp-chain' ORDER BY seq DESC LIMIT 1`)
    expect(JSON.parse(event!.before)).toMatchObject({ leadMax: 5000 })
    expect(JSON.parse(event!.after)).toMatchObject({ leadMax: 6000 })
    expect(event!.actor_user_id).toBe('u-admin')
    await setTierPolicy({ ctx: admin, input: { storeId: null, leadMax: 5000, storeManagerMax: 50000, allowNegativeStockroom: false } })
    const [chain] = await database.db.select().from(tierPolicies).where(eq(tierPolicies.id, 'tp-chain'))
    expect(chain!.leadMax).toBe(5000)
  })
})

describe('F15: correction movements only through a confirmation', () => {
  it('applyMovements refuses a correction movement without a confirmed line', async () => {
    const entered = await enter(stockroom, [line(stockroomOf(), 'it-milk', -1)])
    const [pendingLine] = await database.db.all<{ id: string }>(sql`SELECT id FROM correction_lines WHERE correction_id = ${entered.body.id}`)
    const base = { storeId: 'st-a1', itemId: 'it-milk', fromLocationId: stockroomOf(), toLocationId: null, counterparty: 'write_off' as const, quantity: 1, kind: 'correction' as const, docType: 'correction', docId: entered.body.id }
    const moves = await countRows(database, 'movements')
    // No line at all, or a line of a pending correction: the ledger trigger refuses.
    expect(await refusal(core.writer.run((tx) => applyMovements(tx, core.clock.now(), { userId: 'u-admin' }, [base])))).toMatch(/need a confirmed correction line/)
    expect(await refusal(core.writer.run((tx) => applyMovements(tx, core.clock.now(), { userId: 'u-admin' }, [{ ...base, correctionLineId: pendingLine!.id }])))).toMatch(/need a confirmed correction line/)
    // Posting a confirmed line a second time: the UNIQUE link refuses.
    await confirmCorrection({ ctx: lead, input: { storeId: 'st-a1', id: entered.body.id, version: 1 } })
    const after = await countRows(database, 'movements')
    expect(after).toBe(moves + 1)
    expect(await refusal(core.writer.run((tx) => applyMovements(tx, core.clock.now(), { userId: 'u-admin' }, [{ ...base, correctionLineId: pendingLine!.id }])))).toMatch(/UNIQUE constraint failed: movements.correction_line_id/)
    expect(await countRows(database, 'movements')).toBe(after)
    await assertInvariants(database)
  })
})
