import type { Role, Tier } from '../../../db/schema/index'
import { TIER_COVERAGE } from '../corrections/rules'

/**
 * Segregation-of-duties checks on one released correction, computed from the stored data alone —
 * roles as they were granted and revoked (role_assignments history), not as the confirm verb believed —
 * so a row planted with raw SQL past the application is caught as well.
 */
export const SOD_CHECKS = {
  confirmed_by_enterer: 'Confirmed by the person who entered it',
  confirmer_without_role: 'Confirmed by someone without a releasing role for that store at that moment',
  confirmed_above_tier: "Confirmed above the confirmer's tier at that moment",
  counter_confirmed_own_count: 'Confirmed by someone who counted the stock it corrects (a count entry or a transfer receipt scan)',
  confirmer_administered_by_enterer:
    'Confirmed by someone whose account, releasing role for the store, or password/PIN (within 90 days) the enterer had set up',
  confirmer_disabled: 'Confirmed by an account that was already disabled',
  audit_event_missing: 'No matching "correction.confirmed" event in the audit chain',
  movements_mismatch: 'Stock movements do not match its lines (one per line, exactly once)',
} as const

export type SodCheck = keyof typeof SOD_CHECKS

export type EvidenceFacts = {
  enteredBy: string
  decidedBy: string | null
  countedBy: string | null
  tier: Tier
  /** Roles the confirmer held for the store (directly, by region or chain-wide) when deciding. */
  decidedRoles: string[]
  /** The confirmer is among the counters: a count entry (any round), a transfer receipt scan, or correction_counters. */
  confirmerCounted: boolean
  /** The enterer created the confirmer's account, granted a releasing role they held then, or set their secrets ≤ 90 days before. */
  confirmerAdministered: boolean
  confirmerDisabledAt: string | null
  decidedAt: string | null
  auditSeq: number | null
  auditActor: string | null
  lineCount: number
  movementCount: number
}

const coverage = (role: string): readonly Tier[] => TIER_COVERAGE[role as Role] ?? []

/** The checks one correction fails (empty: it satisfied four eyes). */
export function sodViolations(f: EvidenceFacts): SodCheck[] {
  const out: SodCheck[] = []
  if (f.decidedBy === null || f.decidedBy === f.enteredBy) out.push('confirmed_by_enterer')
  const releasing = f.decidedRoles.filter((r) => coverage(r).length > 0)
  if (releasing.length === 0) out.push('confirmer_without_role')
  else if (!releasing.some((r) => coverage(r).includes(f.tier))) out.push('confirmed_above_tier')
  if (f.decidedBy !== null && (f.decidedBy === f.countedBy || f.confirmerCounted)) out.push('counter_confirmed_own_count')
  if (f.decidedBy !== null && f.confirmerAdministered) out.push('confirmer_administered_by_enterer')
  if (f.confirmerDisabledAt !== null && f.decidedAt !== null && f.confirmerDisabledAt <= f.decidedAt) out.push('confirmer_disabled')
  if (f.auditSeq === null || f.auditActor !== f.decidedBy) out.push('audit_event_missing')
  if (f.movementCount !== f.lineCount) out.push('movements_mismatch')
  return out
}
