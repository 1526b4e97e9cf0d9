import { createRoute, z } from '@hono/zod-openapi'
import { buildEvidence, evidenceCsv } from '../core/evidence/build-evidence'
import { renderEvidenceHtml } from '../core/evidence/html'
import { EvidenceQuery } from '../core/evidence/schemas'
import { SOD_CHECKS } from '../core/evidence/sod'
import { ctxOf } from '../http/app-env'
import { chainGuard } from '../http/guard'
import { createRouter, errors, jsonResponse } from '../http/openapi'

const Anchor = z.object({ seq: z.number().int(), hash: z.string() })
const EvidenceRow = z
  .object({
    correctionId: z.string(),
    storeId: z.string(),
    storeCode: z.string(),
    reason: z.string(),
    source: z.string(),
    value: z.number().int(),
    tierValue: z.number().int(),
    tier: z.string().openapi({ description: 'The tier stored when the correction was entered' }),
    decidedTier: z.string().openapi({ description: 'The tier that applied when it was confirmed (a same-day series valued together may lift it); the segregation check uses this one' }),
    enteredBy: z.string(),
    enteredByEmployeeNo: z.string(),
    enteredByName: z.string(),
    enteredAt: z.string(),
    enteredRoles: z.array(z.string()),
    countedBy: z.string().nullable(),
    decidedBy: z.string(),
    decidedByEmployeeNo: z.string(),
    decidedByName: z.string(),
    decidedAt: z.string(),
    decidedRole: z.string().nullable(),
    decidedRoles: z.array(z.string()),
    auditSeq: z.number().int().nullable(),
    lineCount: z.number().int(),
    movementCount: z.number().int(),
    violations: z.array(z.string()),
  })
  .openapi('EvidenceRow')

const Evidence = z
  .object({
    period: z.object({ from: z.string(), to: z.string(), days: z.number().int() }),
    stores: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), regionId: z.string() })),
    generatedAt: z.string(),
    generatedBy: z.object({ id: z.string(), name: z.string(), employeeNo: z.string() }),
    exportAuditSeq: z.number().int(),
    corrections: z.number().int(),
    totalValue: z.number().int(),
    segregationOfDuties: z.object({
      ok: z.boolean(),
      checks: z.array(z.object({ check: z.enum(Object.keys(SOD_CHECKS) as [string, ...string[]]), description: z.string(), count: z.number().int(), correctionIds: z.array(z.string()), ok: z.boolean() })),
    }),
    chain: z.object({
      ok: z.boolean(),
      events: z.number().int(),
      head: Anchor.nullable(),
      problems: z.array(z.object({ seq: z.number().int(), problem: z.string(), message: z.string() })),
    }),
    rows: z.array(EvidenceRow),
    rowsTruncated: z.boolean(),
  })
  .openapi('Evidence')

const download = (filename: string) => `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`

export const evidenceRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/evidence',
      tags: ['evidence'],
      summary: 'Four-eyes evidence for a period and stores: segregation-of-duties summary, chain verification and anchor, rows',
      middleware: [chainGuard('evidence.export')] as const,
      request: { query: EvidenceQuery },
      responses: { 200: jsonResponse(Evidence), ...errors(400, 401, 403, 404) },
    }),
    async (c) => c.json(await buildEvidence({ ctx: ctxOf(c), input: c.req.valid('query') }), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/evidence/corrections.csv',
      tags: ['evidence'],
      summary: 'Every confirmed correction of the period as CSV (streamed; formula-safe cells; a violations column per row)',
      middleware: [chainGuard('evidence.export')] as const,
      request: { query: EvidenceQuery },
      responses: { 200: { description: 'CSV download', content: { 'text/csv': { schema: z.string() } } }, ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { filename, lines } = await evidenceCsv({ ctx: ctxOf(c), input: c.req.valid('query') })
      const encoder = new TextEncoder()
      const stream = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const next = await lines.next()
          if (next.done) controller.close()
          else controller.enqueue(encoder.encode(next.value))
        },
        async cancel() {
          await lines.return(undefined)
        },
      })
      return c.body(stream, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': download(filename) })
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/evidence/report.html',
      tags: ['evidence'],
      summary: 'The evidence as a printable, self-contained HTML report (print it to PDF from the browser)',
      middleware: [chainGuard('evidence.export')] as const,
      request: { query: EvidenceQuery },
      responses: { 200: { description: 'HTML report', content: { 'text/html': { schema: z.string() } } }, ...errors(400, 401, 403, 404) },
    }),
    async (c) => c.html(renderEvidenceHtml(await buildEvidence({ ctx: ctxOf(c), input: c.req.valid('query'), format: 'html' })), 200),
  )
