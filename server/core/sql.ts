import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../db/client'
import type { Tx } from './writer'

/** First row of a raw query, or undefined (drizzle's `get` throws on an empty result with libSQL). */
export async function first<T>(db: Db | Tx, query: SQL): Promise<T | undefined> {
  const rows = await db.all<T>(query)
  return rows[0]
}

/** `(?, ?, …)` for a short list of values, bound as parameters (keeps `IN` on the index). */
export const sqlList = (values: readonly (string | number)[]) => sql`(${sql.join(values.map((v) => sql`${v}`), sql`, `)})`
