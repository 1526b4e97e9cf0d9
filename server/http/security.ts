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
 * JSON bodies are also checked for duplicate/prototype keys and excessive nesting.
 */
export const jsonWriteGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!WRITE_METHODS.has(c.req.method)) return next()
  if (c.req.header('sec-fetch-site') === 'cross-site') {
    throw new DomainError('CSRF_REJECTED', 'Cross-site requests are not allowed')
  }
  const hasBody = c.req.header('content-length') !== undefined ? c.req.header('content-length') !== '0' : c.req.header('transfer-encoding') !== undefined
  if (!hasBody) return next()
  if (!JSON_TYPE.test(c.req.header('content-type') ?? '')) {
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json')
  }
  const text = await c.req.text()
  const problem = checkJsonShape(text)
  if (problem) {
    const message =
      problem.problem === 'too_deep' ? 'The JSON body is nested too deeply' : `The JSON body has a ${problem.problem.replace('_', ' ')}: ${problem.key}`
    throw new DomainError('VALIDATION_FAILED', message, { ...problem })
  }
  await next()
}

/** API answers are personal and live: never cached by browsers or proxies. */
export const noStore: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next()
  c.header('Cache-Control', 'no-store')
}
