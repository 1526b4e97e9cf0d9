import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb, type Database } from '../../db/client'
import { runVerify } from '../../server/cli/verify'
import { appendAudit, hashEvent, verifyChain } from '../../server/core/audit/chain'
import { confirmCorrection } from '../../server/core/corrections/confirm-correction'
import { enterCorrection } from '../../server/core/corrections/enter-correction'
import { rejectCorrection } from '../../server/core/corrections/reject-correction'
import { newId } from '../../server/core/ids'
import { auditHead, verifyLedger } from '../../server/core/ledger/verify-ledger'
import { createTestDatabase } from '../support/db'
import { createFixture } from '../support/fixtures'
import { checkInvariants } from '../support/invariants'
import { appendBulk } from './audit-helpers'
import { actAs, coreHarness, line } from './correction-helpers'

/**
 * Tampering with a raw connection — what someone with the database file could do, triggers dropped
 * first — and what verification says about it. Each scenario works on its own copy of one database.
 */

let base: Database & { path: string }
const dir = mkdtempSync(join(tmpdir(), 'backstore-tamper-'))
const opened: Database[] = []
afterAll(() => {
  for (const d of opened) d.client.close()
  rmSync(dir, { recursive: true, force: true })
})

beforeAll(async () => {
  base = await createTestDatabase()
  const fx = await createFixture(base)
  const core = coreHarness(base)
  const [stockroom, manager, lead] = await Promise.all(['u-stockroom', 'u-manager', 'u-lead'].map((u) => actAs(core, u)))
  for (let i = 0; i < 6; i++) {
    const entered = await enterCorrection({ ctx: stockroom!, input: { id: newId(), storeId: 'st-a1', reasonCode: 'damaged', lines: [line(fx.loc('st-a1', 'stockroom'), 'it-milk', -1)] } })
    if (i % 3 === 2) await rejectCorrection({ ctx: lead!, input: { storeId: 'st-a1', id: entered.body.id, version: 1, reason: 'no' } })
    else await confirmCorrection({ ctx: manager!, input: { storeId: 'st-a1', id: entered.body.id, version: 1 } })
  }
  // One left pending, for the line-smuggling scenario.
  await enterCorrection({ ctx: stockroom!, input: { id: 'pending-one', storeId: 'st-a1', reasonCode: 'damaged', lines: [line(fx.loc('st-a1', 'stockroom'), 'it-milk', -1)] } })
  await core.writer.close()
})

let copies = 0
/** A private copy of the base database (VACUUM INTO: a consistent snapshot, triggers included). */
async function copy(): Promise<Database & { path: string }> {
  const path = join(dir, `copy-${++copies}.db`)
  await base.client.execute(`VACUUM INTO '${path}'`)
  const database = createDb(`file:${path}`)
  opened.push(database)
  return { ...database, path }
}

async function cli(database: { path: string }, ...args: string[]) {
  const lines: string[] = []
  const code = await runVerify(['--db', `file:${database.path}`, ...args], { out: (l) => lines.push(l), env: {} })
  return { code, text: lines.join('\n') }
}

describe('the untouched database verifies', () => {
  it('chain, ledger and the CLI agree it is sound', async () => {
    const db = await copy()
    const chain = await verifyChain(db.db)
    expect(chain).toMatchObject({ ok: true, problems: [] })
    expect(chain.events).toBeGreaterThan(10)
    expect((await verifyLedger(db.db)).ok).toBe(true)
    const out = await cli(db)
    expect(out.code).toBe(0)
    expect(out.text).toMatch(/Result: OK/)
    expect(out.text).toMatch(/✓ balance = Σ movements/)
    expect(out.text).toMatch(/✓ daily report roll-ups equal a recomputation/)
  })
})

describe('audit chain tampering', () => {
  it('an edited event is named by its seq (and the CLI exits 1)', async () => {
    const db = await copy()
    await db.client.execute('DROP TRIGGER audit_events_no_update')
    await db.client.execute(`UPDATE audit_events SET actor_user_id = 'u-someone-else' WHERE seq = 5`)
    const chain = await verifyChain(db.db)
    expect(chain.ok).toBe(false)
    expect(chain.problems).toEqual([{ seq: 5, problem: 'hash_mismatch', message: expect.stringMatching(/changed/) }])
    const out = await cli(db)
    expect(out.code).toBe(1)
    expect(out.text).toMatch(/seq 5: event 5 was changed after it was written/)
    expect(out.text).toMatch(/Result: PROBLEMS FOUND/)
  })

  it('an edited event whose hash was recomputed breaks the link of the next one', async () => {
    const db = await copy()
    await db.client.execute('DROP TRIGGER audit_events_no_update')
    const { hash: _old, ...row } = (await db.db.query.auditEvents.findFirst({ where: (t, { eq }) => eq(t.seq, 7) }))!
    const forged = { ...row, after: '{"status":"rejected"}' }
    await db.client.execute({ sql: 'UPDATE audit_events SET after = ?, hash = ? WHERE seq = 7', args: [forged.after, hashEvent(forged)] })
    const chain = await verifyChain(db.db)
    expect(chain.problems).toEqual([{ seq: 8, problem: 'prev_hash_mismatch', message: expect.any(String) }])
  })

  it('a deleted event is detected where the chain breaks', async () => {
    const db = await copy()
    await db.client.execute('DROP TRIGGER audit_events_no_delete')
    await db.client.execute('DELETE FROM audit_events WHERE seq = 6')
    const chain = await verifyChain(db.db)
    expect(chain.problems.map((p) => [p.seq, p.problem])).toEqual([
      [7, 'seq_gap'],
      [7, 'prev_hash_mismatch'],
    ])
    expect((await cli(db)).text).toMatch(/seq 7: event 7 follows 5/)
  })

  it('reordered events are named', async () => {
    const db = await copy()
    await db.client.execute('DROP TRIGGER audit_events_no_update')
    // Swap the contents of events 8 and 9 (keeping the seq numbers): both stop fitting.
    await db.client.execute('UPDATE audit_events SET seq = -8 WHERE seq = 8')
    await db.client.execute('UPDATE audit_events SET seq = 8 WHERE seq = 9')
    await db.client.execute('UPDATE audit_events SET seq = 9 WHERE seq = -8')
    const chain = await verifyChain(db.db)
    expect(chain.ok).toBe(false)
    const named = new Set(chain.problems.map((p) => p.seq))
    expect(named.has(8)).toBe(true)
    expect(named.has(9)).toBe(true)
    expect(Math.min(...named)).toBe(8)
  })

  it('a truncated tail verifies on its own, but not against the exported anchor', async () => {
    const db = await copy()
    // A folder that does not exist yet (the README's daily `anchors/$(date +%F).json`) is created.
    const anchorFile = join(dir, 'anchors', 'day-1.json')
    const exported = await cli(db, '--export-anchor', anchorFile)
    expect(exported.code).toBe(0)
    expect(exported.text).toMatch(/Anchor \d+:[0-9a-f]{64} written to/)
    const anchor = JSON.parse(readFileSync(anchorFile, 'utf8')) as { seq: number; hash: string; at: string }
    expect(anchor).toMatchObject(await auditHead(db.db))

    await db.client.execute('DROP TRIGGER audit_events_no_delete')
    await db.client.execute({ sql: 'DELETE FROM audit_events WHERE seq > ?', args: [anchor.seq - 3] })
    // The remaining chain is internally consistent: only the anchor reveals the loss.
    expect((await verifyChain(db.db)).ok).toBe(true)
    const checked = await verifyChain(db.db, anchor)
    expect(checked.problems).toEqual([{ seq: anchor.seq, problem: 'anchor_missing', message: expect.stringMatching(/tail was removed/) }])

    const viaFile = await cli(db, '--anchor', anchorFile)
    expect(viaFile.code).toBe(1)
    expect(viaFile.text).toMatch(new RegExp(`seq ${anchor.seq}: the chain ends at ${anchor.seq - 3}`))
    const viaText = await cli(db, '--anchor', `${anchor.seq}:${anchor.hash}`)
    expect(viaText.code).toBe(1)
  })

  it('a chain that does not verify gets no anchor exported', async () => {
    const db = await copy()
    await db.client.execute('DROP TRIGGER audit_events_no_update')
    await db.client.execute(`UPDATE audit_events SET action = 'tampered' WHERE seq = 3`)
    const anchorFile = join(dir, 'anchors', 'tampered.json')
    const out = await cli(db, '--export-anchor', anchorFile)
    expect(out.code).toBe(1)
    expect(out.text).toMatch(/No anchor written: the audit chain does not verify/)
    expect(existsSync(anchorFile)).toBe(false)
  })

  it('a rewritten head is detected against the anchor even when its hash was recomputed', async () => {
    const db = await copy()
    const anchor = await auditHead(db.db)
    await db.client.execute('DROP TRIGGER audit_events_no_update')
    const { hash: _old, ...row } = (await db.db.query.auditEvents.findFirst({ where: (t, { eq }) => eq(t.seq, anchor.seq) }))!
    const forged = { ...row, after: '{}' }
    await db.client.execute({ sql: 'UPDATE audit_events SET after = ?, hash = ? WHERE seq = ?', args: ['{}', hashEvent(forged), anchor.seq] })
    expect((await verifyChain(db.db)).ok).toBe(true)
    expect((await verifyChain(db.db, anchor)).problems).toEqual([expect.objectContaining({ seq: anchor.seq, problem: 'anchor_mismatch' })])
  })
})

describe('ledger tampering', () => {
  it('a deleted correction movement: balance and confirmed ⇔ movements both fail', async () => {
    const db = await copy()
    await db.client.execute('DROP TRIGGER movements_no_delete')
    await db.client.execute(`DELETE FROM movements WHERE id = (SELECT MAX(id) FROM movements WHERE kind = 'correction')`)
    const ledger = await verifyLedger(db.db)
    expect(ledger.ok).toBe(false)
    expect(ledger.balanceMismatches).toHaveLength(1)
    expect(ledger.confirmedWithoutMovements).toHaveLength(1)
    const out = await cli(db)
    expect(out.code).toBe(1)
    expect(out.text).toMatch(/✗ balance = Σ movements/)
    expect(out.text).toMatch(/✗ confirmed corrections ⇔ their movements/)
  })

  it('a correction confirmed behind the app’s back (raw UPDATE, no movements) is caught', async () => {
    const db = await copy()
    await db.client.execute(`UPDATE corrections SET status = 'confirmed', decided_by = 'u-lead', decided_at = '2026-11-02T10:00:00Z' WHERE id = 'pending-one'`)
    const result = await checkInvariants(db)
    expect(result.confirmedWithoutMovements).toHaveLength(1)
  })

  it('a line smuggled into a pending correction: the value no longer matches, verify says so and confirming refuses', async () => {
    const db = await copy()
    await db.client.execute(`INSERT INTO correction_lines (id, correction_id, line_no, location_id, item_id, quantity_delta, unit_cost)
      VALUES ('smuggled', 'pending-one', 2, 'st-a1-stockroom', 'it-tv', -10, 39900)`)
    expect((await verifyLedger(db.db)).valueMismatches).toEqual([{ id: 'pending-one', value: 89, lines_value: 89 + 399000 }])
    const core = coreHarness(db)
    const manager = await actAs(core, 'u-manager')
    await expect(confirmCorrection({ ctx: manager, input: { storeId: 'st-a1', id: 'pending-one', version: 1 } })).rejects.toMatchObject({ code: 'CONFLICT' })
    expect(Number((await db.db.all<{ n: number }>(sql`SELECT COUNT(*) AS n FROM movements WHERE doc_id = 'pending-one'`))[0]!.n)).toBe(0)
    await core.writer.close()
  })
})

describe('report roll-up tampering', () => {
  it('a shrink figure lowered in the roll-up table is named by store, day and key (and the CLI exits 1)', async () => {
    const db = await copy()
    await db.client.execute(`UPDATE rollup_corrections_daily SET write_off_value = write_off_value - 1 WHERE dim = 'reason' AND key = 'damaged'`)
    const out = await cli(db)
    expect(out.code).toBe(1)
    expect(out.text).toMatch(/✗ daily report roll-ups/)
    expect(out.text).toMatch(/corrections reason st-a1 \d{4}-\d\d-\d\d damaged: stored \[/)
    expect(out.text).toMatch(/✓ balance = Σ movements/)
    expect(out.text).toMatch(/Result: PROBLEMS FOUND/)
  })
})

describe('a long chain', () => {
  it('verifies across pages (12,000 events) and keeps growing correctly; the 100k timing is in audit-chain.scale.ts', async () => {
    const db = await copy()
    const added = await appendBulk(db, 12_000)
    const chain = await verifyChain(db.db)
    expect(chain.ok).toBe(true)
    expect(chain.events).toBe(added.head)
    await db.db.transaction((tx) => appendAudit(tx, new Date(), { userId: null }, { action: 'test.after', entityType: 'test', entityId: 'after' }))
    expect((await verifyChain(db.db)).ok).toBe(true)
    // An edit deep in the chain (on the second page) is still named.
    await db.client.execute('DROP TRIGGER audit_events_no_update')
    await db.client.execute({ sql: `UPDATE audit_events SET after = '{"n":0}' WHERE seq = ?`, args: [added.head - 100] })
    expect((await verifyChain(db.db)).problems).toEqual([expect.objectContaining({ seq: added.head - 100, problem: 'hash_mismatch' })])
  }, 60_000)
})
