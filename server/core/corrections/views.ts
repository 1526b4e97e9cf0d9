import { sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import type { CorrectionStatus, Tier } from '../../../db/schema/index'
import { first } from '../sql'
import type { Tx } from '../writer'
import { COUNTERS_JSON, parseCounters } from './confirm-actor'

/** One correction as stored (numbers and flags normalized from SQLite). */
export type CorrectionRecord = {
  id: string
  storeId: string
  regionId: string
  status: CorrectionStatus
  source: string
  reasonCode: string
  note: string | null
  value: number
  tierValue: number
  tier: Tier
  /** The counter of record (display); `counters` is everyone who counted, none of whom may decide. */
  countedBy: string | null
  counters: string[]
  enteredBy: string
  enteredAt: string
  decidedBy: string | null
  decidedAt: string | null
  decidedRole: string | null
  decisionNote: string | null
  flaggedNegative: boolean
  version: number
}

export type CorrectionLineRecord = {
  id: string
  lineNo: number
  locationId: string
  itemId: string
  quantityDelta: number
  unitCost: number
}

export const CORRECTION_COLUMNS = sql`c.id AS id, c.store_id AS storeId, s.region_id AS regionId, c.status AS status,
  c.source AS source, c.reason_code AS reasonCode, c.note AS note, c.value AS value, c.tier_value AS tierValue,
  c.tier AS tier, c.counted_by AS countedBy, c.entered_by AS enteredBy, c.entered_at AS enteredAt,
  c.decided_by AS decidedBy, c.decided_at AS decidedAt, c.decided_role AS decidedRole,
  c.decision_note AS decisionNote, c.flagged_negative AS flaggedNegative, c.version AS version, ${COUNTERS_JSON}`

export function normalizeRecord<T extends CorrectionRecord>(row: T): T {
  return {
    ...row,
    value: Number(row.value),
    tierValue: Number(row.tierValue),
    version: Number(row.version),
    flaggedNegative: Boolean(Number(row.flaggedNegative)),
    counters: parseCounters(row.counters),
  }
}

/** A correction of one store (another store's id is simply not found). */
export async function readCorrection(db: Db | Tx, storeId: string, id: string): Promise<CorrectionRecord | undefined> {
  const row = await first<CorrectionRecord>(db, sql`SELECT ${CORRECTION_COLUMNS}
    FROM corrections c JOIN stores s ON s.id = c.store_id WHERE c.id = ${id} AND c.store_id = ${storeId}`)
  return row && normalizeRecord(row)
}

export async function readLines(db: Db | Tx, correctionId: string): Promise<CorrectionLineRecord[]> {
  const rows = await db.all<CorrectionLineRecord>(sql`SELECT id, line_no AS lineNo, location_id AS locationId, item_id AS itemId,
      quantity_delta AS quantityDelta, unit_cost AS unitCost
    FROM correction_lines WHERE correction_id = ${correctionId} ORDER BY line_no`)
  return rows.map((l) => ({ ...l, lineNo: Number(l.lineNo), quantityDelta: Number(l.quantityDelta), unitCost: Number(l.unitCost) }))
}

export type CorrectionSummary = Omit<CorrectionRecord, 'regionId'> & {
  lines: Array<Omit<CorrectionLineRecord, 'id'> & { value: number }>
}

/** What the writing verbs answer: the correction as it is now, with its lines and their values. */
export async function summaryOf(db: Db | Tx, storeId: string, id: string): Promise<CorrectionSummary> {
  const record = await readCorrection(db, storeId, id)
  if (!record) throw new Error(`correction ${id} vanished`)
  const lines = await readLines(db, id)
  const { regionId: _regionId, ...rest } = record
  return {
    ...rest,
    lines: lines.map(({ id: _id, ...line }) => ({ ...line, value: Math.abs(line.quantityDelta) * line.unitCost })),
  }
}
