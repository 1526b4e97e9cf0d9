import { parseArgs } from 'node:util'
import { createDb } from '../../db/client'
import { backupDatabase } from '../core/ops/backup'
import { readEnv } from '../env'

/** `npm run backup -- --to backups/backstore-2026-11-26.db` — a consistent copy of the live database. */
const { values } = parseArgs({ options: { to: { type: 'string' } } })
const env = readEnv()
const to = values.to ?? `backups/backstore-${new Date().toISOString().replace(/[:.]/g, '-')}.db`
const { mkdirSync } = await import('node:fs')
const { dirname } = await import('node:path')
mkdirSync(dirname(to), { recursive: true })
const database = createDb(env.DATABASE_URL, env.DATABASE_AUTH_TOKEN)
await backupDatabase(database, to)
database.client.close()
console.log(`backup written to ${to}. Restore: stop the server, copy it to the database path (remove the old -wal/-shm files), run npm run verify.`)
