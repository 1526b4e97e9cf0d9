/**
 * How long verifying a long audit chain takes (RELIABILITY.md: 100k events in < 5 s).
 *   npx tsx test/core/audit-chain.scale.ts [--events 100000]
 * Not part of `npm test` (no .test.ts suffix): timings on a shared, busy machine are not a test.
 * Exits 1 when the bound is missed.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { assertDurable, createDb } from '../../db/client'
import { migrateDb } from '../../db/migrate'
import { verifyChain } from '../../server/core/audit/chain'
import { appendBulk } from './audit-helpers'

const { values } = parseArgs({ options: { events: { type: 'string', default: '100000' } } })
const events = Number(values.events)
const dir = mkdtempSync(join(tmpdir(), 'backstore-chain-scale-'))
const database = createDb(`file:${join(dir, 'chain.db')}`)
try {
  await assertDurable(database)
  await migrateDb(database)
  let started = performance.now()
  await appendBulk(database, events)
  console.log(`wrote ${events.toLocaleString('en-US')} chained events in ${Math.round(performance.now() - started)} ms`)
  started = performance.now()
  const report = await verifyChain(database.db)
  const ms = Math.round(performance.now() - started)
  console.log(`verified ${report.events.toLocaleString('en-US')} events in ${ms} ms: ${report.ok ? 'ok' : 'BROKEN'} (bound: 5000 ms)`)
  process.exitCode = report.ok && ms < 5000 ? 0 : 1
} finally {
  database.client.close()
  rmSync(dir, { recursive: true, force: true })
}
