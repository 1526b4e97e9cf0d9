/**
 * Postings per second through the group-commit writer: N concurrent callers, each posting one
 * receipt after another the way a handler does it (once() for the idempotency key, applyMovements,
 * appendAudit — one writer command each), then the same with movements only. Prints throughput, batch
 * sizes, latency percentiles and the event-loop delay, then checks balance = Σ movements and the audit
 * chain. Never asserted in tests.
 *
 *   npm run bench:writer [-- --callers 50 --postings 200]
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { appendAudit } from '../server/core/audit/chain'
import { applyMovements } from '../server/core/ledger/apply-movements'
import { once } from '../server/core/ledger/idempotency'
import { Writer } from '../server/core/writer'
import { createFixture } from '../test/support/fixtures'
import { checkInvariants } from '../test/support/invariants'
import { createBenchDatabase, machine } from './lookup'

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!

async function main() {
  const { values } = parseArgs({ options: { callers: { type: 'string', default: '50' }, postings: { type: 'string', default: '200' } } })
  const callers = Number(values.callers)
  const perCaller = Number(values.postings)
  console.log(`bench:writer on ${machine()}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}, ${new Date().toISOString()}`)
  const database = await createBenchDatabase()
  try {
    const fx = await createFixture(database)
    const writer = new Writer(database.db)
    const items = fx.items.map((i) => i.id)

    const lineFor = (caller: number, n: number, label: string) => {
      const store = fx.stores[(caller + n) % fx.stores.length]!.id
      return {
        storeId: store,
        itemId: items[(caller * 7 + n) % items.length]!,
        fromLocationId: null,
        toLocationId: fx.loc(store, 'stockroom'),
        counterparty: 'supplier' as const,
        quantity: 1 + (n % 5),
        kind: 'receipt' as const,
        docType: 'bench',
        docId: `${label}-${caller}-${n}`,
      }
    }
    const actor = { userId: fx.users.stockroom.id }

    /** What a retryable posting verb does: idempotency record, movements + balances, audit event. */
    const full = (caller: number, n: number) => {
      const at = new Date()
      const line = lineFor(caller, n, 'full')
      return writer.run((tx) =>
        once(tx, at, { scope: `user:${actor.userId}`, key: line.docId, payload: line }, async () => {
          await applyMovements(tx, at, actor, [line])
          await appendAudit(tx, at, actor, { action: 'bench.posting', entityType: 'movement', entityId: line.docId, storeId: line.storeId, after: line })
          return { status: 201, body: { docId: line.docId } }
        }),
      )
    }
    /** Movements + balances only, to see what the idempotency record and the audit event cost. */
    const bare = (caller: number, n: number) => {
      const at = new Date()
      return writer.run((tx) => applyMovements(tx, at, actor, [lineFor(caller, n, 'bare')]))
    }

    for (const [label, postOne] of [['full posting (once + movements + audit)', full], ['movements only', bare]] as const) {
      const latencies: number[] = []
      const delay = monitorEventLoopDelay({ resolution: 1 })
      const before = { ...writer.stats }
      delay.enable()
      const started = performance.now()
      await Promise.all(
        Array.from({ length: callers }, async (_, caller) => {
          for (let n = 0; n < perCaller; n++) {
            const t = performance.now()
            await postOne(caller, n)
            latencies.push(performance.now() - t)
          }
        }),
      )
      const seconds = (performance.now() - started) / 1000
      delay.disable()
      latencies.sort((a, b) => a - b)
      const total = callers * perCaller
      const commits = writer.stats.batches - before.batches
      console.log(
        `${label}: ${total} postings by ${callers} concurrent callers in ${seconds.toFixed(2)} s = ${Math.round(total / seconds)} postings/s; ` +
          `${commits} commits, avg batch ${((writer.stats.commands - before.commands) / commits).toFixed(1)}, max batch ${writer.stats.maxBatch}; ` +
          `latency p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms; ` +
          `event-loop delay p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms, max ${(delay.max / 1e6).toFixed(1)} ms`,
      )
    }

    const check = await checkInvariants(database)
    console.log(
      `invariants: balance mismatches ${check.balanceMismatches.length}, audit chain ${check.chain.ok ? 'ok' : 'BROKEN'} (${check.chain.events} events)` +
        (check.balanceMismatches.length || !check.chain.ok ? ' — FAILED' : ' — ok'),
    )
    await writer.close()
    if (check.balanceMismatches.length || !check.chain.ok) process.exitCode = 1
  } finally {
    database.dispose()
  }
}

await main()
