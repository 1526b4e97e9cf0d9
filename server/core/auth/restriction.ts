import { DomainError } from '../errors'

/**
 * A session whose person still holds a secret someone else set may do nothing but replace it:
 * - `password`: the account's password is temporary (created or reset by a manager or administrator) —
 *   whatever way this session signed in, the holder chooses their own password first;
 * - `pin`: the session began with a temporary PIN — its holder sets their own PIN (proven with their
 *   password) first. Whoever set that PIN knows it, so it must not act as the holder.
 */
export type AccountRestriction = 'password' | 'pin'

export function accountRestriction(session: { method: string; passwordTemporary: boolean; pinTemporary: boolean }): AccountRestriction | null {
  if (session.passwordTemporary) return 'password'
  if (session.method === 'pin' && session.pinTemporary) return 'pin'
  return null
}

export const passwordChangeRequired = () =>
  new DomainError('PASSWORD_CHANGE_REQUIRED', 'Your password was set by someone else: choose your own password first (POST /api/me/password)')

export const pinChangeRequired = () =>
  new DomainError('PIN_CHANGE_REQUIRED', 'You signed in with a PIN someone else set: set your own PIN first, confirmed with your password (POST /api/me/pin)')

export const restrictionError = (restriction: AccountRestriction) =>
  restriction === 'password' ? passwordChangeRequired() : pinChangeRequired()
