/** Small pure helpers for showing corrections (no I/O). */

export type Tier = 'lead' | 'store_manager' | 'regional_manager'
export const TIERS: readonly Tier[] = ['lead', 'store_manager', 'regional_manager']
export const isTier = (v: string): v is Tier => (TIERS as readonly string[]).includes(v)

export type BadgeTone = 'neutral' | 'info' | 'success' | 'warning' | 'danger'

export const STATUS_TONE: Record<string, BadgeTone> = {
  pending: 'warning',
  confirmed: 'success',
  rejected: 'danger',
  cancelled: 'neutral',
}

export const TIER_TONE: Record<string, BadgeTone> = { lead: 'neutral', store_manager: 'info', regional_manager: 'danger' }

/** The reason's label in the UI language (the server sends both). */
export const reasonLabel = (label: { en: string; de: string } | undefined, code: string, language: string) =>
  label ? (language === 'de' ? label.de : label.en) : code

/** "2 h", "3 d": the age of a pending correction in its largest whole unit. */
export function ageParts(minutes: number): { unit: 'minutes' | 'hours' | 'days'; count: number } {
  if (minutes < 60) return { unit: 'minutes', count: Math.max(0, Math.floor(minutes)) }
  if (minutes < 48 * 60) return { unit: 'hours', count: Math.floor(minutes / 60) }
  return { unit: 'days', count: Math.floor(minutes / 1440) }
}

/** The verdict codes the UI explains (anything else gets the server's message). */
export const VERDICT_CODES = ['SELF_CONFIRMATION', 'COUNTER_CONFIRMATION', 'ADMINISTERED_BY_ENTERER', 'TIER_NOT_COVERED', 'FORBIDDEN', 'INVALID_STATE'] as const
export type VerdictCode = (typeof VERDICT_CODES)[number]
export const isVerdictCode = (v: string): v is VerdictCode => (VERDICT_CODES as readonly string[]).includes(v)

/**
 * Whether the enterer may withdraw a correction: only one a person typed in (back room, floor report),
 * while pending. A count's or transfer's difference is decided by a second person (server: NOT_CANCELLABLE).
 */
export const withdrawable = (c: { status: string; source: string }) => c.status === 'pending' && (c.source === 'backroom' || c.source === 'floor_report')
