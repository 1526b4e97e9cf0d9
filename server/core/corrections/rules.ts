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

/** Tiers from the least to the most senior. */
export const TIER_ORDER: readonly Tier[] = ['lead', 'store_manager', 'regional_manager']

/** The more senior of two tiers. */
export const higherTier = (a: Tier, b: Tier): Tier => (TIER_ORDER.indexOf(b) > TIER_ORDER.indexOf(a) ? b : a)

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

/** Roles that release corrections (a grant of one of them is what the enterer must not have given the decider). */
export const RELEASING_ROLES = (Object.keys(TIER_COVERAGE) as Role[]).filter((role) => TIER_COVERAGE[role].length > 0)

/** How long a password or PIN set by someone else keeps that person out of the holder's decisions. */
export const CREDENTIALS_WINDOW_DAYS = 90

/**
 * Who administered the decider's account, read from the data inside the deciding transaction
 * (loadConfirmActor): whoever set up the account, set its secrets or granted its releasing roles
 * may have chosen the PIN — their corrections need someone else.
 */
export type AccountFacts = {
  /** Who created the account (null: the seed, an import, or unknown). */
  createdBy: string | null
  /** Who last set the password or PIN on the holder's behalf, and when (null: only the holder). */
  credentialsSetBy: string | null
  credentialsSetAt: string | null
  /** Who granted each of the active grants (null: the seed or unknown). */
  grantedBy: ReadonlyArray<Grant & { grantedBy: string | null }>
}

export const NO_ACCOUNT_FACTS: AccountFacts = { createdBy: null, credentialsSetBy: null, credentialsSetAt: null, grantedBy: [] }

export type ConfirmActor = {
  userId: string
  /** Active grants, read now. */
  grants: readonly Grant[]
  account: AccountFacts
  /** The moment of the decision (for the credentials window). */
  at: Date
}
/**
 * F16 at decision time: the correction valued together with the same enterer's other pending or
 * confirmed corrections in the store that share an item and were entered within 24 h before or after
 * it (read inside the deciding transaction by `loadSeries`, series.ts). Parts entered later raise the
 * tier of earlier pending parts.
 */
export type SeriesFacts = {
  /** How many other corrections are valued together with this one. */
  others: number
  /** This correction's own value plus theirs (minor units). */
  value: number
  /** tierFor(value) under the store's policy now. */
  tier: Tier
}

export type ConfirmTarget = {
  storeId: string
  regionId: string
  enteredBy: string
  /** For messages ("Sabine Krüger set up your account…"). */
  enteredByName?: string | null
  /** Everyone who counted the stock (count entries of any round, transfer receipt scans). */
  counters: readonly string[]
  /** The tier stored at entry. */
  tier: Tier
  status: CorrectionStatus
  /** The series read now (absent: valued alone, the stored tier applies). */
  series?: SeriesFacts | null
}

/** The tier a decision needs: the higher of the stored tier and the series' tier. */
export function requiredTier(correction: Pick<ConfirmTarget, 'tier' | 'series'>): Tier {
  return correction.series ? higherTier(correction.tier, correction.series.tier) : correction.tier
}

/** Minor units as euros, for messages: 54558 → "545.58 €". */
export const euros = (minor: number) => `${(minor / 100).toFixed(2)} €`

const tierName = (tier: Tier) => tier.replace('_', ' ')

/** Why the required tier is not covered: the series' value when the series is what lifts it. */
function tierMessage(correction: ConfirmTarget, tier: Tier) {
  const series = correction.series
  if (series && series.others > 0 && series.tier === tier) {
    const others = series.others === 1 ? '1 other correction' : `${series.others} other corrections`
    return (
      `This correction is valued together with ${others} of the same person and items within 24 hours ` +
      `(series value ${euros(series.value)}), which is the ${tierName(tier)} tier: it needs ${TIER_LABEL[tier]}`
    )
  }
  return `This correction is in the ${tierName(tier)} tier: it needs ${TIER_LABEL[tier]}`
}

export type ConfirmRefusal =
  | 'SELF_CONFIRMATION'
  | 'COUNTER_CONFIRMATION'
  | 'ADMINISTERED_BY_ENTERER'
  | 'TIER_NOT_COVERED'
  | 'FORBIDDEN'
  | 'INVALID_STATE'
export type ConfirmVerdict = { ok: true; role: Role } | { ok: false; code: ConfirmRefusal; message: string }

const ROLE_NAME: Record<Role, string> = {
  clerk: 'clerk',
  stockroom: 'stockroom',
  lead: 'shift lead',
  store_manager: 'store manager',
  regional_manager: 'regional manager',
  admin: 'administrator',
  auditor: 'auditor',
}

/**
 * Why the enterer may have chosen the decider's secret (null: they did not): they created the account,
 * granted a releasing role the decider holds for this store (still in effect), or set the password or
 * PIN in the last CREDENTIALS_WINDOW_DAYS days.
 */
export function administeredBy(actor: ConfirmActor, correction: ConfirmTarget): string | null {
  const enterer = correction.enteredBy
  const name = correction.enteredByName || 'The person who entered this correction'
  const then = `a different person has to release their corrections`
  const { account } = actor
  if (account.createdBy === enterer) return `${name} set up your account: ${then}`
  const store = { id: correction.storeId, regionId: correction.regionId }
  const given = account.grantedBy.find((g) => g.grantedBy === enterer && RELEASING_ROLES.includes(g.role) && grantCovers(g, store))
  if (given) return `${name} gave you your ${ROLE_NAME[given.role]} role here: ${then}`
  if (account.credentialsSetBy === enterer && account.credentialsSetAt !== null) {
    const age = actor.at.getTime() - Date.parse(account.credentialsSetAt)
    if (age < CREDENTIALS_WINDOW_DAYS * 86_400_000) return `${name} set your PIN or password less than ${CREDENTIALS_WINDOW_DAYS} days ago: ${then}`
  }
  return null
}

/**
 * May this person release (confirm or reject) this correction? Checked in this order: the correction
 * is still pending; the person did not enter it and did not count it; they hold a deciding role for
 * the store (directly, through its region, or chain-wide); that role covers the correction's tier (the
 * higher of the stored tier and its F16 series' tier, `requiredTier`);
 * the enterer did not set up their account, give them a releasing role here or set their secrets lately.
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
  if (correction.counters.includes(actor.userId)) {
    return { ok: false, code: 'COUNTER_CONFIRMATION', message: 'You counted this stock; a second person has to release the correction' }
  }
  const store = { id: correction.storeId, regionId: correction.regionId }
  const roles = [...new Set(actor.grants.filter((g) => grantCovers(g, store)).map((g) => g.role))]
  const deciding = roles.filter((role) => coverage[role].length > 0)
  if (deciding.length === 0) {
    return { ok: false, code: 'FORBIDDEN', message: 'Your role does not release corrections in this store' }
  }
  const tier = requiredTier(correction)
  const covering = deciding.filter((role) => coverage[role].includes(tier)).sort((a, b) => coverage[a].length - coverage[b].length)
  if (covering.length === 0) return { ok: false, code: 'TIER_NOT_COVERED', message: tierMessage(correction, tier) }
  const administered = administeredBy(actor, correction)
  if (administered) return { ok: false, code: 'ADMINISTERED_BY_ENTERER', message: administered }
  return { ok: true, role: covering[0]! }
}
