/**
 * A small till simulator: posts realistic receipts to a running Backstore server with a store's POS
 * API key, and prints throughput and latency percentiles. Use it for demos (watch floor stock fall
 * and items get flagged for a count) and as a benchmark of the receipt intake.
 *
 *   npm run pos:simulate -- --key bspos_… [--url http://localhost:3000] [--receipts 1000] [--concurrency 10]
 *                           [--replay 0.05] [--returns 0.03] [--seed 1] [--prefix SIM-…]
 *
 * Receipts: 1–8 lines (mostly 1–3), items drawn from the store's price list with a Zipf-like skew
 * (a few items sell a lot), quantity mostly 1, now and then a return. A share of receipts is sent a
 * second time with the same receipt id, as a till does after a lost answer: those must come back as
 * replays (200, Idempotent-Replayed) and post nothing. Never run against production data.
 */
import { parseArgs } from 'node:util'

type CatalogItem = { sku: string; name: string; price: number; barcodes: string[] }
type Line = { barcode?: string; sku?: string; quantity: number; kind: 'sale' | 'return' }
type Sample = { ms: number; status: number; replay: boolean; lines: number; replayed: boolean }

const HELP = `usage: npm run pos:simulate -- --key <bspos_…> [--url URL] [--receipts N] [--concurrency C]
       [--replay FRACTION] [--returns FRACTION] [--seed N] [--prefix TEXT]
  --key          the store's POS API key (or env POS_KEY), created in the office: POST /api/stores/{storeId}/pos-keys
  --url          server base URL (default http://localhost:3000)
  --receipts     receipts to post (default 1000)
  --concurrency  tills posting at once (default 10)
  --replay       share of receipts sent twice, like a till retrying (default 0.05)
  --returns      share of lines that are returns (default 0.03)
  --seed         random seed, for the same receipts every run (default: time)
  --prefix       receipt id prefix (default SIM-<time>; receipt ids must be new to post)`

/** mulberry32: a tiny seeded PRNG, so a run can be repeated exactly. */
function random(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Cumulative Zipf weights (s = 1.1): item k sells about 1/k^1.1 as often as the best seller. */
function zipfPicker(n: number, rnd: () => number) {
  const cumulative: number[] = []
  let total = 0
  for (let k = 1; k <= n; k++) cumulative.push((total += 1 / k ** 1.1))
  return () => {
    const x = rnd() * total
    let lo = 0
    let hi = n - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cumulative[mid]! < x) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}

export function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

async function fetchCatalog(url: string, key: string): Promise<CatalogItem[]> {
  const items: CatalogItem[] = []
  let after: string | null = null
  do {
    const res = await fetch(`${url}/api/pos/catalog?limit=1000${after ? `&after=${encodeURIComponent(after)}` : ''}`, { headers: { authorization: `Bearer ${key}` } })
    if (res.status !== 200) throw new Error(`price list: ${res.status} ${await res.text()}`)
    const page = (await res.json()) as { items: CatalogItem[]; nextAfter: string | null }
    items.push(...page.items)
    after = page.nextAfter
  } while (after && items.length < 20_000)
  return items
}

function makeReceipt(catalog: CatalogItem[], pick: () => number, rnd: () => number, returns: number): Line[] {
  // 1–8 lines, most receipts short: 1 (35 %), 2 (25 %), 3 (15 %), then tapering off.
  const r = rnd()
  const count = r < 0.35 ? 1 : r < 0.6 ? 2 : r < 0.75 ? 3 : 4 + Math.floor(rnd() * 5)
  return Array.from({ length: count }, () => {
    const item = catalog[pick()]!
    const q = rnd()
    const quantity = q < 0.8 ? 1 : q < 0.95 ? 2 : 3 + Math.floor(rnd() * 4)
    const code = item.barcodes.length > 0 && rnd() < 0.9 ? { barcode: item.barcodes[0]! } : { sku: item.sku }
    return { ...code, quantity, kind: rnd() < returns ? 'return' : 'sale' }
  })
}

async function main() {
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: 'http://localhost:3000' },
      key: { type: 'string', default: process.env.POS_KEY ?? '' },
      receipts: { type: 'string', default: '1000' },
      concurrency: { type: 'string', default: '10' },
      replay: { type: 'string', default: '0.05' },
      returns: { type: 'string', default: '0.03' },
      seed: { type: 'string', default: String(Date.now() % 1_000_000) },
      prefix: { type: 'string', default: `SIM-${Date.now().toString(36)}` },
      help: { type: 'boolean', default: false },
    },
  })
  const receipts = Number(values.receipts)
  const concurrency = Number(values.concurrency)
  const replayShare = Number(values.replay)
  const returnShare = Number(values.returns)
  if (values.help || !values.key || !(receipts > 0) || !(concurrency > 0) || !(replayShare >= 0 && replayShare <= 1) || !(returnShare >= 0 && returnShare <= 1)) {
    console.log(HELP)
    process.exit(values.help ? 0 : 2)
  }
  const url = values.url.replace(/\/+$/, '')
  const catalog = await fetchCatalog(url, values.key)
  if (catalog.length === 0) throw new Error('the price list is empty')
  const rnd = random(Number(values.seed))
  const pick = zipfPicker(catalog.length, rnd)
  console.log(`pos:simulate → ${url}: ${receipts} receipts, ${concurrency} tills, ${catalog.length} items, seed ${values.seed}, ids ${values.prefix}-…`)

  const samples: Sample[] = []
  const failures = new Map<string, number>()
  const post = async (body: unknown, replay: boolean, lines: number) => {
    const started = performance.now()
    let status = 0
    let replayed = false
    try {
      const res = await fetch(`${url}/api/pos/receipts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${values.key}` },
        body: JSON.stringify(body),
      })
      status = res.status
      replayed = res.headers.get('idempotent-replayed') === 'true'
      const text = await res.text()
      if (status >= 300) {
        const code = (() => { try { return (JSON.parse(text) as { error?: { code?: string } }).error?.code } catch { return undefined } })()
        const key = `${status} ${code ?? ''}`.trim()
        failures.set(key, (failures.get(key) ?? 0) + 1)
      }
    } catch (err) {
      failures.set(`network ${(err as Error).message}`, (failures.get(`network ${(err as Error).message}`) ?? 0) + 1)
    }
    samples.push({ ms: performance.now() - started, status, replay, lines, replayed })
  }

  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: Math.min(concurrency, receipts) }, async () => {
      for (let i = next++; i < receipts; i = next++) {
        const lines = makeReceipt(catalog, pick, rnd, returnShare)
        const body = { receiptId: `${values.prefix}-${String(i + 1).padStart(7, '0')}`, at: new Date().toISOString(), lines }
        await post(body, false, lines.length)
        if (rnd() < replayShare) await post(body, true, lines.length)
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000

  const firsts = samples.filter((s) => !s.replay)
  const replays = samples.filter((s) => s.replay)
  const posted = firsts.filter((s) => s.status === 201)
  const lines = posted.reduce((sum, s) => sum + s.lines, 0)
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b)
  const fmt = (n: number) => n.toFixed(1)
  console.log(`posted ${posted.length}/${firsts.length} receipts (${lines} lines) in ${seconds.toFixed(2)} s → ${fmt(posted.length / seconds)} receipts/s, ${fmt(lines / seconds)} lines/s`)
  console.log(`latency over ${samples.length} requests: p50 ${fmt(percentile(ms, 50))} ms, p90 ${fmt(percentile(ms, 90))} ms, p99 ${fmt(percentile(ms, 99))} ms, max ${fmt(ms.at(-1) ?? 0)} ms`)
  const goodReplays = replays.filter((s) => s.status === 200 && s.replayed).length
  console.log(`replays: ${replays.length} sent, ${goodReplays} answered as replays (posted nothing)${replays.length === goodReplays ? '' : ' — UNEXPECTED'}`)
  if (failures.size > 0) console.log(`failures: ${[...failures].map(([k, n]) => `${k} ×${n}`).join(', ')}`)
  process.exitCode = failures.size > 0 || replays.length !== goodReplays ? 1 : 0
}

await main()
