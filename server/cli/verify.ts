import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { sql } from 'drizzle-orm'
import { createDb, type Database } from '../../db/client'
import { verifyChain, type ChainAnchor } from '../core/audit/chain'
import { auditHead, parseAnchor, verifyLedger } from '../core/ledger/verify-ledger'
import { rollupMismatches } from '../core/reports/rollup'
import { readEnv } from '../env'

const USAGE = `npm run verify -- [--db <url>] [--anchor <seq:hash | anchor.json>] [--export-anchor <file>] [--json]

Checks the ledger (balance = Σ movements for every key; correction movements ⇔ confirmed corrections
released by a second person, exactly once, matching their lines), the audit hash chain, and that the
report roll-ups equal a recomputation from the corrections and POS receipts.
  --anchor         an exported head: detects a removed tail (and a rewritten event at that seq)
  --export-anchor  writes the current head {seq, hash, at} to a file (do it daily, keep it elsewhere)
  --db             database URL (default: DATABASE_URL or file:data/backstore.db)
Exit code 0: all good · 1: problems found · 2: could not run.`

type Io = { out: (line: string) => void; env?: NodeJS.ProcessEnv }

const n = (value: number) => value.toLocaleString('en-US')
const short = (hash: string) => `${hash.slice(0, 16)}…`

function readAnchorArg(value: string): ChainAnchor | null {
  const direct = parseAnchor(value)
  if (direct) return direct
  if (!existsSync(value)) return null
  try {
    const json = JSON.parse(readFileSync(value, 'utf8')) as { seq?: unknown; hash?: unknown }
    return parseAnchor(`${String(json.seq)}:${String(json.hash)}`)
  } catch {
    return null
  }
}

/** Runs the verification and prints a report; returns the exit code. */
export async function runVerify(argv: string[], io: Io = { out: (line) => console.log(line) }): Promise<number> {
  let values: { db?: string; anchor?: string; 'export-anchor'?: string; json?: boolean; help?: boolean }
  try {
    values = parseArgs({
      args: argv,
      options: { db: { type: 'string' }, anchor: { type: 'string' }, 'export-anchor': { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' } },
    }).values
  } catch (error) {
    io.out(`${(error as Error).message}\n\n${USAGE}`)
    return 2
  }
  if (values.help) {
    io.out(USAGE)
    return 0
  }
  const anchor = values.anchor === undefined ? null : readAnchorArg(values.anchor)
  if (values.anchor !== undefined && !anchor) {
    io.out(`--anchor must be seq:hash (64 hex digits) or a file written by --export-anchor\n\n${USAGE}`)
    return 2
  }
  const env = readEnv(io.env ?? process.env)
  const url = values.db ?? env.DATABASE_URL
  if (url.startsWith('file:') && !existsSync(url.slice('file:'.length))) {
    io.out(`No database at ${url}`)
    return 2
  }

  const database = createDb(url, env.DATABASE_AUTH_TOKEN)
  try {
    return await report(database, url, anchor, values, io)
  } finally {
    database.client.close()
  }
}

async function report(database: Database, url: string, anchor: ChainAnchor | null, options: { 'export-anchor'?: string; json?: boolean }, io: Io) {
  const { db } = database
  const quickCheck = database.local ? String((await database.client.execute('PRAGMA quick_check')).rows[0]?.[0]) : 'skipped (server)'
  const ledger = await verifyLedger(db)
  const chain = await verifyChain(db, anchor && anchor.seq > 0 ? anchor : undefined)
  const head = await auditHead(db)
  const rollups = await rollupMismatches(db)
  const rollupsOk = rollups.corrections.length === 0 && rollups.sales.length === 0
  const [counts] = await db.all<{ balances: number; movements: number; corrections: number; confirmed: number }>(sql`SELECT
    (SELECT COUNT(*) FROM balances) AS balances, (SELECT COUNT(*) FROM movements) AS movements,
    (SELECT COUNT(*) FROM corrections) AS corrections, (SELECT COUNT(*) FROM corrections WHERE status = 'confirmed') AS confirmed`)
  const negativesNotAllowed = ledger.negativeStockroom.filter((b) => !Number(b.allowed))
  const integrityOk = quickCheck === 'ok' || quickCheck.startsWith('skipped')
  const ok = integrityOk && ledger.ok && chain.ok && rollupsOk

  // An anchor vouches for the chain up to its head: never export one from a chain that does not verify.
  const exportAnchor = options['export-anchor'] && chain.ok ? options['export-anchor'] : null
  if (exportAnchor) {
    mkdirSync(dirname(exportAnchor), { recursive: true })
    writeFileSync(exportAnchor, `${JSON.stringify({ ...head, exportedAt: new Date().toISOString() }, null, 2)}\n`)
  }

  if (options.json) {
    io.out(JSON.stringify({ ok, url, quickCheck, ledger, chain: { ...chain, head }, anchor, rollups }, null, 2))
    return ok ? 0 : 1
  }
  const c = counts!
  const line = (good: boolean, text: string) => io.out(`  ${good ? '✓' : '✗'} ${text}`)
  io.out(`Backstore verify — ${url}`)
  io.out('Database')
  line(integrityOk, `integrity check: ${quickCheck}`)
  io.out('Ledger')
  line(ledger.balanceMismatches.length === 0, `balance = Σ movements for all ${n(Number(c.balances))} balances (${n(Number(c.movements))} movements)`)
  for (const m of ledger.balanceMismatches.slice(0, 10)) io.out(`      location ${m.location_id} item ${m.item_id}: balance ${m.quantity ?? 'missing'}, movements sum ${m.total ?? 0}`)
  line(ledger.orphanCorrectionMovements.length === 0, 'every correction movement belongs to a confirmed correction released by a second person')
  if (ledger.orphanCorrectionMovements.length) io.out(`      movements: ${ledger.orphanCorrectionMovements.slice(0, 20).map((m) => m.id).join(', ')}`)
  line(ledger.confirmedWithoutMovements.length === 0, `confirmed corrections ⇔ their movements, exactly once (${n(Number(c.confirmed))} of ${n(Number(c.corrections))} corrections confirmed)`)
  if (ledger.confirmedWithoutMovements.length) io.out(`      correction lines: ${ledger.confirmedWithoutMovements.slice(0, 20).map((m) => m.id).join(', ')}`)
  line(ledger.correctionMovementMismatches.length === 0, 'correction movements post exactly their lines')
  if (ledger.correctionMovementMismatches.length) io.out(`      movements: ${ledger.correctionMovementMismatches.slice(0, 20).map((m) => m.id).join(', ')}`)
  line(ledger.valueMismatches.length === 0, 'correction values match their lines')
  if (ledger.valueMismatches.length) io.out(`      corrections: ${ledger.valueMismatches.slice(0, 20).map((m) => m.id).join(', ')}`)
  if (ledger.negativeStockroom.length) {
    io.out(`  ! ${ledger.negativeStockroom.length} stockroom balance(s) below zero (${negativesNotAllowed.length} where the store's policy does not allow it now): count those items`)
  }
  io.out('Audit chain')
  line(chain.problems.every((p) => p.problem.startsWith('anchor')), `${n(chain.events)} events recomputed${head.seq ? `; head ${head.seq}:${short(head.hash)} at ${head.at}` : ''}`)
  if (anchor) line(!chain.problems.some((p) => p.problem.startsWith('anchor')), `against the exported anchor ${anchor.seq}:${short(anchor.hash)}`)
  for (const p of chain.problems.slice(0, 20)) io.out(`      seq ${p.seq}: ${p.message} (${p.problem})`)
  if (chain.problems.length > 20) io.out(`      … and ${chain.problems.length - 20} more`)
  io.out('Reports')
  line(rollupsOk, 'daily report roll-ups equal a recomputation from confirmed corrections and POS receipts')
  for (const m of rollups.corrections.slice(0, 10)) io.out(`      corrections ${m.dim} ${m.storeId} ${m.day} ${m.key || '(total)'}: stored ${m.stored ?? 'none'}, actual ${m.actual ?? 'none'}`)
  for (const m of rollups.sales.slice(0, 10)) io.out(`      sales ${m.storeId} ${m.day}: stored ${m.stored ?? 'none'}, actual ${m.actual ?? 'none'}`)
  if (exportAnchor) io.out(`Anchor ${head.seq}:${head.hash} written to ${exportAnchor}`)
  else if (options['export-anchor']) io.out(`No anchor written: the audit chain does not verify`)
  io.out(ok ? 'Result: OK' : 'Result: PROBLEMS FOUND')
  return ok ? 0 : 1
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runVerify(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error)
      process.exit(2)
    },
  )
}
