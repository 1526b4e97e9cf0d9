import { sql } from 'drizzle-orm'
import { appendAudit, verifyChain, type ChainAnchor, type ChainProblem } from '../audit/chain'
import type { Ctx } from '../context'
import { toPeriod, type Period } from '../reports/period'
import { reportScope } from '../reports/report-scope'
import type { ScopedStore } from '../review/scope'
import { first } from '../sql'
import { csvRow, type Cell } from './csv'
import { evidenceRows, type EvidenceRow } from './evidence-rows'
import { EvidenceQuery, MAX_EVIDENCE_DAYS, type EvidenceQueryInput } from './schemas'
import { SOD_CHECKS, type SodCheck } from './sod'

export type EvidenceFormat = 'json' | 'csv' | 'html'

/** Rows printed in the HTML report; the CSV always has all of them. */
export const MAX_PRINTED_ROWS = 2000
/** Ids listed per failed check (the CSV flags every row). */
const MAX_LISTED = 100

type Prepared = { period: Period; stores: ScopedStore[]; generatedAt: string; generatedBy: { id: string; name: string; employeeNo: string }; exportSeq: number }

/**
 * Authorizes (evidence.export in every selected store), and records the export itself in the audit
 * chain — so the chain head reported with the evidence is the export event, and a later verification
 * against that anchor proves nothing was removed since.
 */
async function prepare(ctx: Ctx, input: EvidenceQueryInput, format: EvidenceFormat): Promise<Prepared> {
  const query = EvidenceQuery.parse(input)
  const period = toPeriod(query.from, query.to, MAX_EVIDENCE_DAYS)
  const { stores } = await reportScope(ctx, 'evidence.export', query)
  const me = await first<{ id: string; name: string; employeeNo: string }>(ctx.db, sql`SELECT id, name, employee_no AS employeeNo FROM users WHERE id = ${ctx.actor.userId}`)
  const at = ctx.clock.now()
  const event = await ctx.writer.run((tx) =>
    appendAudit(tx, at, ctx.actor, {
      action: 'evidence.exported',
      entityType: 'evidence',
      entityId: `${period.from}..${period.to}`,
      after: { format, from: period.from, to: period.to, storeIds: stores.map((s) => s.id) },
    }),
  )
  return { period, stores, generatedAt: at.toISOString(), generatedBy: me!, exportSeq: event.seq }
}

export type SodSummaryEntry = { check: SodCheck; description: string; count: number; correctionIds: string[]; ok: boolean }

export type EvidenceReport = {
  period: { from: string; to: string; days: number }
  stores: Array<{ id: string; code: string; name: string; regionId: string }>
  generatedAt: string
  generatedBy: { id: string; name: string; employeeNo: string }
  exportAuditSeq: number
  corrections: number
  totalValue: number
  segregationOfDuties: { ok: boolean; checks: SodSummaryEntry[] }
  chain: { ok: boolean; events: number; head: ChainAnchor | null; problems: ChainProblem[] }
  rows: EvidenceRow[]
  rowsTruncated: boolean
}

/**
 * The evidence for an auditor: every correction confirmed in the period in the stores, the
 * segregation-of-duties summary over all of them (each check must be 0), the audit chain's
 * verification and its head (the anchor to keep). `rows` holds the first MAX_PRINTED_ROWS.
 */
export async function buildEvidence({ ctx, input, format = 'json' }: { ctx: Ctx; input: EvidenceQueryInput; format?: EvidenceFormat }): Promise<EvidenceReport> {
  const prepared = await prepare(ctx, input, format)
  const counts = new Map<SodCheck, { count: number; ids: string[] }>(Object.keys(SOD_CHECKS).map((k) => [k as SodCheck, { count: 0, ids: [] }]))
  const rows: EvidenceRow[] = []
  let corrections = 0
  let totalValue = 0
  for await (const page of evidenceRows(ctx.db, prepared.stores.map((s) => s.id), prepared.period)) {
    for (const row of page) {
      corrections += 1
      totalValue += row.value
      if (rows.length < MAX_PRINTED_ROWS) rows.push(row)
      for (const check of row.violations) {
        const entry = counts.get(check)!
        entry.count += 1
        if (entry.ids.length < MAX_LISTED) entry.ids.push(row.correctionId)
      }
    }
  }
  const chain = await verifyChain(ctx.db)
  const checks = [...counts].map(([check, { count, ids }]) => ({ check, description: SOD_CHECKS[check], count, correctionIds: ids, ok: count === 0 }))
  return {
    period: { from: prepared.period.from, to: prepared.period.to, days: prepared.period.days },
    stores: prepared.stores.map((s) => ({ id: s.id, code: s.code, name: s.name, regionId: s.regionId })),
    generatedAt: prepared.generatedAt,
    generatedBy: prepared.generatedBy,
    exportAuditSeq: prepared.exportSeq,
    corrections,
    totalValue,
    segregationOfDuties: { ok: checks.every((c) => c.ok), checks },
    chain: { ok: chain.ok, events: chain.events, head: chain.head, problems: chain.problems.slice(0, 50) },
    rows,
    rowsTruncated: corrections > rows.length,
  }
}

export const CSV_COLUMNS = [
  'correction_id', 'store_code', 'store_id', 'reason', 'source', 'value_cents', 'tier_value_cents', 'tier', 'tier_at_decision',
  'entered_by_employee_no', 'entered_by_name', 'entered_by_id', 'entered_at', 'entered_by_roles_at_entry',
  'counted_by_id', 'confirmed_by_employee_no', 'confirmed_by_name', 'confirmed_by_id', 'confirmed_at',
  'confirmed_role_recorded', 'confirmed_by_roles_at_decision', 'audit_seq', 'lines', 'movements', 'violations',
] as const

export const csvCells = (r: EvidenceRow): Cell[] => [
  r.correctionId, r.storeCode, r.storeId, r.reason, r.source, r.value, r.tierValue, r.tier, r.decidedTier,
  r.enteredByEmployeeNo, r.enteredByName, r.enteredBy, r.enteredAt, r.enteredRoles.join('|'),
  r.countedBy, r.decidedByEmployeeNo, r.decidedByName, r.decidedBy, r.decidedAt,
  r.decidedRole, r.decidedRoles.join('|'), r.auditSeq, r.lineCount, r.movementCount, r.violations.join('|'),
]

/**
 * The same evidence as CSV, one row per confirmed correction, produced page by page so any period
 * streams without holding it in memory. The summary and the chain anchor are in the HTML/JSON report.
 */
export async function evidenceCsv({ ctx, input }: { ctx: Ctx; input: EvidenceQueryInput }) {
  const prepared = await prepare(ctx, input, 'csv')
  const storeIds = prepared.stores.map((s) => s.id)
  async function* lines() {
    yield csvRow(CSV_COLUMNS)
    for await (const page of evidenceRows(ctx.db, storeIds, prepared.period)) yield page.map((r) => csvRow(csvCells(r))).join('')
  }
  return { filename: `evidence-${prepared.period.from}-${prepared.period.to}.csv`, lines: lines() }
}
