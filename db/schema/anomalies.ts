import { sql } from 'drizzle-orm'
import { check, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { users } from './accounts'

/**
 * The chain's own thresholds for the anomaly detectors (server/core/anomalies/thresholds.ts). Only the
 * values an administrator overrode are stored, as a JSON object; the defaults stay in code, so a
 * threshold nobody touched follows a changed default. At most one row: id 'chain'.
 */
export const anomalyThresholds = sqliteTable(
  'anomaly_thresholds',
  {
    id: text('id').primaryKey(),
    /** `{ "pairMaxShare": 0.4, … }` — validated by the zod schema when written and when read. */
    overrides: text('overrides').notNull(),
    updatedBy: text('updated_by').references(() => users.id),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    check('anomaly_thresholds_chain_ck', sql`${t.id} = 'chain'`),
    check('anomaly_thresholds_object_ck', sql`json_valid(${t.overrides}) AND json_type(${t.overrides}) = 'object'`),
  ],
)
