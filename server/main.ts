import { serve } from '@hono/node-server'
import { sql } from 'drizzle-orm'
import { fileURLToPath } from 'node:url'
import pino from 'pino'
import { assertDurable, createDb } from '../db/client'
import { migrateDb } from '../db/migrate'
import { createApp } from './app'
import { readEnv } from './env'
import { webClientBuilt } from './web'
import { housekeeping } from './core/ops/housekeeping'

/**
 * `npm start`: checks the database is durable, migrates, seeds demo data into an empty database,
 * builds the web client if needed, and serves API + web on one port. SIGTERM/SIGINT stop taking
 * requests, let in-flight ones finish (≤ 10 s), drain the writer and close the database.
 */
const env = readEnv()
const logger = pino({
  level: env.LOG_LEVEL,
  redact: { paths: ['req.headers.cookie', 'req.headers.authorization', '*.password', '*.pin', '*.token'], censor: '[redacted]' },
})
const webRoot = fileURLToPath(new URL('../dist/web', import.meta.url))

const database = createDb(env.DATABASE_URL, env.DATABASE_AUTH_TOKEN)
const checks = await assertDurable(database).catch((err: Error) => {
  logger.fatal(err.message)
  process.exit(1)
})
await migrateDb(database)
logger.info({ database: env.DATABASE_URL, ...checks }, 'database ready')

const empty = (await database.db.all(sql`SELECT 1 FROM users LIMIT 1`)).length === 0
let accounts: Array<{ employeeNo: string; name: string; role: string; scope: string; pin?: string | null }> = []
if (env.SEED_DEMO === '1') {
  const seed = await import('../db/seed')
  if (empty) {
    logger.info('empty database: seeding the demo chain (takes a few seconds)…')
    await seed.seedDemoWithCorrections(database, { log: (msg: string) => logger.info(msg) })
  }
  accounts = seed.DEMO_ACCOUNTS as typeof accounts
}

if (env.WEB_CLIENT === '1' && !webClientBuilt(webRoot)) {
  logger.info('building the web client (missing or older than its sources)…')
  const { build } = await import('vite')
  await build({ configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)), logLevel: 'warn' })
}

const app = createApp({
  database,
  logger,
  webRoot: env.WEB_CLIENT === '1' ? webRoot : undefined,
  http: {
    cookieSecure: env.COOKIE_SECURE === '1',
    trustProxy: env.TRUST_PROXY === '1',
    session: { idleMinutes: env.SESSION_IDLE_MINUTES, absoluteHours: env.SESSION_ABSOLUTE_HOURS },
  },
})

// Idempotency records past their retention, long-ended sessions, stale sign-in throttle rows.
async function tidy() {
  try {
    const removed = await housekeeping(app.deps)
    if (removed.idempotencyKeys + removed.sessions + removed.loginThrottle > 0) logger.info(removed, 'housekeeping')
  } catch (error) {
    logger.error({ err: error }, 'housekeeping failed')
  }
}
await tidy()
const housekeepingTimer = setInterval(() => void tidy(), 60 * 60 * 1000)
housekeepingTimer.unref()

let inFlight = 0
const server = serve({
  fetch: async (req, info) => {
    inFlight += 1
    try {
      return await app.fetch(req, info)
    } finally {
      inFlight -= 1
    }
  },
  port: env.PORT,
  hostname: env.HOST,
})

server.on('listening', () => {
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : env.PORT
  const lines = [`Backstore is running at http://localhost:${port}`, `API docs: http://localhost:${port}/api/docs`]
  if (accounts.length) {
    lines.push('Demo accounts (password demo1234; PIN for the tablet switch):')
    for (const a of accounts) lines.push(`  ${a.employeeNo.padEnd(6)} ${a.role.padEnd(17)} ${a.name.padEnd(22)} ${a.scope}${a.pin ? `  PIN ${a.pin}` : ''}`)
    lines.push('  The other demo stores have E11x1 clerk, E11x2 stockroom, E11x3 lead, E11x4 store manager (E1101… for the 2nd store; PIN = the digits).')
  }
  console.log(lines.join('\n'))
})

let stopping = false
async function shutdown(signal: string) {
  if (stopping) return
  stopping = true
  logger.info({ signal }, 'shutting down: finishing in-flight requests')
  server.close()
  clearInterval(housekeepingTimer)
  const deadline = Date.now() + 10_000
  while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25))
  await app.deps.writer.close()
  database.client.close()
  logger.info({ unfinished: inFlight }, 'stopped')
  process.exit(0)
}
process.on('SIGTERM', () => void shutdown('SIGTERM'))
process.on('SIGINT', () => void shutdown('SIGINT'))
