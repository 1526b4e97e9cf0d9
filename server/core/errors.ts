/**
 * Typed domain errors. The core throws them; server/http/errors.ts maps each code to an HTTP status once.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  IDEMPOTENCY_KEY_REQUIRED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  SESSION_EXPIRED: 401,
  STEP_UP_REQUIRED: 401,
  FORBIDDEN: 403,
  CSRF_REJECTED: 403,
  SELF_CONFIRMATION: 403,
  COUNTER_CONFIRMATION: 403,
  ADMINISTERED_BY_ENTERER: 403,
  TIER_NOT_COVERED: 403,
  DEVICE_NOT_REGISTERED: 403,
  DEVICE_REVOKED: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  PIN_CHANGE_REQUIRED: 403,
  BLIND_COUNT: 403,
  RECOUNT_SAME_COUNTER: 403,
  COUNTER_CANNOT_REVIEW: 403,
  REVIEWER_CANNOT_COUNT: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  STALE_VERSION: 409,
  INVALID_STATE: 409,
  DUPLICATE: 409,
  COUNT_INCOMPLETE: 409,
  COUNT_OVERLAP: 409,
  BELOW_ZERO: 409,
  NOT_CANCELLABLE: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IDEMPOTENCY_KEY_REUSED: 422,
  NEGATIVE_STOCK: 422,
  UNPROCESSABLE: 422,
  UNKNOWN_ITEM: 422,
  NOT_ON_DOCUMENT: 422,
  INVALID_CSV: 422,
  WEAK_SECRET: 422,
  SAME_SECRET: 422,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const

export type ErrorCode = keyof typeof ERROR_STATUS

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
    this.name = 'DomainError'
  }
}

export const notFound = (what: string, details?: Record<string, unknown>) =>
  new DomainError('NOT_FOUND', `${what} not found`, details)
