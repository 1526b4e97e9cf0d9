import { createRoute, z } from '@hono/zod-openapi'
import { asc, eq } from 'drizzle-orm'
import { locations } from '../../db/schema/index'
import { storeGuard } from '../http/guard'
import { createRouter, errors, jsonResponse, StoreParams } from '../http/openapi'

const Location = z.object({ id: z.string(), kind: z.string(), code: z.string(), name: z.string() }).openapi('Location')

/**
 * The store's locations (floor, stockroom, receiving, quarantine, in transit): a tablet needs their
 * ids to enter correction lines, and keeps them for offline use.
 */
export const locationRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/stores/{storeId}/locations',
    tags: ['items'],
    summary: "The store's locations, by kind and code",
    middleware: [storeGuard('item.read')] as const,
    request: { params: StoreParams },
    responses: { 200: jsonResponse(z.object({ locations: z.array(Location) })), ...errors(401, 403, 404) },
  }),
  async (c) => {
    const rows = await c
      .get('deps')
      .db.select({ id: locations.id, kind: locations.kind, code: locations.code, name: locations.name })
      .from(locations)
      .where(eq(locations.storeId, c.get('store').id))
      .orderBy(asc(locations.kind), asc(locations.code))
    return c.json({ locations: rows }, 200)
  },
)
