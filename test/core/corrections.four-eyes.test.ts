import { sql } from 'drizzle-orm'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { createUser } from '../../server/core/admin/create-user'
import { grantRole } from '../../server/core/admin/grant-role'
import { resetPin } from '../../server/core/admin/reset-pin'
import { changePassword } from '../../server/core/auth/change-password'
import { changePin } from '../../server/core/auth/change-pin'
import type { Ctx } from '../../server/core/context'
import { cancelCorrection } from '../../server/core/corrections/cancel-correction'
import { confirmCorrection } from '../../server/core/corrections/confirm-correction'
import { enterCorrection } from '../../server/core/corrections/enter-correction'
import { getCorrection, listDecidable } from '../../server/core/corrections/queries'
import { rejectCorrection } from '../../server/core/corrections/reject-correction'
import { createCount } from '../../server/core/counts/create-count'
import { recordEntry } from '../../server/core/counts/record-entry'
import { submitCount } from '../../server/core/counts/submit-count'
import { newId } from '../../server/core/ids'
import { listReviewCorrections } from '../../server/core/review/list-corrections'
import { createTransfer } from '../../server/core/transfers/create-transfer'
import { receiveTransfer, recordTransferScan } from '../../server/core/transfers/receive-transfer'
import { shipTransfer } from '../../server/core/transfers/ship-transfer'
import { createTestDatabase } from '../support/db'
import { createFixture, type Fixture } from '../support/fixtures'
import { assertInvariants, fingerprint } from '../support/invariants'
import { actAs, coreHarness, line, refusal, type CoreHarness } from './correction-helpers'

/**
 * The four-eyes gaps of audit round 3, from the inside (core verbs on a real database): every counter is
 * kept out (not only the one with most entries), count and transfer differences cannot be withdrawn by
 * their enterer, and nobody releases the corrections of whoever set up their account, role or PIN.
 */

let database: Database
let fx: Fixture
let core: CoreHarness
const a1 = { id: 'st-a1', regionId: 'rg-a' }
const a2 = { id: 'st-a2', regionId: 'rg-a' }

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  core = coreHarness(database)
})

/** Each test a day later (no F16 series across tests); contexts signed in now, so their step-up is fresh. */
beforeEach(() => {
  core.clock.advance(25 * 3_600_000)
})
const as = (key: keyof Fixture['users']) => actAs(core, fx.users[key].id)
const tick = () => core.clock.advance(1000)

/** The decision refused with `code`, and nothing in the database changed. */
async function refused(work: () => Promise<unknown>, code: string) {
  const before = await fingerprint(database)
  await expect(work()).rejects.toMatchObject({ code })
  expect(await fingerprint(database)).toBe(before)
}

async function countersOf(correctionId: string) {
  const rows = await database.db.all<{ userId: string }>(sql`SELECT user_id AS userId FROM correction_counters WHERE correction_id = ${correctionId} ORDER BY user_id`)
  return rows.map((r) => r.userId)
}

/** A floor count of milk and shampoo: entries by `counters` (item → person and quantity); submitted by the manager. */
async function countAndSubmit(entries: Array<{ userId: string; itemId: string; quantity: number }>, recount: Array<{ userId: string; itemId: string; quantity: number }> = []) {
  const manager = await as('manager')
  const itemIds = [...new Set(entries.map((e) => e.itemId))]
  const { count } = await createCount({ ctx: manager, store: a1, input: { kind: 'cycle', location: 'floor', items: itemIds.map((itemId) => ({ itemId })) } })
  for (const e of entries) {
    tick()
    await recordEntry({ ctx: await actAs(core, e.userId), store: a1, countId: count.id, input: { id: newId(), itemId: e.itemId, quantity: e.quantity } })
  }
  let result = await submitCount({ ctx: manager, store: a1, countId: count.id, input: {} })
  if (recount.length > 0) {
    expect(result.outcome).toBe('recount')
    for (const e of recount) {
      tick()
      await recordEntry({ ctx: await actAs(core, e.userId), store: a1, countId: count.id, input: { id: newId(), itemId: e.itemId, quantity: e.quantity } })
    }
    result = await submitCount({ ctx: manager, store: a1, countId: count.id, input: { version: result.count.version } })
  }
  expect(result.outcome).toBe('submitted')
  return result.correctionId!
}

describe('every counter is kept out of the decision', () => {
  it('a count counted by two people: the one whose line matched is a counter too, and may not confirm or reject', async () => {
    // The lead counts milk (no difference), the second stockroom worker counts shampoo (2 missing).
    const id = await countAndSubmit([
      { userId: 'u-lead', itemId: 'it-milk', quantity: await floorQty('it-milk') },
      { userId: 'u-stockroom2', itemId: 'it-shampoo', quantity: (await floorQty('it-shampoo')) - 2 },
    ])
    const [row] = await database.db.all<{ countedBy: string; tier: string }>(sql`SELECT counted_by AS countedBy, tier FROM corrections WHERE id = ${id}`)
    expect(row).toEqual({ countedBy: 'u-stockroom2', tier: 'lead' })
    expect(await countersOf(id)).toEqual(['u-lead', 'u-stockroom2'])

    const lead = await as('lead')
    await refused(() => confirmCorrection({ ctx: lead, input: { storeId: 'st-a1', id, version: 1 } }), 'COUNTER_CONFIRMATION')
    await refused(() => rejectCorrection({ ctx: lead, input: { storeId: 'st-a1', id, version: 1, reason: 'looks fine to me' } }), 'COUNTER_CONFIRMATION')
    expect((await getCorrection({ ctx: lead, input: { storeId: 'st-a1', id } })).canConfirm).toMatchObject({ ok: false, code: 'COUNTER_CONFIRMATION' })
    expect((await listDecidable({ ctx: lead })).corrections.map((c) => c.id)).not.toContain(id)
    const queue = await listReviewCorrections({ ctx: lead, input: { status: ['pending'] } })
    expect(queue.corrections.find((c) => c.id === id)).toMatchObject({ mayDecide: false, counters: ['u-lead', 'u-stockroom2'] })

    // The database refuses it too, whatever path a write takes.
    const raw = database.db.run(sql`UPDATE corrections SET status = 'rejected', decided_by = 'u-lead', decided_at = ${core.clock.now().toISOString()},
      version = version + 1 WHERE id = ${id}`)
    expect(await refusal(raw)).toMatch(/a person who counted this stock cannot decide its correction/)

    await expect(confirmCorrection({ ctx: await as('regional'), input: { storeId: 'st-a1', id, version: 1 } })).resolves.toMatchObject({ status: 'confirmed' })
    await assertInvariants(database)
  })

  it('a recount does not clear the first counter: whoever counted round 1 stays out too', async () => {
    // 11 units of milk short is above the recount threshold (10 units): the lead counts first, a colleague recounts.
    const expected = await floorQty('it-milk')
    const id = await countAndSubmit([{ userId: 'u-lead', itemId: 'it-milk', quantity: expected - 11 }], [{ userId: 'u-stockroom2', itemId: 'it-milk', quantity: expected - 11 }])
    const [row] = await database.db.all<{ countedBy: string }>(sql`SELECT counted_by AS countedBy FROM corrections WHERE id = ${id}`)
    expect(row!.countedBy).toBe('u-stockroom2') // the counter of record is the recounter …
    expect(await countersOf(id)).toEqual(['u-lead', 'u-stockroom2']) // … but both counted
    const leadNow = await as('lead')
    await refused(() => confirmCorrection({ ctx: leadNow, input: { storeId: 'st-a1', id, version: 1 } }), 'COUNTER_CONFIRMATION')
    await expect(rejectCorrection({ ctx: await as('regional'), input: { storeId: 'st-a1', id, version: 1, reason: 'Recount the back shelf' } })).resolves.toMatchObject({ status: 'rejected' })
    await assertInvariants(database)
  })

  it('a transfer receipt: whoever scanned it is a counter, not only whoever closed it', async () => {
    const managerA2 = await as('managerA2')
    const { transfer } = await createTransfer({ ctx: managerA2, store: a2, input: { toStoreId: 'st-a1', lines: [{ itemId: 'it-shampoo', quantity: 5 }] } })
    await shipTransfer({ ctx: managerA2, store: a2, transferId: transfer.id, input: {} })
    tick()
    await recordTransferScan({ ctx: await as('lead'), store: a1, transferId: transfer.id, input: { id: newId(), itemId: 'it-shampoo', quantity: 3 } })
    tick()
    const closed = await receiveTransfer({ ctx: await as('stockroom'), store: a1, transferId: transfer.id, input: {} })
    const id = closed.transfer.correctionId!
    expect(await countersOf(id)).toEqual(['u-lead', 'u-stockroom'])
    const leadNow = await as('lead')
    await refused(() => confirmCorrection({ ctx: leadNow, input: { storeId: 'st-a1', id, version: 1 } }), 'COUNTER_CONFIRMATION')
    const stockroomNow = await as('stockroom')
    await refused(() => confirmCorrection({ ctx: stockroomNow, input: { storeId: 'st-a1', id, version: 1 } }), 'SELF_CONFIRMATION')
    await expect(confirmCorrection({ ctx: await as('manager'), input: { storeId: 'st-a1', id, version: 1 } })).resolves.toMatchObject({ status: 'confirmed' })
    await assertInvariants(database)
  })

  it('the counters are written with the correction and never change', async () => {
    const id = await countAndSubmit([{ userId: 'u-stockroom', itemId: 'it-shampoo', quantity: (await floorQty('it-shampoo')) - 1 }])
    expect(await refusal(database.db.run(sql`DELETE FROM correction_counters WHERE correction_id = ${id}`))).toMatch(/cannot change/)
    expect(await refusal(database.db.run(sql`UPDATE correction_counters SET user_id = 'u-manager' WHERE correction_id = ${id}`))).toMatch(/cannot change/)
    await confirmCorrection({ ctx: await as('lead'), input: { storeId: 'st-a1', id, version: 1 } })
    expect(await refusal(database.db.run(sql`INSERT INTO correction_counters (correction_id, user_id) VALUES (${id}, 'u-lead')`))).toMatch(/only be recorded while a correction is pending/)
    await assertInvariants(database)
  })
})

describe('a count or transfer difference cannot be withdrawn by one person', () => {
  it('the enterer (submitter) of a count correction gets 409 NOT_CANCELLABLE and nothing changes', async () => {
    const id = await countAndSubmit([{ userId: 'u-stockroom', itemId: 'it-milk', quantity: (await floorQty('it-milk')) - 1 }])
    const manager = await as('manager')
    await refused(() => cancelCorrection({ ctx: manager, input: { storeId: 'st-a1', id, version: 1 } }), 'NOT_CANCELLABLE')
    await expect(cancelCorrection({ ctx: manager, input: { storeId: 'st-a1', id } })).rejects.toThrow("A count's difference is decided by a second person: they confirm or reject it")
    // A second person still decides it.
    await expect(rejectCorrection({ ctx: await as('lead'), input: { storeId: 'st-a1', id, version: 1, reason: 'Counted the wrong shelf' } })).resolves.toMatchObject({ status: 'rejected' })
  })

  it('the same for a transfer difference; a manual correction can still be withdrawn', async () => {
    const managerA2 = await as('managerA2')
    const { transfer } = await createTransfer({ ctx: managerA2, store: a2, input: { toStoreId: 'st-a1', lines: [{ itemId: 'it-milk', quantity: 2 }] } })
    await shipTransfer({ ctx: managerA2, store: a2, transferId: transfer.id, input: {} })
    const stockroom = await as('stockroom')
    const closed = await receiveTransfer({ ctx: stockroom, store: a1, transferId: transfer.id, input: {} })
    await refused(() => cancelCorrection({ ctx: stockroom, input: { storeId: 'st-a1', id: closed.transfer.correctionId! } }), 'NOT_CANCELLABLE')

    const manual = await enterCorrection({ ctx: stockroom, input: { id: newId(), storeId: 'st-a1', reasonCode: 'damaged', lines: [line(fx.loc('st-a1', 'stockroom'), 'it-milk', -1)] } })
    await expect(cancelCorrection({ ctx: stockroom, input: { storeId: 'st-a1', id: manual.body.id, version: 1 } })).resolves.toMatchObject({ status: 'cancelled' })
    await assertInvariants(database)
  })
})

describe('nobody releases the corrections of whoever set up their account, role or PIN', () => {
  const enterStoreManagerTier = async (ctx: Ctx) =>
    (await enterCorrection({ ctx, input: { id: newId(), storeId: 'st-a1', reasonCode: 'theft', lines: [line(fx.loc('st-a1', 'stockroom'), 'it-coffee', -5)] } })).body

  it('a puppet account the manager created (with a PIN they chose) cannot confirm or reject the manager’s correction', async () => {
    const manager = await as('manager')
    const c = await enterStoreManagerTier(manager)
    expect(c.tier).toBe('store_manager')
    const puppet = await createUser({ ctx: manager, input: { employeeNo: 'P7001', name: 'Paula Puppet', password: 'puppet-pass-1', pin: '7001', role: { role: 'store_manager', storeId: 'st-a1' } } })
    const [row] = await database.db.all(sql`SELECT created_by AS createdBy, credentials_set_by AS setBy FROM users WHERE id = ${puppet.id}`)
    expect(row).toEqual({ createdBy: 'u-manager', setBy: 'u-manager' })

    const viaPin = await as('manager')
    // The secrets the manager chose are temporary: they prove nothing at all.
    await refused(() => confirmCorrection({ ctx: viaPin, input: { storeId: 'st-a1', id: c.id, version: 1, credentials: { employeeNo: 'P7001', pin: '7001' } } }), 'PASSWORD_CHANGE_REQUIRED')
    // Replaced through the puppet's own session (by the manager, who knows them) they count as the puppet's own —
    // but the account is still the manager's creation (users.created_by, forever).
    const puppetCtx = await actAs(core, puppet.id)
    await changePassword({ ctx: puppetCtx, input: { currentPassword: 'puppet-pass-1', newPassword: 'laundered pass 1' } })
    await changePin({ ctx: puppetCtx, input: { currentPassword: 'laundered pass 1', newPin: '7391' } })
    const credentials = { employeeNo: 'P7001', pin: '7391' }
    await refused(() => confirmCorrection({ ctx: viaPin, input: { storeId: 'st-a1', id: c.id, version: 1, credentials } }), 'ADMINISTERED_BY_ENTERER')
    await refused(() => rejectCorrection({ ctx: viaPin, input: { storeId: 'st-a1', id: c.id, version: 1, reason: 'x', credentials } }), 'ADMINISTERED_BY_ENTERER')
    await expect(confirmCorrection({ ctx: viaPin, input: { storeId: 'st-a1', id: c.id, version: 1, credentials } })).rejects.toThrow(
      'Max Manager set up your account: a different person has to release their corrections',
    )
    // Its own session sees the same verdict the server enforces; the queues do not offer it.
    expect((await getCorrection({ ctx: puppetCtx, input: { storeId: 'st-a1', id: c.id } })).canConfirm).toMatchObject({ ok: false, code: 'ADMINISTERED_BY_ENTERER' })
    expect((await listDecidable({ ctx: puppetCtx })).corrections.map((x) => x.id)).not.toContain(c.id)
    // … but the puppet does release someone else's corrections (the rule is about this enterer only).
    const other = await enterCorrection({ ctx: await as('stockroom'), input: { id: newId(), storeId: 'st-a1', reasonCode: 'damaged', lines: [line(fx.loc('st-a1', 'stockroom'), 'it-milk', -1)] } })
    expect((await getCorrection({ ctx: puppetCtx, input: { storeId: 'st-a1', id: other.body.id } })).canConfirm).toEqual({ ok: true })

    // The database refuses the raw write as well.
    const raw = database.db.run(sql`UPDATE corrections SET status = 'rejected', decided_by = ${puppet.id}, decided_at = ${core.clock.now().toISOString()},
      version = version + 1 WHERE id = ${c.id}`)
    expect(await refusal(raw)).toMatch(/the enterer set up this decider's account, role or credentials/)
    await expect(confirmCorrection({ ctx: await as('regional'), input: { storeId: 'st-a1', id: c.id, version: 1 } })).resolves.toMatchObject({ status: 'confirmed' })
    await assertInvariants(database)
  })

  it('a lead whose PIN the manager reset cannot confirm the manager’s correction for 90 days; a lead granted by the admin can', async () => {
    const manager = await as('manager')
    const c = (await enterCorrection({ ctx: manager, input: { id: newId(), storeId: 'st-a1', reasonCode: 'damaged', lines: [line(fx.loc('st-a1', 'stockroom'), 'it-milk', -2)] } })).body
    expect(c.tier).toBe('lead')
    // Before the reset the seeded lead may release it.
    expect((await getCorrection({ ctx: await as('lead'), input: { storeId: 'st-a1', id: c.id } })).canConfirm).toEqual({ ok: true })
    await resetPin({ ctx: manager, userId: 'u-lead', input: { pin: '4242' } })
    const credentials = { employeeNo: 'E1003', pin: '4242' }
    const managerNow = await as('manager')
    // The reset PIN itself is temporary: handed over, it confirms nothing.
    await refused(() => confirmCorrection({ ctx: managerNow, input: { storeId: 'st-a1', id: c.id, version: 1, credentials } }), 'PIN_CHANGE_REQUIRED')
    const leadNow = await as('lead')
    await refused(() => confirmCorrection({ ctx: leadNow, input: { storeId: 'st-a1', id: c.id, version: 1 } }), 'ADMINISTERED_BY_ENTERER')

    // 91 days later the reset no longer keeps the lead out (their own session, proven otherwise) — though the
    // PIN the manager chose still proves nothing until the lead replaces it.
    core.clock.advance(91 * 86_400_000)
    await refused(() => confirmCorrection({ ctx: managerNow, input: { storeId: 'st-a1', id: c.id, version: 1, credentials } }), 'PIN_CHANGE_REQUIRED')
    await expect(confirmCorrection({ ctx: await as('lead'), input: { storeId: 'st-a1', id: c.id, version: 1 } })).resolves.toMatchObject({
      status: 'confirmed',
      decidedBy: 'u-lead',
    })
    await assertInvariants(database)
  })

  it('a role the manager granted: the grantee cannot release the manager’s corrections while it is in effect', async () => {
    const manager = await as('manager')
    // Promote the second stockroom worker to lead (a normal thing for a store manager to do).
    const grant = await grantRole({ ctx: manager, userId: 'u-stockroom2', input: { role: 'lead', storeId: 'st-a1' } })
    const c = (await enterCorrection({ ctx: manager, input: { id: newId(), storeId: 'st-a1', reasonCode: 'damaged', lines: [line(fx.loc('st-a1', 'stockroom'), 'it-shampoo', -1)] } })).body
    const stockroom2Now = await as('stockroom2')
    await refused(() => confirmCorrection({ ctx: stockroom2Now, input: { storeId: 'st-a1', id: c.id, version: 1 } }), 'ADMINISTERED_BY_ENTERER')
    // Other people's corrections are theirs to release.
    const other = (await enterCorrection({ ctx: await as('stockroom'), input: { id: newId(), storeId: 'st-a1', reasonCode: 'damaged', lines: [line(fx.loc('st-a1', 'floor'), 'it-shampoo', -1)] } })).body
    await expect(confirmCorrection({ ctx: await as('stockroom2'), input: { storeId: 'st-a1', id: other.id, version: 1 } })).resolves.toMatchObject({ status: 'confirmed', decidedRole: 'lead' })
    // The seeded lead (granted by the seed) confirms the manager's correction as usual.
    await expect(confirmCorrection({ ctx: await as('lead'), input: { storeId: 'st-a1', id: c.id, version: 1 } })).resolves.toMatchObject({ status: 'confirmed' })
    await database.db.run(sql`UPDATE role_assignments SET revoked_at = ${core.clock.now().toISOString()}, revoked_by = 'u-admin' WHERE id = ${grant.id}`)
    await assertInvariants(database)
  })
})

async function floorQty(itemId: string) {
  const [row] = await database.db.all<{ q: number }>(sql`SELECT quantity AS q FROM balances WHERE location_id = ${fx.loc('st-a1', 'floor')} AND item_id = ${itemId}`)
  return Number(row?.q ?? 0)
}
