import { sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import type { Tx } from '../writer'
import { applyThresholds, DEFAULT_THRESHOLDS, parseStoredOverrides, type ThresholdOverrides } from './thresholds'

/** The single row of anomaly_thresholds: the chain's. */
export const CHAIN_ROW = 'chain'

type Row = { overrides: string; updatedAt: string; updatedBy: string | null; updatedByName: string | null }

async function chainRow(db: Db | Tx): Promise<Row | undefined> {
  const [row] = await db.all<Row>(sql`
    SELECT a.overrides, a.updated_at AS updatedAt, a.updated_by AS updatedBy, u.name AS updatedByName
    FROM anomaly_thresholds a LEFT JOIN users u ON u.id = a.updated_by WHERE a.id = ${CHAIN_ROW}`)
  return row
}

/** The chain's stored thresholds (only those overridden; empty when nothing is stored). */
export async function storedThresholds(db: Db | Tx): Promise<ThresholdOverrides> {
  const row = await chainRow(db)
  return row ? parseStoredOverrides(row.overrides).overrides : {}
}

/**
 * The anomaly thresholds of the chain as the office sees them: what applies (`effective`) and, per
 * threshold, whether it is the chain's value or the default; the stored overrides, the defaults, who
 * changed them last, and any stored value that no longer fits its range (ignored, so its default applies).
 * Access is checked by the caller (route guard `policy.read`).
 */
export async function getAnomalyThresholds(db: Db | Tx) {
  const row = await chainRow(db)
  const { overrides, ignored } = row ? parseStoredOverrides(row.overrides) : { overrides: {}, ignored: [] }
  const { values, sources } = applyThresholds(overrides)
  return {
    effective: values,
    sources: sources as Record<keyof typeof values, 'chain' | 'default'>,
    overrides,
    defaults: DEFAULT_THRESHOLDS,
    ignored,
    updatedAt: row?.updatedAt ?? null,
    updatedBy: row?.updatedBy ?? null,
    updatedByName: row?.updatedByName ?? null,
  }
}
