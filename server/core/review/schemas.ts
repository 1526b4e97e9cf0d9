import { z } from 'zod'
import { CORRECTION_SOURCES, CORRECTION_STATUSES, TIERS } from '../../../db/schema/index'
import { DateOnly } from '../reports/period'

const Id = z.string().min(1).max(64)
/** A comma-separated list in a query string: `storeIds=st-a1,st-a2`. */
const splitList = (value: string | string[]) =>
  [...new Set((Array.isArray(value) ? value : value.split(',')).map((v) => v.trim()).filter(Boolean))]
/** A comma-separated list in a query string (`storeIds=st-a1,st-a2`), or an array when called from code. */
export const IdList = z
  .union([z.string().max(20_000), z.array(z.string()).max(1000)])
  .transform(splitList)
  .pipe(z.array(Id).min(1).max(1000))
/** Parsing twice gives the same result (the route validates, the core parses again). */
export const Flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')])
const Money = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER)

export const REVIEW_SORTS = ['oldest', 'newest', 'value_desc', 'value_asc', 'store'] as const
export type ReviewSort = (typeof REVIEW_SORTS)[number]

/**
 * Filters of the review queue. The drill-down parameters that reports hand out are a subset of these,
 * so a bar in a chart lists exactly the corrections behind it.
 */
export const ReviewQuery = z
  .object({
    storeIds: IdList.optional(),
    regionId: Id.optional(),
    /** Exactly these corrections (an anomaly's list); other filters still apply. */
    ids: IdList.optional(),
    status: z
      .union([z.string().max(100), z.array(z.string()).max(4)])
      .transform(splitList)
      .pipe(z.array(z.enum(CORRECTION_STATUSES)).min(1).max(4))
      .optional(),
    /** Matches each row's `effectiveTier`: a pending correction by the tier a decision needs now (F16 series included). */
    tier: z.enum(TIERS).optional(),
    reason: z.string().min(1).max(64).optional(),
    source: z.enum(CORRECTION_SOURCES).optional(),
    minValue: Money.optional(),
    maxValue: Money.optional(),
    enteredBy: Id.optional(),
    decidedBy: Id.optional(),
    /** Only corrections entered at least this many hours ago. */
    olderThanHours: z.coerce.number().int().min(0).max(100_000).optional(),
    enteredFrom: DateOnly.optional(),
    enteredTo: DateOnly.optional(),
    decidedFrom: DateOnly.optional(),
    decidedTo: DateOnly.optional(),
    itemId: Id.optional(),
    category: z.string().min(1).max(100).optional(),
    /** Only corrections with at least one write-off line (negative delta) — matching itemId/category if given. */
    writeOff: Flag.optional(),
    /** Only pending corrections older than their store's escalation age. */
    overdue: Flag.optional(),
    /** Only corrections that were (true) or were never (false) escalated (`correction.escalated` in the audit trail). */
    escalated: Flag.optional(),
    sort: z.enum(REVIEW_SORTS).default('oldest'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(500).optional(),
  })
  .strict()

export type ReviewQueryInput = z.input<typeof ReviewQuery>
export type ReviewFilters = z.output<typeof ReviewQuery>

export const EscalateInput = z.object({ note: z.string().trim().min(1).max(500).optional() }).strict()
