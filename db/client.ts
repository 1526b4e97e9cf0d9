import { createClient, type Client } from '@libsql/client'
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import * as schema from './schema/index'

export type Db = LibSQLDatabase<typeof schema>
export type Database = { client: Client; db: Db; url: string; local: boolean }

export function isLocalUrl(url: string) {
  return url.startsWith('file:')
}

/** Opens the database. A `file:` URL is the embedded libSQL file; `libsql://`/`http(s)://` a server. */
export function createDb(url: string, authToken?: string): Database {
  const local = isLocalUrl(url)
  if (local) {
    const path = url.slice('file:'.length)
    if (path.includes('/')) mkdirSync(dirname(path), { recursive: true })
  }
  const client = createClient({ url, authToken })
  const db = drizzle(client, { schema })
  return { client, db, url, local }
}

/**
 * Refuses to run on a database that could lose acknowledged writes. PRAGMAs sent through the client
 * reach one pooled connection only, so we rely on file-persistent WAL and libSQL's defaults and check them.
 */
export async function assertDurable({ client, local }: Database) {
  if (!local) return
  const mode = (await client.execute('PRAGMA journal_mode')).rows[0]?.[0]
  if (String(mode).toLowerCase() !== 'wal') {
    await client.execute('PRAGMA journal_mode=WAL')
  }
  const checks = {
    journal_mode: String((await client.execute('PRAGMA journal_mode')).rows[0]?.[0]).toLowerCase(),
    synchronous: Number((await client.execute('PRAGMA synchronous')).rows[0]?.[0]),
    foreign_keys: Number((await client.execute('PRAGMA foreign_keys')).rows[0]?.[0]),
    quick_check: String((await client.execute('PRAGMA quick_check')).rows[0]?.[0]),
  }
  const problems: string[] = []
  if (checks.journal_mode !== 'wal') problems.push(`journal_mode is ${checks.journal_mode}, expected wal`)
  if (checks.synchronous !== 2) problems.push(`synchronous is ${checks.synchronous}, expected 2 (FULL)`)
  if (checks.foreign_keys !== 1) problems.push('foreign_keys are off')
  if (checks.quick_check !== 'ok') problems.push(`quick_check: ${checks.quick_check}`)
  if (problems.length > 0) throw new Error(`Database refused: ${problems.join('; ')}`)
  return checks
}
