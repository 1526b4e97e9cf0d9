import { isApiError, NETWORK_ERROR } from '../../../lib/api-client'

/**
 * What went wrong with a decision, in words a person at the tablet can act on. The codes are the
 * corrections API's (server/core/errors.ts); anything unknown falls back to a generic message.
 */
export type DecisionProblemKey =
  | 'offline'
  | 'invalidCredentials'
  | 'locked'
  | 'pinChangeRequired'
  | 'passwordChangeRequired'
  | 'rateLimited'
  | 'selfConfirmation'
  | 'counterConfirmation'
  | 'administeredByEnterer'
  | 'tierNotCovered'
  | 'forbidden'
  | 'staleVersion'
  | 'alreadyDecided'
  | 'stepUpRequired'
  | 'negativeStock'
  | 'disabled'
  | 'notFound'
  | 'invalidInput'
  | 'conflict'
  | 'generic'

export type DecisionProblem = {
  key: DecisionProblemKey
  /** Which field to put the focus back into. */
  field?: 'secret' | 'employeeNo'
  /** The correction changed under us: the only way on is to look again. */
  reload?: boolean
  /** Another person could still decide it: offer handing the tablet over. */
  handOver?: boolean
  tier?: string
}

export function describeDecisionError(err: unknown, online = true): DecisionProblem {
  if (!online || isApiError(err, NETWORK_ERROR)) return { key: 'offline' }
  if (!isApiError(err)) return { key: 'generic' }
  // The tier the decision needed: with a series valued together (F16) that is `effectiveTier`, above the stored `tier`.
  const needed = err.details?.effectiveTier ?? err.details?.tier
  const tier = typeof needed === 'string' ? needed : undefined
  switch (err.code) {
    case 'INVALID_CREDENTIALS':
      return { key: 'invalidCredentials', field: 'secret' }
    case 'ACCOUNT_LOCKED':
      return { key: 'locked', field: 'employeeNo' }
    // The secret was right, but someone else set it (a reset, a new account): it proves nothing until its holder chose their own.
    case 'PIN_CHANGE_REQUIRED':
      return { key: 'pinChangeRequired', field: 'employeeNo', handOver: true }
    case 'PASSWORD_CHANGE_REQUIRED':
      return { key: 'passwordChangeRequired', field: 'employeeNo', handOver: true }
    case 'RATE_LIMITED':
      return { key: 'rateLimited' }
    case 'SELF_CONFIRMATION':
      return { key: 'selfConfirmation', field: 'employeeNo', handOver: true }
    case 'COUNTER_CONFIRMATION':
      return { key: 'counterConfirmation', field: 'employeeNo', handOver: true }
    case 'ADMINISTERED_BY_ENTERER':
      return { key: 'administeredByEnterer', field: 'employeeNo', handOver: true }
    case 'TIER_NOT_COVERED':
      return { key: 'tierNotCovered', field: 'employeeNo', handOver: true, tier }
    case 'FORBIDDEN':
      return { key: 'forbidden', field: 'employeeNo', handOver: true }
    case 'STALE_VERSION':
      return { key: 'staleVersion', reload: true }
    case 'INVALID_STATE':
      return { key: 'alreadyDecided', reload: true }
    case 'STEP_UP_REQUIRED':
      return { key: 'stepUpRequired', field: 'secret' }
    case 'NEGATIVE_STOCK':
      return { key: 'negativeStock' }
    case 'UNAUTHENTICATED':
      return { key: 'disabled', field: 'employeeNo' }
    case 'NOT_FOUND':
      return { key: 'notFound', reload: true }
    case 'VALIDATION_FAILED':
      return { key: 'invalidInput' }
    case 'CONFLICT':
      return { key: 'conflict' }
    default:
      return { key: err.status === 0 ? 'offline' : 'generic' }
  }
}
