import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { assertDurable, createDb } from '../../db/client'
import { createDeps } from '../../server/app'
import { createPosKey } from '../../server/core/pos/keys'
import { createTestDatabase } from '../support/db'
import { createFixture } from '../support/fixtures'
import { assertInvariants } from '../support/invariants'

/**
 * Kill -9 under load, restart, replay the client's outbox with the same ids (RELIABILITY.md, "Crash").
 * The real server runs as a child process on the test's database file; tills post receipts.
 */
const ROUNDS = Number(process.env.BACKSTORE_CRASH_ROUNDS ?? 10)
const PER_ROUND = 60

type Receipt = { receiptId: string; lines: Array<{ barcode: string; quantity: number }> }

function startServer(dbPath: string): Promise<{ child: ChildProcess; url: string; exited: Promise<unknown[]> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, DATABASE_URL: `file:${dbPath}`, PORT: '0', HOST: '127.0.0.1', SEED_DEMO: '0', WEB_CLIENT: '0', LOG_LEVEL: 'warn', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  // Captured now: after a SIGKILL `exitCode` stays null (only `signalCode` is set), so checking it later misleads.
  const exited = once(child, 'exit')
  return new Promise((resolve, reject) => {
    let out = ''
    const onData = (chunk: Buffer) => {
      out += chunk.toString()
      const match = /running at (http:\/\/localhost:\d+)/.exec(out)
      if (match) resolve({ child, url: match[1]!.replace('localhost', '127.0.0.1'), exited })
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${out}`)))
  })
}

async function post(url: string, key: string, receipt: Receipt) {
  const res = await fetch(`${url}/api/pos/receipts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(receipt),
  })
  return { status: res.status, replayed: res.headers.get('idempotent-replayed') === 'true' }
}

async function prepare() {
  const database = await createTestDatabase()
  const fx = await createFixture(database)
  const deps = createDeps({ database })
  const store = { id: 'st-a1', regionId: 'rg-a' }
  const { secret } = await createPosKey({ ctx: { ...deps, actor: { userId: fx.users.manager.id } }, store, input: { name: 'Till 1' } })
  await deps.writer.close()
  const receipts: Receipt[] = Array.from({ length: ROUNDS * PER_ROUND }, (_, i) => ({
    receiptId: `till1-${String(i).padStart(5, '0')}`,
    lines: [
      { barcode: fx.barcodes[i % fx.barcodes.length]!.barcode, quantity: 1 + (i % 3) },
      { barcode: fx.barcodes[(i + 2) % fx.barcodes.length]!.barcode, quantity: 1 },
    ],
  }))
  return { database, secret, receipts }
}

describe('crash safety', () => {
  it(`survives ${ROUNDS} rounds of kill -9 under load: every acknowledged receipt present once, replays post nothing twice`, async () => {
    const { database, secret, receipts } = await prepare()
    database.client.close() // one server process per database file: the child owns it now
    const acknowledged = new Set<string>()
    let failures = 0
    for (let round = 0; round < ROUNDS; round++) {
      const { child, url, exited } = await startServer(database.path)
      const queue = receipts.slice(round * PER_ROUND, (round + 1) * PER_ROUND)
      // Half of the previous round's receipts are re-sent too, as a till's outbox would after a timeout.
      if (round > 0) queue.push(...receipts.slice((round - 1) * PER_ROUND, (round - 1) * PER_ROUND + PER_ROUND / 2))
      const killAfter = 150 + Math.floor(Math.random() * 500)
      const killer = setTimeout(() => child.kill('SIGKILL'), killAfter)
      await Promise.all(
        Array.from({ length: 12 }, async () => {
          for (let next = queue.shift(); next; next = queue.shift()) {
            try {
              const res = await post(url, secret, next)
              if (res.status === 200 || res.status === 201) acknowledged.add(next.receiptId)
              else failures += 1
            } catch {
              return // connection refused/reset: the server is gone; the outbox keeps the rest
            }
          }
        }),
      )
      clearTimeout(killer)
      child.kill('SIGKILL') // a no-op when the killer already struck
      await exited
    }
    expect(failures).toBe(0)
    expect(acknowledged.size).toBeGreaterThan(0)

    // Restart and replay the whole outbox with the same ids.
    const { child, url, exited } = await startServer(database.path)
    let replayedAcknowledged = 0
    for (const receipt of receipts) {
      const res = await post(url, secret, receipt)
      expect([200, 201], receipt.receiptId).toContain(res.status)
      if (acknowledged.has(receipt.receiptId)) {
        expect(res.replayed, `${receipt.receiptId} was acknowledged before the crash`).toBe(true)
        replayedAcknowledged += 1
      }
    }
    expect(replayedAcknowledged).toBe(acknowledged.size)
    child.kill('SIGTERM')
    const [code] = await exited
    expect(code).toBe(0)

    const reopened = createDb(`file:${database.path}`)
    await expect(assertDurable(reopened)).resolves.toMatchObject({ quick_check: 'ok' })
    const [counts] = await reopened.db.all<{ receipts: number; lines: number; units: number }>(sql`SELECT
      (SELECT COUNT(*) FROM pos_receipts) AS receipts,
      (SELECT COUNT(*) FROM movements WHERE kind = 'sale') AS lines,
      (SELECT SUM(quantity) FROM movements WHERE kind = 'sale') AS units`)
    expect(Number(counts!.receipts)).toBe(receipts.length)
    expect(Number(counts!.lines)).toBe(receipts.length * 2)
    expect(Number(counts!.units)).toBe(receipts.reduce((sum, r) => sum + r.lines.reduce((s, l) => s + l.quantity, 0), 0))
    await assertInvariants(reopened)
    reopened.client.close()
  }, 600_000)

  it('SIGTERM lets in-flight requests finish and leaves nothing half-applied', async () => {
    const { database, secret, receipts } = await prepare()
    database.client.close()
    const { child, url, exited } = await startServer(database.path)
    const batch = receipts.slice(0, 40)
    const inFlight = batch.map((r) => post(url, secret, r).catch(() => ({ status: 0, replayed: false })))
    // The signal comes once the server answers the first receipt, while the others are still in flight. (A fixed
    // 20 ms sleep let a slow machine signal before any connection was accepted: nothing answered at all.)
    const firstAnswer = Promise.race(inFlight.map((p) => p.then((r) => (r.status === 201 ? r : new Promise<never>(() => {})))))
    await Promise.race([firstAnswer, Promise.all(inFlight)])
    child.kill('SIGTERM')
    const results = await Promise.all(inFlight)
    const [code] = await exited
    expect(code).toBe(0)
    const answered = results.filter((r) => r.status === 201).length
    const reopened = createDb(`file:${database.path}`)
    const [row] = await reopened.db.all<{ n: number }>(sql`SELECT COUNT(*) AS n FROM pos_receipts`)
    // Every answered receipt is stored; requests refused at the closed door changed nothing.
    expect(Number(row!.n)).toBeGreaterThanOrEqual(answered)
    expect(answered).toBeGreaterThan(0)
    await assertInvariants(reopened)
    reopened.client.close()
  }, 120_000)
})
