import type { z } from 'zod'
import { PeriodQuery } from '../reports/schemas'

export const EvidenceQuery = PeriodQuery
export type EvidenceQueryInput = z.input<typeof EvidenceQuery>

/** An audit normally covers a financial year; longer exports are split. */
export const MAX_EVIDENCE_DAYS = 366
