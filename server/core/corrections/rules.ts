import type { CorrectionStatus, Role, Tier } from '../../../db/schema/index'
import { grantCovers, type Grant } from '../access/policy'

/**
 * The four-eyes rules as pure functions: the server enforces them inside the deciding transaction,
 * the web client uses the same functions to hide a button that would be refused.
 */

export type TierThresholds = { leadMax: number; storeManagerMax: number }

/** Used when neither the store nor the chain has a policy row: ≤ 50 € lead, ≤ 500 € store manager. */
export const DEFAULT_THRESHOLDS: TierThresholds = { leadMax: 5_000, storeManagerMax: 50_000 }

/** The approval tier of a value in minor units: ≤ leadMax → lead, ≤ storeManagerMax → store manager, else regional. */
export function tierFor(value: number, policy: TierThresholds): Tier {
  if (value <= policy.leadMax) return 'lead'
  if (value <= policy.storeManagerMax) return 'store_manager'
  return 'regional_manager'
}

/** Which tiers each role may release. Admin, auditor, clerk and stockroom release none: no bypass. */
export const TIER_COVERAGE: Record<Role, readonly Tier[]> = {
  lead: ['lead'],
  store_manager: ['lead', 'store_manager'],
  regional_manager: ['lead', 'store_manager', 'regional_manager'],
  admin: [],
  auditor: [],
  clerk: [],
  stockroom: [],
}

/** The least senior role that releases a tier (for messages). */
export const TIER_LABEL: Record<Tier, string> = {
  lead: 'a shift lead or above',
  store_manager: 'a store manager or above',
  regional_manager: 'the regional manager',
}

export type ConfirmActor = { userId: string; grants: readonly Grant[] }
export type ConfirmTarget = {
  storeId: string
  regionId: string
  enteredBy: string
  countedBy: string | null
  tier: Tier
  status: CorrectionStatus
}

export type ConfirmRefusal = 'SELF_CONFIRMATION' | 'COUNTER_CONFIRMATION' | 'TIER_NOT_COVERED' | 'FORBIDDEN' | 'INVALID_STATE'
export type ConfirmVerdict = { ok: true; role: Role } | { ok: false; code: ConfirmRefusal; message: string }

/**
 * May this person release (confirm or reject) this correction? Checked in this order: the correction
 * is still pending; the person did not enter it and did not count it; they hold a deciding role for
 * the store (directly, through its region, or chain-wide); that role covers the correction's tier.
 * On success, `role` is the least senior held role that covers the tier (recorded as the decided role).
 */
export function canConfirm(
  actor: ConfirmActor,
  correction: ConfirmTarget,
  coverage: Record<Role, readonly Tier[]> = TIER_COVERAGE,
): ConfirmVerdict {
  if (correction.status !== 'pending') {
    return { ok: false, code: 'INVALID_STATE', message: `This correction is already ${correction.status}` }
  }
  if (correction.enteredBy === actor.userId) {
    return { ok: false, code: 'SELF_CONFIRMATION', message: 'You entered this correction; a second person has to release it' }
  }
  if (correction.countedBy !== null && correction.countedBy === actor.userId) {
    return { ok: false, code: 'COUNTER_CONFIRMATION', message: 'You counted this stock; a second person has to release the correction' }
  }
  const store = { id: correction.storeId, regionId: correction.regionId }
  const roles = [...new Set(actor.grants.filter((g) => grantCovers(g, store)).map((g) => g.role))]
  const deciding = roles.filter((role) => coverage[role].length > 0)
  if (deciding.length === 0) {
    return { ok: false, code: 'FORBIDDEN', message: 'Your role does not release corrections in this store' }
  }
  const covering = deciding
    .filter((role) => coverage[role].includes(correction.tier))
    .sort((a, b) => coverage[a].length - coverage[b].length)
  if (covering.length === 0) {
    return {
      ok: false,
      code: 'TIER_NOT_COVERED',
      message: `This correction is in the ${correction.tier.replace('_', ' ')} tier: it needs ${TIER_LABEL[correction.tier]}`,
    }
  }
  return { ok: true, role: covering[0]! }
}
