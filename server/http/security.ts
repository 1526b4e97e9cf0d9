import type { MiddlewareHandler } from 'hono'
import { DomainError } from '../core/errors'
import type { AppEnv } from './app-env'
import { checkJsonShape } from './json-body'

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const JSON_TYPE = /^application\/json\s*(;|$)/i

/**
 * State-changing API requests must be same-site JSON. Browsers cannot send `application/json`
 * cross-site without a CORS preflight (which we never grant), so this refuses cross-site form posts
 * (415/403) even where hono/csrf — which only inspects form content types — would not look.
 * JSON bodies are also checked for duplicate/prototype keys, excessive nesting and syntax, on every
 * write route (also those that declare no body, whose handlers would otherwise never look at it).
 */
export const jsonWriteGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!WRITE_METHODS.has(c.req.method)) return next()
  if (c.req.header('sec-fetch-site') === 'cross-site') {
    throw new DomainError('CSRF_REJECTED', 'Cross-site requests are not allowed')
  }
  // Whether a body came is read from the body itself: HTTP/2 and in-process requests carry neither
  // Content-Length nor Transfer-Encoding, and must not slip past these checks.
  if (c.req.header('content-length') === '0' || c.req.raw.body === null) return next()
  const text = await c.req.text()
  if (text.length === 0) return next()
  if (!JSON_TYPE.test(c.req.header('content-type') ?? '')) {
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json')
  }
  const problem = checkJsonShape(text)
  if (problem) {
    const message =
      problem.problem === 'too_deep' ? 'The JSON body is nested too deeply' : `The JSON body has a ${problem.problem.replace('_', ' ')}: ${problem.key}`
    throw new DomainError('VALIDATION_FAILED', message, { ...problem })
  }
  try {
    JSON.parse(text)
  } catch {
    throw new DomainError('MALFORMED_JSON', 'The request body is not valid JSON')
  }
  await next()
}

/** API answers are personal and live: never cached by browsers or proxies. */
export const noStore: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next()
  c.header('Cache-Control', 'no-store')
}
