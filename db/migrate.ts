import { migrate } from 'drizzle-orm/libsql/migrator'
import { fileURLToPath } from 'node:url'
import type { Database } from './client'

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url))

export async function migrateDb(database: Database) {
  await migrate(database.db, { migrationsFolder: MIGRATIONS_FOLDER })
}
