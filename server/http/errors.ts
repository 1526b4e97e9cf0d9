import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { ZodError } from 'zod'
import { DomainError, ERROR_STATUS, type ErrorCode } from '../core/errors'

export type ErrorBody = { error: { code: string; message: string; details?: Record<string, unknown> } }

export function errorBody(code: ErrorCode | string, message: string, details?: Record<string, unknown>): ErrorBody {
  return { error: details ? { code, message, details } : { code, message } }
}

export const zodDetails = (error: ZodError) => ({
  issues: error.issues.map((issue) => ({ path: issue.path.join('.'), code: issue.code, message: issue.message })),
})

/** The one place where failures become HTTP responses: `{ error: { code, message, details? } }`. */
export function toErrorResponse(err: unknown, c: Context, log?: (err: unknown) => void) {
  if (err instanceof DomainError) {
    const status = ERROR_STATUS[err.code] as ContentfulStatusCode
    if (err.code === 'RATE_LIMITED' && typeof err.details?.retryAfterSeconds === 'number') {
      c.header('Retry-After', String(err.details.retryAfterSeconds))
    }
    return c.json(errorBody(err.code, err.message, err.details), status)
  }
  if (err instanceof ZodError) {
    return c.json(errorBody('VALIDATION_FAILED', 'The request is not valid', zodDetails(err)), 400)
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode
    if (status === 400 && /json/i.test(err.message)) {
      return c.json(errorBody('MALFORMED_JSON', 'The request body is not valid JSON'), 400)
    }
    if (status === 413) return c.json(errorBody('PAYLOAD_TOO_LARGE', 'The request body is too large'), 413)
    if (status === 415) return c.json(errorBody('UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json'), 415)
    if (status === 403) return c.json(errorBody('CSRF_REJECTED', 'Cross-site requests are not allowed'), 403)
    return c.json(errorBody(status === 401 ? 'UNAUTHENTICATED' : 'VALIDATION_FAILED', err.message || 'Request refused'), status)
  }
  log?.(err)
  return c.json(errorBody('INTERNAL', 'Something went wrong on our side; nothing was changed'), 500)
}
