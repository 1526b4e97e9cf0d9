import { sql } from 'drizzle-orm'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { createUser } from '../../server/core/admin/create-user'
import { resetPin } from '../../server/core/admin/reset-pin'
import { changePassword } from '../../server/core/auth/change-password'
import { changePin } from '../../server/core/auth/change-pin'
import { verifySecret } from '../../server/core/auth/passwords'
import { verifyCredentials } from '../../server/core/auth/step-up'
import { confirmCorrection } from '../../server/core/corrections/confirm-correction'
import { enterCorrection } from '../../server/core/corrections/enter-correction'
import { getCorrection } from '../../server/core/corrections/queries'
import { buildEvidence } from '../../server/core/evidence/build-evidence'
import { newId } from '../../server/core/ids'
import { createTestDatabase } from '../support/db'
import { createFixture, PASSWORD, type Fixture } from '../support/fixtures'
import { assertInvariants, fingerprint } from '../support/invariants'
import { actAs, coreHarness, line, type CoreHarness } from './correction-helpers'

/**
 * Changing one's own secrets, from the core: racing changes, what the four-eyes rule (canConfirm, the
 * database trigger and the evidence check) makes of a secret the holder replaced, and a PIN set for the
 * first time.
 */

let database: Database
let fx: Fixture
let core: CoreHarness

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  core = coreHarness(database)
})

beforeEach(() => {
  core.clock.advance(25 * 3_600_000)
})

const as = (key: keyof Fixture['users']) => actAs(core, fx.users[key].id)
const hashOf = async (userId: string, column: 'password_hash' | 'pin_hash') =>
  (await database.db.all<{ hash: string | null }>(sql`SELECT ${sql.raw(column)} AS hash FROM users WHERE id = ${userId}`))[0]!.hash

describe('racing changes', () => {
  it('two sessions change the same password at once: one wins, the other is refused (409) and leaves it alone', async () => {
    const [a, b] = await Promise.all([as('stockroom2'), as('stockroom2')])
    const results = await Promise.allSettled([
      changePassword({ ctx: a, input: { currentPassword: PASSWORD, newPassword: 'sinas first pass 1' } }),
      changePassword({ ctx: b, input: { currentPassword: PASSWORD, newPassword: 'sinas other pass 2' } }),
    ])
    const won = results.filter((r) => r.status === 'fulfilled')
    const lost = results.filter((r) => r.status === 'rejected')
    expect(won).toHaveLength(1)
    expect(lost).toHaveLength(1)
    expect((lost[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' })
    const winner = results[0]!.status === 'fulfilled' ? 'sinas first pass 1' : 'sinas other pass 2'
    expect(await verifySecret((await hashOf(fx.users.stockroom2.id, 'password_hash'))!, winner)).toBe(true)
    await assertInvariants(database)
  })
})

describe('a PIN of one’s own', () => {
  it('set for the first time (there was none): proven with the password; a "current PIN" is simply wrong', async () => {
    const manager = await as('manager')
    const created = await createUser({ ctx: manager, input: { employeeNo: 'E1030', name: 'Nora NoPin', password: 'first-pass-9', role: { role: 'clerk', storeId: 'st-a1' } } })
    const nora = await actAs(core, created.id)
    await changePassword({ ctx: nora, input: { currentPassword: 'first-pass-9', newPassword: 'noras own pass 3' } })
    await expect(changePin({ ctx: nora, input: { currentPin: '0000', newPin: '7391' } })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' })
    await expect(changePin({ ctx: nora, input: { currentPassword: 'noras own pass 3', newPin: '7391' } })).resolves.toMatchObject({
      account: { mustChangePassword: false, mustChangePin: false, hasPin: true },
    })
    await expect(verifyCredentials(core, nora.actor, { employeeNo: 'E1030', pin: '7391' })).resolves.toEqual({ userId: created.id })
  })
})

describe('a replaced secret frees its holder from the four-eyes rule about whoever set it', () => {
  it('a lead whose PIN the manager reset sets their own: canConfirm, the trigger and the evidence check all let them release the manager’s correction', async () => {
    const manager = await as('manager')
    const c = (await enterCorrection({ ctx: manager, input: { id: newId(), storeId: 'st-a1', reasonCode: 'damaged', lines: [line(fx.loc('st-a1', 'stockroom'), 'it-milk', -2)] } })).body
    await resetPin({ ctx: manager, userId: fx.users.lead.id, input: { pin: '4242' } })
    const lead = await as('lead')
    expect((await getCorrection({ ctx: lead, input: { storeId: 'st-a1', id: c.id } })).canConfirm).toMatchObject({ ok: false, code: 'ADMINISTERED_BY_ENTERER' })

    // A temporary PIN does not prove a change; refused without a trace.
    const before = await fingerprint(database)
    await expect(changePin({ ctx: lead, input: { currentPin: '4242', newPin: '7391' } })).rejects.toMatchObject({ code: 'PIN_CHANGE_REQUIRED' })
    expect(await fingerprint(database)).toBe(before)

    const changed = await changePin({ ctx: lead, input: { currentPassword: PASSWORD, newPin: '7391' } })
    const [row] = await database.db.all(sql`SELECT pin_temporary AS pinTemporary, credentials_set_by AS setBy, credentials_set_at AS setAt FROM users WHERE id = ${fx.users.lead.id}`)
    expect(row).toEqual({ pinTemporary: 0, setBy: fx.users.lead.id, setAt: changed.changedAt })
    expect((await getCorrection({ ctx: lead, input: { storeId: 'st-a1', id: c.id } })).canConfirm).toEqual({ ok: true })
    await expect(confirmCorrection({ ctx: lead, input: { storeId: 'st-a1', id: c.id, version: 1 } })).resolves.toMatchObject({ status: 'confirmed', decidedBy: fx.users.lead.id })

    // The evidence check reads the audit trail too: the reset is followed by the lead's own PIN, so no finding.
    const day = core.clock.now().toISOString().slice(0, 10)
    const evidence = await buildEvidence({ ctx: await as('auditor'), input: { from: day, to: day, storeIds: 'st-a1' } })
    const mine = evidence.rows.find((r) => r.correctionId === c.id)
    expect(mine).toBeDefined()
    expect(mine!.violations).not.toContain('confirmer_administered_by_enterer')
    await assertInvariants(database)
  })

  it('the evidence check still flags a confirmation when the reset was not replaced (raw data, as an import might leave it)', async () => {
    const manager = await as('manager')
    const c = (await enterCorrection({ ctx: manager, input: { id: newId(), storeId: 'st-a1', reasonCode: 'damaged', lines: [line(fx.loc('st-a1', 'floor'), 'it-milk', -1)] } })).body
    await resetPin({ ctx: manager, userId: fx.users.stockroom2.id, input: { pin: '4242' } })
    // Someone edits the users row behind the app's back so the trigger lets a "decision" through; the audit trail remembers.
    await database.db.run(sql`UPDATE users SET credentials_set_by = NULL, credentials_set_at = NULL WHERE id = ${fx.users.stockroom2.id}`)
    await database.db.run(sql`INSERT INTO role_assignments (id, user_id, role, store_id, granted_at) VALUES ('ra-tmp-lead', ${fx.users.stockroom2.id}, 'lead', 'st-a1', ${core.clock.now().toISOString()})`)
    await expect(confirmCorrection({ ctx: await as('stockroom2'), input: { storeId: 'st-a1', id: c.id, version: 1 } })).resolves.toMatchObject({ status: 'confirmed' })
    const day = core.clock.now().toISOString().slice(0, 10)
    const evidence = await buildEvidence({ ctx: await as('auditor'), input: { from: day, to: day, storeIds: 'st-a1' } })
    expect(evidence.rows.find((r) => r.correctionId === c.id)!.violations).toContain('confirmer_administered_by_enterer')
    await database.db.run(sql`UPDATE role_assignments SET revoked_at = ${core.clock.now().toISOString()}, revoked_by = 'u-admin' WHERE id = 'ra-tmp-lead'`)
  })
})
