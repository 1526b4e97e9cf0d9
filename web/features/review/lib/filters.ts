/**
 * The review queue's filters live in the URL (so a report's drill-down is a link, and the back button
 * works). These are the parameters the API understands; anything else in the URL is ignored.
 */
export const REVIEW_PARAMS = [
  'storeIds',
  'regionId',
  'status',
  'tier',
  'reason',
  'source',
  'minValue',
  'maxValue',
  'enteredBy',
  'decidedBy',
  'olderThanHours',
  'enteredFrom',
  'enteredTo',
  'decidedFrom',
  'decidedTo',
  'itemId',
  'category',
  'writeOff',
  'overdue',
  'escalated',
  'ids',
  'sort',
] as const
export type ReviewParam = (typeof REVIEW_PARAMS)[number]

/** Filters a report hands over that the filter bar has no control for: shown as removable chips. */
export const DRILL_ONLY: readonly ReviewParam[] = ['ids', 'regionId', 'source', 'decidedBy', 'itemId', 'category', 'writeOff']

/**
 * The filter bar's date range applies to one pair of parameters: the day entered (the default) or the
 * day decided (a report's drill-down hands those over). Only one pair is in the URL at a time; `dates=decided`
 * (not an API parameter) keeps the choice while no day is chosen yet.
 */
export type DateField = 'entered' | 'decided'
export const DATE_KEYS = { entered: ['enteredFrom', 'enteredTo'], decided: ['decidedFrom', 'decidedTo'] } as const satisfies Record<DateField, readonly [ReviewParam, ReviewParam]>
export const dateFieldOf = (search: URLSearchParams): DateField =>
  search.get('dates') === 'decided' || search.get('decidedFrom') || search.get('decidedTo') ? 'decided' : 'entered'

/** The URL after switching the date range to the other field: the chosen days move along. */
export function switchDateField(search: URLSearchParams, to: DateField): URLSearchParams {
  const next = new URLSearchParams(search)
  const from = DATE_KEYS[dateFieldOf(search)]
  const values = from.map((k) => search.get(k))
  for (const k of [...DATE_KEYS.entered, ...DATE_KEYS.decided, 'dates']) next.delete(k)
  DATE_KEYS[to].forEach((k, i) => values[i] && next.set(k, values[i]))
  if (to === 'decided') next.set('dates', 'decided')
  return next
}

export const REVIEW_SORTS = ['oldest', 'newest', 'value_desc', 'value_asc', 'store'] as const
export const AGE_CHOICES = ['4', '24', '72', '168'] as const

/** The API query from the URL: known parameters only, default status "pending" unless a drill says otherwise. */
export function reviewQuery(search: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {}
  for (const key of REVIEW_PARAMS) {
    const value = search.get(key)
    if (value !== null && value !== '') out[key] = value
  }
  // The queue opens on what waits; a drill-down (it always names its status, or lists ids) shows all.
  if (search.get('status') === null && search.get('ids') === null) out.status = 'pending'
  if (out.status === 'any') delete out.status
  return out
}

/** Euros typed by a person → integer cents for the API ("12,50" and "12.50" both work). */
export function eurosToCents(text: string): string | null {
  const cleaned = text.trim().replace(/\s/g, '').replace(',', '.')
  if (!cleaned) return null
  const n = Number(cleaned)
  return Number.isFinite(n) && n >= 0 ? String(Math.round(n * 100)) : null
}

export const centsToEuros = (cents: string | null) => (cents ? String(Number(cents) / 100) : '')

/** The chain's standard reason codes, for people who cannot read the store's reason-code list. */
export const KNOWN_REASONS = ['damaged', 'expired', 'theft', 'found', 'miscount', 'supplier_error', 'other'] as const
