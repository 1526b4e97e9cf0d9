import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import { assertDurable, createDb, type Database } from '../../db/client'
import { migrateDb } from '../../db/migrate'

/**
 * A real libSQL file database, built from the committed migrations, one per test file
 * (`:memory:` loses data between this client's connections). Removed after the file's tests.
 */
export async function createTestDatabase(): Promise<Database & { path: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'backstore-test-'))
  const path = join(dir, 'test.db')
  const database = createDb(`file:${path}`)
  await assertDurable(database)
  await migrateDb(database)
  afterAll(() => {
    database.client.close()
    rmSync(dir, { recursive: true, force: true })
  })
  return { ...database, path }
}
