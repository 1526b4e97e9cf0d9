/**
 * Barcode look-up under load: the real app on a seeded temp database, served on a port by a child
 * process (so the load generator does not share its event loop), hammered by autocannon with a
 * signed-in clerk's cookie. Prints req/s and latency percentiles. Never asserted in tests.
 *
 *   npm run bench:lookup [-- --connections 50 --seconds 10]
 */
import { serve } from '@hono/node-server'
import autocannon from 'autocannon'
import { fork } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { assertDurable, createDb, type Database } from '../db/client'
import { migrateDb } from '../db/migrate'
import { createApp } from '../server/app'

export type BenchDatabase = Database & { path: string; dispose: () => void }

/** A fresh, migrated libSQL file in a temp directory (WAL + FULL, as in production). */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'backstore-bench-'))
  const path = join(dir, 'bench.db')
  const database = createDb(`file:${path}`)
  await assertDurable(database)
  await migrateDb(database)
  return {
    ...database,
    path,
    dispose: () => {
      database.client.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export type Seeded = { via: 'seedDemo' | 'test fixture'; login: { employeeNo: string; password: string }; storeId: string }

/** The demo seed (db/seed.ts) when present, else the small test fixture. */
export async function seed(database: Database, options: { stores?: number; items?: number; weeks?: number }): Promise<Seeded> {
  const seedModule = './../db/seed.ts'
  const demo = (await import(seedModule).catch(() => null)) as null | {
    seedDemo: (db: Database, opts: object) => Promise<{ accounts: Array<{ employeeNo: string; role: string; storeId: string | null }> }>
    DEMO_PASSWORD: string
  }
  if (demo?.seedDemo) {
    const summary = await demo.seedDemo(database, { ...options, log: (msg: string) => console.log(`  seed: ${msg}`) })
    const clerk = summary.accounts.find((a) => a.role === 'clerk')!
    return { via: 'seedDemo', login: { employeeNo: clerk.employeeNo, password: demo.DEMO_PASSWORD }, storeId: clerk.storeId! }
  }
  const { createFixture, PASSWORD } = await import('../test/support/fixtures')
  const fx = await createFixture(database)
  return { via: 'test fixture', login: { employeeNo: fx.users.clerk.employeeNo, password: PASSWORD }, storeId: 'st-a1' }
}

/** Starts the real app on `path` in a child process; resolves with its base URL and a stop function. */
export async function startServerChild(path: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', path], { execArgv: process.execArgv, stdio: 'inherit' })
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port))
    child.once('exit', (code) => reject(new Error(`server child exited (${code})`)))
  })
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

export async function signInCookie(url: string, login: { employeeNo: string; password: string }) {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(login) })
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`)
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
}

export const machine = () => `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}`

/** Runs autocannon over a rotating list of paths; returns its result. */
export function hammer(url: string, cookie: string, paths: string[], connections: number, seconds: number) {
  let next = 0
  return autocannon({
    url,
    connections,
    duration: seconds,
    headers: { cookie },
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length]! }),
      },
    ],
  })
}

export function printAutocannon(label: string, result: autocannon.Result) {
  console.log(
    `${label}: ${Math.round(result.requests.average)} req/s (total ${result.requests.total} in ${result.duration}s), ` +
      `latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms; ` +
      `non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}`,
  )
}

async function serveChild(path: string) {
  const database = createDb(`file:${path}`)
  await assertDurable(database)
  const app = createApp({ database })
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => process.send?.({ port: info.port }))
  process.on('SIGTERM', () => {
    server.close()
    void app.deps.writer.close().then(() => {
      database.client.close()
      process.exit(0)
    })
  })
}

async function main() {
  const { values } = parseArgs({ options: { connections: { type: 'string', default: '50' }, seconds: { type: 'string', default: '10' } } })
  const connections = Number(values.connections)
  const seconds = Number(values.seconds)
  console.log(`bench:lookup on ${machine()}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}, ${new Date().toISOString()}`)
  const database = await createBenchDatabase()
  try {
    const started = performance.now()
    const seeded = await seed(database, {})
    const barcodes = await database.client.execute('SELECT barcode FROM item_barcodes ORDER BY barcode LIMIT 2000')
    console.log(`seeded via ${seeded.via} in ${((performance.now() - started) / 1000).toFixed(1)} s; ${barcodes.rows.length} barcodes to scan`)
    const server = await startServerChild(database.path)
    try {
      const cookie = await signInCookie(server.url, seeded.login)
      const paths = barcodes.rows.map((r) => `/api/stores/${seeded.storeId}/items/lookup?code=${String(r[0])}`)
      await hammer(server.url, cookie, paths, 10, 2) // warm-up
      const result = await hammer(server.url, cookie, paths, connections, seconds)
      printAutocannon(`lookup by barcode, ${connections} connections, ${seconds} s`, result)
    } finally {
      await server.stop()
    }
  } finally {
    database.dispose()
  }
}

if (process.argv[2] === '--serve') void serveChild(process.argv[3]!)
else if (import.meta.url === pathToFileURL(process.argv[1]!).href) await main()
