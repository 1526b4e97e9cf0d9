import { createRoute, z } from '@hono/zod-openapi'
import { verifyChain } from '../core/audit/chain'
import { DomainError } from '../core/errors'
import { auditHead, parseAnchor } from '../core/ledger/verify-ledger'
import { chainGuard } from '../http/guard'
import { createRouter, errors, jsonResponse } from '../http/openapi'

const Anchor = z.object({ seq: z.number().int(), hash: z.string(), at: z.string().nullable() }).openapi('AuditAnchor')

const Verification = z
  .object({
    ok: z.boolean(),
    events: z.number().int(),
    head: Anchor,
    checkedAgainst: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
    problems: z.array(z.object({ seq: z.number().int(), problem: z.string(), message: z.string() })),
  })
  .openapi('AuditVerification')

export const auditRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/audit/verify',
      tags: ['audit'],
      summary: 'Recompute the audit hash chain; with anchor=seq:hash (an exported head) a removed tail is detected too',
      middleware: [chainGuard('audit.read')] as const,
      request: { query: z.object({ anchor: z.string().max(100).optional() }).strict() },
      responses: { 200: jsonResponse(Verification), ...errors(400, 401, 403) },
    }),
    async (c) => {
      const text = c.req.valid('query').anchor
      const anchor = text === undefined ? null : parseAnchor(text)
      if (text !== undefined && !anchor) throw new DomainError('VALIDATION_FAILED', 'anchor must be seq:hash (64 hex digits)')
      const db = c.get('deps').db
      const report = await verifyChain(db, anchor && anchor.seq > 0 ? anchor : undefined)
      return c.json({ ok: report.ok, events: report.events, head: await auditHead(db), checkedAgainst: anchor, problems: report.problems }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/audit/anchor',
      tags: ['audit'],
      summary: 'The current head of the audit chain {seq, hash, at}: export it daily to detect truncation later',
      middleware: [chainGuard('audit.read')] as const,
      responses: { 200: jsonResponse(Anchor), ...errors(401, 403) },
    }),
    async (c) => c.json(await auditHead(c.get('deps').db), 200),
  )
