import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { assertDurable, createDb } from '../../db/client'
import { applyMovements } from '../../server/core/ledger/apply-movements'
import { appendAudit } from '../../server/core/audit/chain'
import { backupDatabase } from '../../server/core/ops/backup'
import { Writer } from '../../server/core/writer'
import { createTestDatabase } from '../support/db'
import { createFixture } from '../support/fixtures'
import { assertInvariants } from '../support/invariants'

describe('backup and restore drill', () => {
  it('copies a database under write load into a file that passes integrity, invariants and the audit chain', async () => {
    const database = await createTestDatabase()
    const fx = await createFixture(database)
    const writer = new Writer(database.db)
    const post = (n: number) =>
      writer.run(async (tx) => {
        const at = new Date()
        await applyMovements(tx, at, { userId: fx.users.stockroom.id }, [
          { storeId: 'st-a1', itemId: 'it-milk', fromLocationId: fx.loc('st-a1', 'stockroom'), toLocationId: fx.loc('st-a1', 'floor'), counterparty: null, quantity: 1, kind: 'replenish', docType: 'test', docId: `r${n}` },
        ])
        await appendAudit(tx, at, { userId: fx.users.stockroom.id }, { action: 'test.replenish', entityType: 'test', entityId: `r${n}`, storeId: 'st-a1' })
      })
    const target = join(mkdtempSync(join(tmpdir(), 'backstore-backup-')), 'copy.db')
    // Writes keep arriving while the copy is taken.
    const load = Promise.all(Array.from({ length: 40 }, (_, n) => post(n)))
    await backupDatabase(database, target)
    await load

    const restored = createDb(`file:${target}`)
    await expect(assertDurable(restored)).resolves.toMatchObject({ quick_check: 'ok' })
    const result = await assertInvariants(restored)
    expect(result.chain.ok).toBe(true)
    // One snapshot: every copied posting has its audit event and vice versa, none half-copied.
    const [row] = await restored.db.all<{ moves: number; events: number }>(sql`SELECT
      (SELECT COUNT(*) FROM movements WHERE kind = 'replenish') AS moves,
      (SELECT COUNT(*) FROM audit_events WHERE action = 'test.replenish') AS events`)
    expect(Number(row!.moves)).toBe(Number(row!.events))
    restored.client.close()
  })

  it('refuses to overwrite an existing file', async () => {
    const database = await createTestDatabase()
    await expect(backupDatabase(database, database.path)).rejects.toThrow(/exists/)
  })
})
