import { createRoute, z } from '@hono/zod-openapi'
import { resetAnomalyThresholds } from '../core/anomalies/reset-anomaly-thresholds'
import { setAnomalyThresholds } from '../core/anomalies/set-anomaly-thresholds'
import { getAnomalyThresholds } from '../core/anomalies/settings'
import { THRESHOLD_NAMES, ThresholdOverrides } from '../core/anomalies/thresholds'
import { ctxOf } from '../http/app-env'
import { chainGuard } from '../http/guard'
import { createRouter, errors, jsonBody, jsonResponse } from '../http/openapi'

/**
 * The chain's thresholds for the anomaly detectors (GET /reports/anomalies). Read with `policy.read`
 * (everyone who reads anomaly reports, and the administrators who set them); changed like the chain's
 * tier policy, by administrators only (`policy.manage`).
 */

const Values = z.object(Object.fromEntries(THRESHOLD_NAMES.map((name) => [name, z.number()])) as Record<(typeof THRESHOLD_NAMES)[number], z.ZodNumber>).openapi('AnomalyThresholdValues')

const Settings = z
  .object({
    effective: Values.openapi({ description: 'What GET /reports/anomalies uses unless a query parameter overrides it' }),
    sources: z.record(z.string(), z.enum(['chain', 'default'])).openapi({ description: "Per threshold: the chain's stored value, or the built-in default" }),
    overrides: z.record(z.string(), z.number()).openapi({ description: 'Only the thresholds the chain stores' }),
    defaults: Values,
    ignored: z.array(z.string()).openapi({ description: 'Stored values that no longer fit their range (their default applies)' }),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
    updatedByName: z.string().nullable(),
  })
  .openapi('AnomalyThresholdSettings')

export const anomalyThresholdRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/admin/anomaly-thresholds',
      tags: ['policy'],
      summary: "The chain's anomaly-detector thresholds: what applies, what is stored, the defaults",
      middleware: [chainGuard('policy.read')] as const,
      responses: { 200: jsonResponse(Settings), ...errors(401, 403) },
    }),
    async (c) => c.json(await getAnomalyThresholds(c.get('deps').db), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/admin/anomaly-thresholds',
      tags: ['policy'],
      summary: "Set the chain's anomaly thresholds (replaces the stored ones; a threshold left out follows its default); administrators only",
      middleware: [chainGuard('policy.manage')] as const,
      request: { body: jsonBody(ThresholdOverrides) },
      responses: { 200: jsonResponse(Settings), ...errors(400, 401, 403, 415) },
    }),
    async (c) => c.json(await setAnomalyThresholds({ ctx: ctxOf(c), input: c.req.valid('json') }), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/admin/anomaly-thresholds',
      tags: ['policy'],
      summary: 'Back to the built-in defaults (removes the stored thresholds); administrators only',
      middleware: [chainGuard('policy.manage')] as const,
      responses: { 200: jsonResponse(Settings.extend({ removed: z.boolean().openapi({ description: 'false: nothing was stored (nothing changed)' }) })), ...errors(401, 403) },
    }),
    async (c) => c.json(await resetAnomalyThresholds({ ctx: ctxOf(c) }), 200),
  )
