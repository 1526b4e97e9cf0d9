import { createRoute, z } from '@hono/zod-openapi'
import { inArray } from 'drizzle-orm'
import { regions } from '../../db/schema/index'
import { visibleStores } from '../core/access/load-access'
import { ACTIONS, can, canAnywhere, rolesAt, type Action } from '../core/access/policy'
import { findDevice } from '../core/auth/sessions'
import { signedIn, requireAuth } from '../http/guard'
import { createRouter, errors, jsonResponse } from '../http/openapi'
import { readDeviceToken } from '../http/session'

const Me = z
  .object({
    user: z.object({ id: z.string(), name: z.string(), employeeNo: z.string(), locale: z.string() }),
    stores: z.array(
      z.object({
        id: z.string(),
        code: z.string(),
        name: z.string(),
        city: z.string(),
        regionId: z.string(),
        regionName: z.string(),
        roles: z.array(z.string()),
        actions: z.array(z.string()),
      }),
    ),
    chainActions: z.array(z.string()),
    device: z.object({ storeId: z.string() }).nullable(),
  })
  .openapi('Me')

const ALL_ACTIONS = Object.keys(ACTIONS) as Action[]

export const meRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/me',
    tags: ['auth'],
    summary: 'The signed-in user, their stores, and what they may do in each',
    middleware: [signedIn()] as const,
    responses: { 200: jsonResponse(Me), ...errors(401) },
  }),
  async (c) => {
    const auth = requireAuth(c.get('auth'))
    const deps = c.get('deps')
    const stores = await visibleStores(deps.db, auth.grants)
    const regionRows = stores.length
      ? await deps.db.select().from(regions).where(inArray(regions.id, [...new Set(stores.map((s) => s.regionId))]))
      : []
    const regionName = new Map(regionRows.map((r) => [r.id, r.name]))
    const device = await findDevice(deps, readDeviceToken(c))
    return c.json(
      {
        user: { id: auth.userId, name: auth.name, employeeNo: auth.employeeNo, locale: auth.locale },
        stores: stores.map((s) => ({
          id: s.id,
          code: s.code,
          name: s.name,
          city: s.city,
          regionId: s.regionId,
          regionName: regionName.get(s.regionId) ?? '',
          roles: rolesAt(auth.grants, s),
          actions: ALL_ACTIONS.filter((a) => can(auth.grants, a, s)),
        })),
        chainActions: ALL_ACTIONS.filter((a) => canAnywhere(auth.grants, a)),
        device: device ? { storeId: device.storeId } : null,
      },
      200,
    )
  },
)
