/**
 * Measures the review queue, reports, anomalies and evidence export on a large chain.
 *   npx tsx test/core/reports.scale.ts [--db /tmp/bsbench/scale.db] [--stores 200] [--seeded 20] [--weeks 13] [--years 2] [--per-day 10]
 * Builds the database once (kept for the next run): the demo seed (`--seeded` stores with `--weeks` of
 * real stock history and POS receipts), then more stores up to `--stores`, and `--per-day` corrections per
 * store and day over `--years`, with their lines, decisions and weekly cycle counts — in bulk SQL.
 * Not part of `npm test` (no .test.ts suffix): it prints numbers for docs/decisions/005-report-aggregation.md.
 */
import { existsSync } from 'node:fs'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { sql } from 'drizzle-orm'
import { assertDurable, createDb, type Database } from '../../db/client'
import { migrateDb } from '../../db/migrate'
import { seedDemo } from '../../db/seed'
import { inWriteTransaction } from '../../db/seed-bulk'
import { fixedClock } from '../../server/core/clock'
import { defaultCoreConfig, type Ctx } from '../../server/core/context'
import { Writer } from '../../server/core/writer'

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: '/tmp/bsbench/scale.db' },
    stores: { type: 'string', default: '200' },
    seeded: { type: 'string', default: '20' },
    weeks: { type: 'string', default: '13' },
    years: { type: 'string', default: '2' },
    'per-day': { type: 'string', default: '10' },
    runs: { type: 'string', default: '3' },
    only: { type: 'string' },
  },
})
const NOW = new Date('2026-11-02T10:00:00.000Z')
const STORES = Number(args.stores)
const DAYS = Math.round(Number(args.years) * 365)
const PER_DAY = Number(args['per-day'])

async function build(database: Database) {
  await migrateDb(database)
  const log = (m: string) => console.log(`  ${m}`)
  const seeded = Number((await database.client.execute('SELECT COUNT(*) FROM stores')).rows[0]![0]) > 0
  if (!seeded) await seedDemo(database, { stores: Number(args.seeded), weeks: Number(args.weeks), items: 2000, now: NOW, log })
  if (Number((await database.client.execute(`SELECT COUNT(*) FROM corrections WHERE id LIKE 'bc-%'`)).rows[0]![0]) > 0) return
  const started = performance.now()
  await inWriteTransaction(database.client, async (tx) => {
    const run = (statement: string) => tx.execute(statement)
    const have = Number((await tx.execute('SELECT COUNT(*) FROM stores')).rows[0]![0])
    // More stores (with floor and stockroom), alternating between the seeded regions.
    await run(`CREATE TEMP TABLE n(x INTEGER PRIMARY KEY)`)
    await run(`WITH RECURSIVE r(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM r WHERE x < ${Math.max(STORES, 1) * DAYS * PER_DAY})
      INSERT INTO n SELECT x FROM r`)
    await run(`INSERT INTO stores (id, region_id, code, name, city)
      SELECT printf('st-x%04d', n.x), rg.id, printf('X%04d', n.x), printf('Bench store %d', n.x), 'Benchtown'
      FROM n JOIN (SELECT row_number() OVER (ORDER BY code) - 1 AS i, id, COUNT(*) OVER () AS c FROM regions) rg ON rg.i = n.x % rg.c
      WHERE n.x < ${Math.max(STORES - have, 0)}`)
    await run(`INSERT INTO locations (id, store_id, kind, code, name)
      SELECT s.id || '-' || k.kind, s.id, k.kind, upper(k.kind), k.kind FROM stores s
      CROSS JOIN (SELECT 'floor' AS kind UNION ALL SELECT 'stockroom') k WHERE s.id LIKE 'st-x%'`)
    await run(`CREATE TEMP TABLE bs AS SELECT row_number() OVER (ORDER BY s.id) - 1 AS n, s.id,
        (SELECT id FROM locations l WHERE l.store_id = s.id AND l.kind = 'stockroom' ORDER BY code LIMIT 1) AS loc
      FROM stores s`)
    await run(`CREATE TEMP TABLE bu AS SELECT row_number() OVER (ORDER BY id) - 1 AS n, id FROM users`)
    await run(`CREATE TEMP TABLE bi AS SELECT row_number() OVER (ORDER BY id) - 1 AS n, id, unit_cost FROM items`)
    await run(`CREATE TEMP TABLE br AS SELECT row_number() OVER (ORDER BY code) - 1 AS n, code FROM reason_codes WHERE code <> 'other'`)
    const S = `(SELECT COUNT(*) FROM bs)`
    const U = Number((await tx.execute('SELECT COUNT(*) FROM bu')).rows[0]![0])
    const I = Number((await tx.execute('SELECT COUNT(*) FROM bi')).rows[0]![0])
    const R = Number((await tx.execute('SELECT COUNT(*) FROM br')).rows[0]![0])
    const total = STORES * DAYS * PER_DAY
    // x → store x % S, day x / (S × perDay); two lines: item a (write-off 1–5) and item b (±1).
    await run(`CREATE TEMP TABLE g AS SELECT x, x % ${STORES} AS s, x / (${STORES * PER_DAY}) AS d,
        (x * 7919) % ${I} AS ia, (x * 104729 + 13) % ${I} AS ib, -((x % 5) + 1) AS qa, CASE WHEN x % 3 = 0 THEN 1 ELSE -1 END AS qb
      FROM n WHERE x < ${total}`)
    await run(`INSERT INTO corrections (id, store_id, status, source, reason_code, value, tier_value, tier, entered_by, entered_at, version)
      SELECT printf('bc-%09d', g.x), bs.id, 'pending', CASE WHEN g.x % 7 = 0 THEN 'count' ELSE 'backroom' END, br.code,
        ABS(g.qa) * a.unit_cost + CASE WHEN a.id = b.id THEN 0 ELSE b.unit_cost END,
        ABS(g.qa) * a.unit_cost + CASE WHEN a.id = b.id THEN 0 ELSE b.unit_cost END,
        CASE WHEN ABS(g.qa) * a.unit_cost + b.unit_cost <= 5000 THEN 'lead' WHEN ABS(g.qa) * a.unit_cost + b.unit_cost <= 50000 THEN 'store_manager' ELSE 'regional_manager' END,
        u.id, strftime('%Y-%m-%dT%H:%M:%fZ', '${NOW.toISOString()}', '-${DAYS} days', '+' || g.d || ' days', '+' || (6 + g.x % 13) || ' hours', '+' || (g.x % 59) || ' minutes'), 1
      FROM g JOIN bs ON bs.n = g.s JOIN bi a ON a.n = g.ia JOIN bi b ON b.n = g.ib JOIN br ON br.n = g.x % ${R} JOIN bu u ON u.n = (g.x * 31) % ${U}`)
    await run(`INSERT INTO correction_lines (id, correction_id, line_no, location_id, item_id, quantity_delta, unit_cost)
      SELECT printf('bl-%09d-1', g.x), printf('bc-%09d', g.x), 1, bs.loc, a.id, g.qa, a.unit_cost
      FROM g JOIN bs ON bs.n = g.s JOIN bi a ON a.n = g.ia`)
    await run(`INSERT INTO correction_lines (id, correction_id, line_no, location_id, item_id, quantity_delta, unit_cost)
      SELECT printf('bl-%09d-2', g.x), printf('bc-%09d', g.x), 2, bs.loc, b.id, g.qb, b.unit_cost
      FROM g JOIN bs ON bs.n = g.s JOIN bi b ON b.n = g.ib WHERE g.ia <> g.ib`)
    // Decisions: 5 % rejected, 5 % cancelled, the last two days pending, the rest confirmed (never by the enterer).
    await run(`UPDATE corrections SET
        status = CASE WHEN CAST(substr(id, 4) AS INTEGER) % 20 = 0 THEN 'rejected' WHEN CAST(substr(id, 4) AS INTEGER) % 20 = 1 THEN 'cancelled' ELSE 'confirmed' END,
        decided_by = CASE WHEN CAST(substr(id, 4) AS INTEGER) % 20 = 1 THEN entered_by
          ELSE (SELECT id FROM bu WHERE n = ((SELECT n FROM bu WHERE id = entered_by) + 1 + CAST(substr(id, 4) AS INTEGER) % 3) % ${U}) END,
        decided_at = strftime('%Y-%m-%dT%H:%M:%fZ', entered_at, '+' || (1 + CAST(substr(id, 4) AS INTEGER) % 30) || ' hours'),
        decided_role = 'store_manager', version = 2
      WHERE id LIKE 'bc-%' AND entered_at < '${new Date(NOW.getTime() - 2 * 86_400_000).toISOString()}'`)
    // Weekly cycle counts of 50 items per store; the count-sourced corrections of that week are theirs.
    await run(`INSERT INTO counts (id, store_id, kind, status, created_by, created_at, start_movement_id, submitted_by, submitted_at, correction_id)
      SELECT printf('bk-%s-%04d', bs.id, w.x), bs.id, 'cycle', 'submitted', (SELECT id FROM bu WHERE n = (bs.n + w.x) % ${U}),
        strftime('%Y-%m-%dT%H:%M:%fZ', '${NOW.toISOString()}', '-${DAYS} days', '+' || (w.x * 7) || ' days', '+7 hours'), 0,
        (SELECT id FROM bu WHERE n = (bs.n + w.x) % ${U}),
        strftime('%Y-%m-%dT%H:%M:%fZ', '${NOW.toISOString()}', '-${DAYS} days', '+' || (w.x * 7) || ' days', '+9 hours'),
        printf('bc-%09d', w.x * 7 * ${STORES * PER_DAY} + bs.n)
      FROM bs CROSS JOIN n w WHERE w.x < ${Math.floor(DAYS / 7)}`)
    await run(`INSERT INTO count_items (count_id, location_id, item_id, expected_at_start)
      SELECT k.id, bs.loc, bi.id, 10 FROM counts k JOIN bs ON bs.id = k.store_id JOIN bi ON bi.n < 50 WHERE k.id LIKE 'bk-%'`)
    await run(`INSERT INTO count_entries (id, count_id, location_id, item_id, quantity, user_id, at_movement_id, at)
      SELECT ci.count_id || '-' || ci.item_id, ci.count_id, ci.location_id, ci.item_id, 10, k.created_by, 0, k.submitted_at
      FROM count_items ci JOIN counts k ON k.id = ci.count_id WHERE k.id LIKE 'bk-%'`)
  })
  await database.client.execute('ANALYZE')
  console.log(`  synthetic corrections, lines and counts in ${((performance.now() - started) / 1000).toFixed(1)} s`)
}

async function main() {
  if (!existsSync(args.db)) console.log(`building ${args.db} …`)
  const database = createDb(`file:${args.db}`)
  await assertDurable(database)
  await build(database)
  const counts = await database.client.execute(`SELECT (SELECT COUNT(*) FROM stores), (SELECT COUNT(*) FROM corrections),
    (SELECT COUNT(*) FROM correction_lines), (SELECT COUNT(*) FROM pos_receipts), (SELECT COUNT(*) FROM movements),
    (SELECT COUNT(*) FROM count_entries), (SELECT COUNT(*) FROM audit_events)`)
  const [stores, corrections, lines, receipts, movements, entries, events] = Array.from(counts.rows[0]!, (v) => Number(v))
  console.log(`data: ${stores} stores, ${corrections} corrections, ${lines} lines, ${receipts} POS receipts, ${movements} movements, ${entries} count entries, ${events} audit events`)
  const ctxFor = async (employeeNo: string): Promise<Ctx> => {
    const user = (await database.client.execute({ sql: 'SELECT id FROM users WHERE employee_no = ?', args: [employeeNo] })).rows[0]!
    return {
      database,
      db: database.db,
      writer: new Writer(database.db),
      clock: fixedClock(NOW),
      config: defaultCoreConfig,
      actor: { userId: String(user[0]) },
    }
  }
  const scenarios = (await import('./reports.scale-scenarios')).scenarios
  const only = args.only ? new RegExp(args.only) : null
  for (const scenario of scenarios.filter((x) => !only || only.test(x.name))) {
    const ctx = await ctxFor(scenario.employeeNo)
    const times: number[] = []
    let note = ''
    // The longest the event loop was blocked during the runs (libSQL calls are synchronous).
    const loop = monitorEventLoopDelay({ resolution: 5 })
    loop.enable()
    for (let i = 0; i < Number(args.runs); i++) {
      const started = performance.now()
      note = await scenario.run(ctx, NOW)
      times.push(performance.now() - started)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    loop.disable()
    times.sort((a, b) => a - b)
    const blocked = (loop.max / 1e6).toFixed(0)
    console.log(`${scenario.name.padEnd(52)} median ${times[Math.floor(times.length / 2)]!.toFixed(0).padStart(6)} ms  (min ${times[0]!.toFixed(0)}, max ${times.at(-1)!.toFixed(0)}; loop blocked ≤ ${blocked} ms)  ${note}`)
  }
  void sql
  database.client.close()
}

await main()
