import { existsSync } from 'node:fs'
import type { Database } from '../../../db/client'

/**
 * A consistent copy of a live database: `VACUUM INTO` reads one snapshot through the client, so it is
 * safe while the server writes (copying a WAL database's files with `cp` is not). Local files only.
 */
export async function backupDatabase(database: Database, target: string) {
  if (!database.local) throw new Error('Backups of a libSQL server are taken on the server (sqld/Turso)')
  if (existsSync(target)) throw new Error(`${target} exists; choose a new file name`)
  if (target.includes("'")) throw new Error('The backup path may not contain a quote')
  await database.client.execute(`VACUUM INTO '${target}'`)
  return { target }
}
