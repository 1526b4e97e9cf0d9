import { serve } from '@hono/node-server'
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { assertDurable, createDb, type Database } from '../../../db/client'
import { migrateDb } from '../../../db/migrate'
import { createApp } from '../../../server/app'

export const WEB_ROOT = resolve(import.meta.dirname, '../../../dist/web')

export type RunningServer = { url: string; database: Database; close: () => Promise<void> }

/**
 * The real app (API + built web client) on a random port, over a fresh migrated temp database
 * that `seed` fills. The browser talks to it exactly as a store tablet would.
 */
export async function startServer(seed: (database: Database) => Promise<unknown>): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'backstore-e2e-'))
  const database = createDb(`file:${join(dir, 'e2e.db')}`)
  await assertDurable(database)
  await migrateDb(database)
  await seed(database)
  const app = createApp({ database, webRoot: WEB_ROOT })
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise<void>((ok) => (server.listening ? ok() : server.once('listening', () => ok())))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    database,
    close: async () => {
      await new Promise<void>((ok) => server.close(() => ok()))
      await app.deps.writer.close()
      database.client.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
