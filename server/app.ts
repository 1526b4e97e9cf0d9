import { OpenAPIHono } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import { csrf } from 'hono/csrf'
import { requestId } from 'hono/request-id'
import { secureHeaders } from 'hono/secure-headers'
import pino, { type Logger } from 'pino'
import type { Database } from '../db/client'
import { systemClock, type Clock } from './core/clock'
import { defaultCoreConfig, type CoreConfig, type Deps } from './core/context'
import { DomainError } from './core/errors'
import { Writer } from './core/writer'
import type { AppEnv, HttpConfig } from './http/app-env'
import { toErrorResponse } from './http/errors'
import { publicRoute } from './http/guard'
import { noStore, jsonWriteGuard } from './http/security'
import { sessionMiddleware } from './http/session'
import { auditRoutes } from './routes/audit'
import { authRoutes } from './routes/auth'
import { correctionRoutes } from './routes/corrections'
import { healthRoutes } from './routes/health'
import { itemRoutes } from './routes/items'
import { locationRoutes } from './routes/locations'
import { meRoutes } from './routes/me'
import { deliveryRoutes } from './routes/deliveries'
import { countRoutes } from './routes/counts'
import { transferRoutes } from './routes/transfers'
import { posRoutes } from './routes/pos'
import { replenishmentRoutes } from './routes/replenishment'
import { reviewRoutes } from './routes/review'
import { reportRoutes } from './routes/reports'
import { evidenceRoutes } from './routes/evidence'
import { adminRoutes } from './routes/admin'
import { tierPolicyRoutes } from './routes/tier-policy'
import { anomalyThresholdRoutes } from './routes/anomaly-thresholds'
import { deviceRoutes } from './routes/devices'
import { serveWebClient } from './web'
import { docsAsset, docsPage } from './http/api-docs'

export type AppOptions = {
  database: Database
  clock?: Clock
  logger?: Logger
  core?: Partial<CoreConfig>
  http?: Partial<HttpConfig>
  /** Folder of the built web client (dist/web) to serve on the same origin; omitted: API only. */
  webRoot?: string
}

export const defaultHttpConfig: HttpConfig = {
  cookieSecure: false,
  session: { idleMinutes: 60, absoluteHours: 12 },
  bodyLimit: 64 * 1024,
  importBodyLimit: 1024 * 1024,
  trustProxy: false,
}

export function createDeps(options: AppOptions): Deps {
  const { database } = options
  return {
    database,
    db: database.db,
    writer: new Writer(database.db),
    clock: options.clock ?? systemClock,
    config: { ...defaultCoreConfig, ...options.core },
  }
}

/** Content-Security-Policy for the app and API: everything from our own origin, nothing framed. */
const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  mediaSrc: ["'self'", 'blob:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'"],
  manifestSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
}

const SECURE_HEADERS = {
  contentSecurityPolicy: CSP,
  strictTransportSecurity: 'max-age=31536000; includeSubDomains',
  referrerPolicy: 'same-origin',
  xFrameOptions: 'DENY',
  permissionsPolicy: { camera: ['self'], microphone: [], geolocation: [] },
}

/** The API, chained so that `hc<AppType>` in the web client sees every route's types. */
function buildApi(deps: Deps, http: HttpConfig, logger: Logger) {
  const api = new OpenAPIHono<AppEnv>()
  api.use('*', async (c, next) => {
    c.set('deps', deps)
    c.set('http', http)
    c.set('logger', logger)
    await next()
  })
  api.use('*', requestId())
  api.use('*', noStore)
  // One limit for every body, except the few routes listed here that need more (and only those).
  const limit = (maxSize: number) =>
    bodyLimit({ maxSize, onError: () => { throw new DomainError('PAYLOAD_TOO_LARGE', `The request body is larger than ${maxSize} bytes`, { maxBytes: maxSize }) } })
  const [standardLimit, importLimit] = [limit(http.bodyLimit), limit(http.importBodyLimit)]
  api.use('/stores/:storeId/deliveries/import', async (c, next) => {
    c.set('bodyLimit', http.importBodyLimit)
    return importLimit(c, next)
  })
  api.use('*', (c, next) => (c.get('bodyLimit') === undefined ? standardLimit(c, next) : next()))
  api.use('*', csrf())
  api.use('*', jsonWriteGuard)
  api.use('*', sessionMiddleware)
  return api
    .route('/', healthRoutes)
    .route('/', authRoutes())
    .route('/', meRoutes)
    .route('/', itemRoutes)
    .route('/', locationRoutes)
    .route('/', deliveryRoutes)
    .route('/', countRoutes)
    .route('/', transferRoutes)
    .route('/', posRoutes)
    .route('/', correctionRoutes)
    .route('/', auditRoutes)
    .route('/', replenishmentRoutes)
    .route('/', reviewRoutes)
    .route('/', reportRoutes)
    .route('/', evidenceRoutes)
    .route('/', adminRoutes)
    .route('/', tierPolicyRoutes)
    .route('/', anomalyThresholdRoutes)
    .route('/', deviceRoutes)
}

export type AppType = ReturnType<typeof buildApi>

/**
 * Builds the app around its dependencies (database, clock, logger), so tests run the real app on a
 * temp database with a fixed clock. `app.deps.writer.close()` drains queued writes on shutdown.
 */
export function createApp(options: AppOptions) {
  const deps = createDeps(options)
  const logger = options.logger ?? pino({ level: 'silent' })
  const http: HttpConfig = { ...defaultHttpConfig, ...options.http }
  const api = buildApi(deps, http, logger)
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Backstore API',
      version: '0.1.0',
      description:
        'Store inventory with a four-eyes stock correction control. Errors: `{ error: { code, message, details? } }`. ' +
        'Writes need `Content-Type: application/json`; retryable writes an `Idempotency-Key` header.',
    },
  })
  api.get('/docs', publicRoute(), docsPage)
  api.get('/docs/assets/:file', publicRoute(), (c) => docsAsset(c, c.req.param('file')))
  api.notFound((c) => c.json({ error: { code: 'NOT_FOUND', message: 'No such API route' } }, 404))

  const app = new OpenAPIHono<AppEnv>()
  // One policy for every response, the API docs page included (its Swagger UI is served from our origin).
  app.use('*', secureHeaders({ ...SECURE_HEADERS, contentSecurityPolicy: CSP }))
  app.route('/api', api)
  if (options.webRoot) serveWebClient(app, options.webRoot)
  app.notFound((c) => c.json({ error: { code: 'NOT_FOUND', message: 'Not found' } }, 404))
  app.onError((err, c) => toErrorResponse(err, c, (e) => logger.error({ err: e, path: c.req.path }, 'unhandled error')))
  return Object.assign(app, { deps, logger })
}

export type App = ReturnType<typeof createApp>
