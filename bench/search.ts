/**
 * Item search (FTS5 prefix match) on a 200,000-item catalog: per query shape the time one search
 * blocks the event loop (libSQL calls are synchronous), then the search endpoint under load with
 * autocannon against the real app in a child process. Never asserted in tests.
 *
 *   npm run bench:search [-- --items 200000 --seconds 10]
 */
import { loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { searchItems } from '../server/core/items/search-items'
import { createBenchDatabase, hammer, machine, printAutocannon, seed, signInCookie, startServerChild } from './lookup'

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!

async function main() {
  const { values } = parseArgs({ options: { items: { type: 'string', default: '200000' }, seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '20' } } })
  const items = Number(values.items)
  console.log(`bench:search on ${machine()}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}, ${new Date().toISOString()}`)
  const database = await createBenchDatabase()
  try {
    const started = performance.now()
    const seeded = await seed(database, { stores: 2, items, weeks: 0 })
    const count = Number((await database.client.execute('SELECT COUNT(*) FROM items')).rows[0]![0])
    console.log(`seeded ${count} items via ${seeded.via} in ${((performance.now() - started) / 1000).toFixed(1)} s`)

    // Query shapes taken from the catalog itself, in a fixed order (same words every run).
    const sample = await database.client.execute('SELECT name, sku FROM items WHERE rowid % 997 = 0 ORDER BY rowid LIMIT 200')
    const names = sample.rows.map((r) => String(r[0]))
    const words = names.map((n) => n.split(/\s+/).find((w) => /^\p{L}{4,}$/u.test(w)) ?? n.split(/\s+/)[0]!)
    const shapes: Record<string, string[]> = {
      '2-letter prefix': words.map((w) => w.slice(0, 2)),
      '3-letter prefix': words.map((w) => w.slice(0, 3)),
      'whole word': words,
      'two words': names.map((n) => n.split(/\s+/).slice(0, 2).join(' ')),
      SKU: sample.rows.map((r) => String(r[1])),
      'no match': words.map((w) => `zzq${w}`),
    }
    for (const [shape, queries] of Object.entries(shapes)) {
      const times: number[] = []
      let hits = 0
      for (const q of queries) {
        const t = performance.now()
        hits += (await searchItems(database.db, seeded.storeId, q, 20)).length
        times.push(performance.now() - t)
      }
      times.sort((a, b) => a - b)
      console.log(
        `search ${shape.padEnd(15)} (${queries.length} queries, e.g. "${queries[0]}"): p50 ${percentile(times, 50).toFixed(2)} ms, ` +
          `p99 ${percentile(times, 99).toFixed(2)} ms, max ${times.at(-1)!.toFixed(2)} ms, avg hits ${(hits / queries.length).toFixed(1)}`,
      )
    }

    const server = await startServerChild(database.path)
    try {
      const cookie = await signInCookie(server.url, seeded.login)
      const mixed = [...shapes['3-letter prefix']!, ...shapes['whole word']!, ...shapes['two words']!]
      const paths = mixed.map((q) => `/api/stores/${seeded.storeId}/items/search?q=${encodeURIComponent(q)}`)
      const connections = Number(values.connections)
      const seconds = Number(values.seconds)
      printAutocannon(`search endpoint (3-letter, word, two words), ${connections} connections, ${seconds} s`, await hammer(server.url, cookie, paths, connections, seconds))
    } finally {
      await server.stop()
    }
  } finally {
    database.dispose()
  }
}

await main()
