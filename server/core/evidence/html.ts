import type { EvidenceReport } from './build-evidence'

/** Text for HTML: every interpolated value goes through this (names and notes are user input). */
export const escapeHtml = (value: unknown) =>
  String(value ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!)

const money = (cents: number) =>
  `${cents < 0 ? '−' : ''}${Math.floor(Math.abs(cents) / 100).toLocaleString('en-US')}.${String(Math.abs(cents) % 100).padStart(2, '0')}`
const when = (iso: string | null) => (iso ? escapeHtml(iso.replace('T', ' ').replace(/\.\d{3}Z$/, ' UTC')) : '')

const STYLE = `
  :root { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111; }
  body { margin: 2rem; font-size: 11pt; }
  h1 { font-size: 18pt; margin: 0 0 .25rem; } h2 { font-size: 13pt; margin: 1.5rem 0 .5rem; border-bottom: 1px solid #999; }
  .meta td { padding: .1rem 1rem .1rem 0; vertical-align: top; }
  .verdict { padding: .6rem .8rem; border: 2px solid; font-weight: 600; margin: 1rem 0; }
  .ok { border-color: #1a7f37; color: #1a7f37; } .fail { border-color: #b42318; color: #b42318; }
  table.grid { border-collapse: collapse; width: 100%; font-size: 8.5pt; }
  table.grid th, table.grid td { border: 1px solid #bbb; padding: .15rem .3rem; text-align: left; vertical-align: top; }
  table.grid th { background: #eee; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
  tr.violation td { background: #fde8e7; }
  code, .hash { font-family: ui-monospace, Menlo, Consolas, monospace; word-break: break-all; }
  .note { color: #555; font-size: 9pt; }
  @page { size: A4 landscape; margin: 12mm; }
  @media print { body { margin: 0; } h2 { break-after: avoid; } tr { break-inside: avoid; } thead { display: table-header-group; } .verdict { break-inside: avoid; } }
`

/** The printable evidence report: one self-contained page (inline styles, no scripts, no external assets). */
export function renderEvidenceHtml(r: EvidenceReport) {
  const sod = r.segregationOfDuties
  const stores = r.stores.map((s) => `${escapeHtml(s.code)} ${escapeHtml(s.name)}`).join(', ')
  const checks = sod.checks
    .map(
      (c) => `<tr class="${c.ok ? '' : 'violation'}"><td><code>${escapeHtml(c.check)}</code></td><td>${escapeHtml(c.description)}</td>
        <td class="num">${c.count}</td><td>${c.ok ? 'OK' : 'FAILED'}</td><td>${c.correctionIds.map((id) => `<code>${escapeHtml(id)}</code>`).join(', ')}</td></tr>`,
    )
    .join('\n')
  const rows = r.rows
    .map(
      (row) => `<tr class="${row.violations.length ? 'violation' : ''}">
        <td><code>${escapeHtml(row.correctionId)}</code></td><td>${escapeHtml(row.storeCode)}</td><td>${escapeHtml(row.reason)}</td>
        <td class="num">${money(row.value)}</td><td>${escapeHtml(row.decidedTier)}${row.decidedTier !== row.tier ? ` <small>(entered ${escapeHtml(row.tier)})</small>` : ''}</td>
        <td>${escapeHtml(row.enteredByName)} (${escapeHtml(row.enteredByEmployeeNo)})<br>${escapeHtml(row.enteredRoles.join(', ') || '—')}</td><td>${when(row.enteredAt)}</td>
        <td>${escapeHtml(row.decidedByName)} (${escapeHtml(row.decidedByEmployeeNo)})<br>${escapeHtml(row.decidedRoles.join(', ') || '—')}</td><td>${when(row.decidedAt)}</td>
        <td class="num">${row.auditSeq ?? '—'}</td><td>${escapeHtml(row.violations.join(', '))}</td></tr>`,
    )
    .join('\n')
  const problems = r.chain.problems.map((p) => `<li>event ${p.seq}: ${escapeHtml(p.message)}</li>`).join('')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Four-eyes evidence ${escapeHtml(r.period.from)} – ${escapeHtml(r.period.to)}</title>
<style>${STYLE}</style></head>
<body>
<h1>Four-eyes evidence: stock corrections confirmed ${escapeHtml(r.period.from)} to ${escapeHtml(r.period.to)}</h1>
<table class="meta">
  <tr><td>Stores</td><td>${stores}</td></tr>
  <tr><td>Confirmed corrections</td><td>${r.corrections} (value ${money(r.totalValue)} at cost)</td></tr>
  <tr><td>Generated</td><td>${when(r.generatedAt)} by ${escapeHtml(r.generatedBy.name)} (${escapeHtml(r.generatedBy.employeeNo)}), audit event ${r.exportAuditSeq}</td></tr>
</table>
<div class="verdict ${sod.ok ? 'ok' : 'fail'}">Segregation of duties: ${sod.ok ? 'held — every check below is 0' : 'VIOLATIONS FOUND — see the checks below'}</div>
<div class="verdict ${r.chain.ok ? 'ok' : 'fail'}">Audit chain: ${r.chain.ok ? 'verified' : 'BROKEN'} — ${r.chain.events} events${r.chain.ok ? '' : `, ${r.chain.problems.length} problem(s)`}</div>
${problems ? `<ul>${problems}</ul>` : ''}
<h2>Chain anchor</h2>
<p>Keep this anchor: verifying the chain later against it proves that no event up to it was changed or removed.</p>
<table class="meta"><tr><td>Head sequence</td><td><code>${r.chain.head?.seq ?? '—'}</code></td></tr>
<tr><td>Head hash (SHA-256)</td><td class="hash">${escapeHtml(r.chain.head?.hash ?? '—')}</td></tr></table>
<h2>Segregation-of-duties checks (computed from the stored data and the role history)</h2>
<table class="grid"><thead><tr><th>Check</th><th>Meaning</th><th>Count</th><th>Result</th><th>Corrections</th></tr></thead><tbody>
${checks}
</tbody></table>
<h2>Confirmed corrections${r.rowsTruncated ? ` (first ${r.rows.length} of ${r.corrections}; the CSV export lists all)` : ''}</h2>
<table class="grid"><thead><tr><th>Correction</th><th>Store</th><th>Reason</th><th>Value</th><th>Tier</th><th>Entered by (roles then)</th><th>Entered</th>
<th>Confirmed by (roles then)</th><th>Confirmed</th><th>Audit seq</th><th>Violations</th></tr></thead><tbody>
${rows || '<tr><td colspan="11">No corrections were confirmed in this period.</td></tr>'}
</tbody></table>
<p class="note">Roles are those granted and not yet revoked at the moment of entry or decision, for the store, its region or the whole chain.
Values are Σ |quantity| × unit cost in the chain's currency. Times are UTC.</p>
</body></html>
`
}
