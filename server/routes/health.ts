import { createRoute, z } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import { publicRoute } from '../http/guard'
import { createRouter, jsonResponse } from '../http/openapi'

const Health = z.object({ status: z.literal('ok'), database: z.literal('ok'), time: z.string() }).openapi('Health')

export const healthRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/health',
    tags: ['system'],
    summary: 'Liveness and database reachability',
    middleware: [publicRoute()] as const,
    responses: { 200: jsonResponse(Health) },
  }),
  async (c) => {
    await c.get('deps').db.run(sql`SELECT 1`)
    return c.json({ status: 'ok' as const, database: 'ok' as const, time: c.get('deps').clock.now().toISOString() }, 200)
  },
)
