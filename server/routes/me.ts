import { createRoute, z } from '@hono/zod-openapi'
import { inArray } from 'drizzle-orm'
import { regions } from '../../db/schema/index'
import { visibleStores } from '../core/access/load-access'
import { ACTIONS, can, canAnywhere, rolesAt, type Action } from '../core/access/policy'
import { changePassword } from '../core/auth/change-password'
import { changePin } from '../core/auth/change-pin'
import { readAccountState } from '../core/auth/own-secrets'
import { accountRestriction } from '../core/auth/restriction'
import { ChangePasswordInput, ChangePinInput } from '../core/auth/schemas'
import { findDevice } from '../core/auth/sessions'
import { ctxOf } from '../http/app-env'
import { ownAccount, requireAuth } from '../http/guard'
import { markReplay } from '../http/idempotency'
import { createRouter, errors, jsonBody, jsonResponse } from '../http/openapi'
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
    /**
     * Secrets someone else set. `restriction`: what this session must do before anything else — `password`
     * (choose your own password), `pin` (signed in with a temporary PIN: set your own) — or null.
     */
    account: z.object({
      mustChangePassword: z.boolean(),
      mustChangePin: z.boolean(),
      hasPin: z.boolean(),
      restriction: z.enum(['password', 'pin']).nullable(),
    }),
  })
  .openapi('Me')

const AccountState = z.object({ mustChangePassword: z.boolean(), mustChangePin: z.boolean(), hasPin: z.boolean() })
const SecretChanged = z
  .object({ changedAt: z.string(), sessionsEnded: z.number().int(), account: AccountState })
  .openapi('SecretChanged')

const ALL_ACTIONS = Object.keys(ACTIONS) as Action[]

export const meRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/me',
      tags: ['auth'],
      summary: 'The signed-in user, their stores, and what they may do in each',
      middleware: [ownAccount(['password', 'pin'])] as const,
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
      const account = await readAccountState(deps.db, auth.userId)
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
          account: { ...account, restriction: accountRestriction(auth) },
        },
        200,
      )
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/me/password',
      tags: ['auth'],
      summary: 'Change my password: the current one + a new one (≥ 10 characters, not easy to guess, not the current one); ends my other sessions',
      middleware: [ownAccount(['password', 'pin'])] as const,
      request: { body: jsonBody(ChangePasswordInput) },
      responses: { 200: jsonResponse(SecretChanged), ...errors(400, 401, 403, 409, 415, 422, 423) },
    }),
    async (c) => {
      const { replayed, ...changed } = await changePassword({ ctx: ctxOf(c), input: c.req.valid('json') })
      markReplay(c, replayed)
      return c.json(changed, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/me/pin',
      tags: ['auth'],
      summary: 'Change my tablet PIN: my current PIN (if my own) or my password + a new 4–8 digit PIN (no 1111, 1234, my employee number …)',
      middleware: [ownAccount(['pin'])] as const,
      request: { body: jsonBody(ChangePinInput) },
      responses: { 200: jsonResponse(SecretChanged), ...errors(400, 401, 403, 409, 415, 422, 423) },
    }),
    async (c) => {
      const { replayed, ...changed } = await changePin({ ctx: ctxOf(c), input: c.req.valid('json') })
      markReplay(c, replayed)
      return c.json(changed, 200)
    },
  )
