import type { TFunction } from 'i18next'
import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { isApiError } from '../../../lib/api-client'
import { errorText } from '../../../lib/error-text'
import { PASSWORD_MIN_LENGTH, type PasswordProblem, type PinProblem } from '../../../../server/core/auth/rules'

/** Which field an answer belongs to, so the form can show it there and put the focus back. */
export type SecretField = 'current' | 'new' | 'form'
export type SecretError = { field: SecretField; text: string }

export const passwordProblemText = (t: TFunction, problem: PasswordProblem) =>
  t(`account.errors.password.${problem}`, { min: PASSWORD_MIN_LENGTH })
export const pinProblemText = (t: TFunction, problem: PinProblem) => t(`account.errors.pin.${problem}`)

/**
 * The server's answer to a change of my password or PIN, in words for the person at the screen (the codes are
 * server/core/errors.ts's; the reasons of WEAK_SECRET are those of server/core/auth/rules.ts).
 */
export function describeSecretError(t: TFunction, err: unknown, secret: 'password' | 'pin'): SecretError {
  if (!isApiError(err)) return { field: 'form', text: errorText(t, err) }
  const reason = typeof err.details?.reason === 'string' ? err.details.reason : null
  switch (err.code) {
    case 'INVALID_CREDENTIALS':
      return { field: 'current', text: t(err.details?.proof === 'pin' ? 'account.errors.wrongPin' : 'account.errors.wrongPassword') }
    case 'ACCOUNT_LOCKED':
      return { field: 'form', text: t('account.errors.locked') }
    case 'WEAK_SECRET':
      return {
        field: 'new',
        text: reason
          ? secret === 'password'
            ? passwordProblemText(t, reason as PasswordProblem)
            : pinProblemText(t, reason as PinProblem)
          : t('errors.codes.WEAK_SECRET'),
      }
    case 'SAME_SECRET':
      return { field: 'new', text: t(secret === 'password' ? 'account.errors.samePassword' : 'account.errors.samePin') }
    case 'PIN_CHANGE_REQUIRED':
      return { field: 'current', text: t('account.errors.pinNeedsPassword') }
    case 'PASSWORD_CHANGE_REQUIRED':
      return { field: 'form', text: t('account.errors.passwordFirst') }
    default:
      return { field: 'form', text: errorText(t, err) }
  }
}

export function useSecretError() {
  const { t } = useTranslation()
  return useCallback((err: unknown, secret: 'password' | 'pin') => describeSecretError(t, err, secret), [t])
}
