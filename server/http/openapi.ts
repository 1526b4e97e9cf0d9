import { OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from './app-env'
import { errorBody, zodDetails } from './errors'

/** A feature router: validation failures answer in the one error shape. */
export const createRouter = () =>
  new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        return c.json(errorBody('VALIDATION_FAILED', 'The request is not valid', zodDetails(result.error)), 400)
      }
    },
  })

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'NOT_FOUND' }),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .openapi('Error')

/** A required JSON body (required, so a non-JSON request is never waved through unvalidated). */
export const jsonBody = <T extends z.ZodType>(schema: T, description?: string) => ({
  required: true,
  description,
  content: { 'application/json': { schema } },
})

export const jsonResponse = <T extends z.ZodType>(schema: T, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
})

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request (code VALIDATION_FAILED, MALFORMED_JSON, IDEMPOTENCY_KEY_REQUIRED)',
  401: 'Not signed in, session expired, or credentials wrong',
  403: 'Signed in, but the role or the four-eyes rule does not allow this (or a temporary password/PIN must be replaced first)',
  404: 'Not found, or outside your stores',
  409: 'The record changed meanwhile (stale version) or is in another state',
  413: 'Body too large',
  415: 'Body is not application/json',
  422: 'Understood but refused (idempotency key reused, negative stock…)',
  423: 'Account locked after too many failed attempts',
  429: 'Too many attempts; see Retry-After',
}

/** The error responses a route may answer, for the OpenAPI document. */
export const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, jsonResponse(ErrorSchema, ERROR_DESCRIPTIONS[status] ?? 'Error')]))

export const StoreParams = z.object({ storeId: z.string().min(1).max(64).openapi({ param: { name: 'storeId', in: 'path' } }) })

/** Client-generated ids (UUID v7 recommended); also used as idempotency keys for offline clients. */
export const ClientId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'Use 8–64 letters, digits, - or _')
