import { createRoute, z } from '@hono/zod-openapi'
import { ROLES } from '../../db/schema/index'
import { createReasonCode, listAllReasonCodes, setShelfSettings, updateReasonCode } from '../core/admin/catalog'
import { createUser } from '../core/admin/create-user'
import { disableUser } from '../core/admin/disable-user'
import { grantRole, revokeRole } from '../core/admin/grant-role'
import { listUsers } from '../core/admin/list-users'
import { createRegion, createStore, listPlaces, updateRegion, updateStore } from '../core/admin/places'
import { resetPassword } from '../core/admin/reset-password'
import { resetPin } from '../core/admin/reset-pin'
import {
  CreateUserInput,
  GrantInput,
  ListUsersQuery,
  ReasonCodeInput,
  ReasonCodePatch,
  RegionInput,
  RegionPatch,
  ResetPasswordInput,
  ResetPinInput,
  ShelfSettingsInput,
  StoreInput,
  StorePatch,
} from '../core/admin/schemas'
import { ctxOf } from '../http/app-env'
import { chainGuard, storeGuard } from '../http/guard'
import { createRouter, errors, jsonBody, jsonResponse, StoreParams } from '../http/openapi'

const Grant = z.object({ role: z.enum(ROLES), storeId: z.string().nullable(), regionId: z.string().nullable() })
const RoleRow = Grant.extend({ id: z.string(), grantedAt: z.string(), grantedBy: z.string().nullable() })
const User = z
  .object({
    id: z.string(),
    employeeNo: z.string(),
    name: z.string(),
    locale: z.string(),
    active: z.boolean(),
    disabledAt: z.string().nullable(),
    createdAt: z.string(),
    hasPin: z.boolean(),
    /** Set by a manager or administrator and not yet replaced by its holder. */
    passwordTemporary: z.boolean(),
    pinTemporary: z.boolean(),
    roles: z.array(RoleRow),
  })
  .openapi('AdminUser')
const CreatedUser = z.object({ id: z.string(), employeeNo: z.string(), name: z.string(), locale: z.string(), active: z.boolean(), hasPin: z.boolean(), roles: z.array(Grant) })
const Region = z.object({ id: z.string(), code: z.string(), name: z.string() }).openapi('Region')
const Store = z
  .object({ id: z.string(), regionId: z.string(), code: z.string(), name: z.string(), city: z.string(), timezone: z.string(), opensAt: z.string(), closesAt: z.string(), active: z.boolean() })
  .openapi('AdminStore')
const ReasonCode = z
  .object({ code: z.string(), labelEn: z.string(), labelDe: z.string(), requiresNote: z.boolean(), active: z.boolean(), sortOrder: z.number().int() })
  .openapi('ReasonCode')

const Segment = (name: string) => z.string().min(1).max(64).openapi({ param: { name, in: 'path' } })
const UserParams = z.object({ userId: Segment('userId') })
const AssignmentParams = z.object({ assignmentId: Segment('assignmentId') })
const RegionParams = z.object({ regionId: Segment('regionId') })
const IdParams = z.object({ id: Segment('id') })
const CodeParams = z.object({ code: Segment('code') })
const usersGuard = () => chainGuard('store.users')

export const adminRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/admin/users',
      tags: ['admin'],
      summary: 'Users with their roles (a store manager sees the people of their stores)',
      middleware: [usersGuard()] as const,
      request: { query: ListUsersQuery },
      responses: { 200: jsonResponse(z.object({ users: z.array(User), nextOffset: z.number().int().nullable() })), ...errors(400, 401, 403, 404) },
    }),
    async (c) => c.json(await listUsers({ ctx: ctxOf(c), input: c.req.valid('query') }), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/admin/users',
      tags: ['admin'],
      summary: 'Create an account (one per employee number), optionally with a first role',
      middleware: [usersGuard()] as const,
      request: { body: jsonBody(CreateUserInput) },
      responses: { 201: jsonResponse(CreatedUser), ...errors(400, 401, 403, 404, 409, 415) },
    }),
    async (c) => c.json(await createUser({ ctx: ctxOf(c), input: c.req.valid('json') }), 201),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/admin/users/{userId}/disable',
      tags: ['admin'],
      summary: 'Disable an account: no more sign-in or confirmation, every session ends now',
      middleware: [usersGuard()] as const,
      request: { params: UserParams },
      responses: {
        200: jsonResponse(z.object({ id: z.string(), employeeNo: z.string(), active: z.boolean(), disabledAt: z.string(), sessionsRevoked: z.number().int() })),
        ...errors(401, 403, 404, 409),
      },
    }),
    async (c) => c.json(await disableUser({ ctx: ctxOf(c), userId: c.req.valid('param').userId }), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/admin/users/{userId}/pin',
      tags: ['admin'],
      summary: 'Set a temporary tablet PIN for someone (it proves nothing until they set their own)',
      middleware: [usersGuard()] as const,
      request: { params: UserParams, body: jsonBody(ResetPinInput) },
      responses: { 200: jsonResponse(z.object({ id: z.string(), hasPin: z.boolean() })), ...errors(400, 401, 403, 404, 409, 415) },
    }),
    async (c) => c.json(await resetPin({ ctx: ctxOf(c), userId: c.req.valid('param').userId, input: c.req.valid('json') }), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/admin/users/{userId}/password',
      tags: ['admin'],
      summary: 'Set a temporary password for someone: their sessions end, and they choose their own at the next sign-in',
      middleware: [usersGuard()] as const,
      request: { params: UserParams, body: jsonBody(ResetPasswordInput) },
      responses: {
        200: jsonResponse(z.object({ id: z.string(), mustChangePassword: z.boolean(), sessionsEnded: z.number().int() })),
        ...errors(400, 401, 403, 404, 409, 415),
      },
    }),
    async (c) => c.json(await resetPassword({ ctx: ctxOf(c), userId: c.req.valid('param').userId, input: c.req.valid('json') }), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/admin/users/{userId}/roles',
      tags: ['admin'],
      summary: 'Grant a role in a scope (audited with the roles before and after)',
      middleware: [usersGuard()] as const,
      request: { params: UserParams, body: jsonBody(GrantInput) },
      responses: { 201: jsonResponse(RoleRow.extend({ userId: z.string() })), ...errors(400, 401, 403, 404, 409, 415) },
    }),
    async (c) => c.json(await grantRole({ ctx: ctxOf(c), userId: c.req.valid('param').userId, input: c.req.valid('json') }), 201),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/admin/roles/{assignmentId}/revoke',
      tags: ['admin'],
      summary: 'Revoke a role grant (kept on record; audited with the roles before and after)',
      middleware: [usersGuard()] as const,
      request: { params: AssignmentParams },
      responses: { 200: jsonResponse(z.object({ id: z.string(), userId: z.string(), revokedAt: z.string(), revokedBy: z.string() })), ...errors(401, 403, 404, 409) },
    }),
    async (c) => c.json(await revokeRole({ ctx: ctxOf(c), assignmentId: c.req.valid('param').assignmentId }), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/admin/places',
      tags: ['admin'],
      summary: 'Regions and stores',
      middleware: [chainGuard('chain.manage')] as const,
      responses: { 200: jsonResponse(z.object({ regions: z.array(Region), stores: z.array(Store) })), ...errors(401, 403) },
    }),
    async (c) => c.json(await listPlaces({ ctx: ctxOf(c) }), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/admin/regions',
      tags: ['admin'],
      summary: 'Create a region',
      middleware: [chainGuard('chain.manage')] as const,
      request: { body: jsonBody(RegionInput) },
      responses: { 201: jsonResponse(Region), ...errors(400, 401, 403, 409, 415) },
    }),
    async (c) => c.json(await createRegion({ ctx: ctxOf(c), input: c.req.valid('json') }), 201),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/admin/regions/{regionId}',
      tags: ['admin'],
      summary: 'Rename a region or change its code',
      middleware: [chainGuard('chain.manage')] as const,
      request: { params: RegionParams, body: jsonBody(RegionPatch) },
      responses: { 200: jsonResponse(Region), ...errors(400, 401, 403, 404, 409, 415) },
    }),
    async (c) => c.json(await updateRegion({ ctx: ctxOf(c), regionId: c.req.valid('param').regionId, input: c.req.valid('json') }), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/admin/stores',
      tags: ['admin'],
      summary: 'Create a store with its standard locations (floor, stockroom, receiving, quarantine, in transit)',
      middleware: [chainGuard('chain.manage')] as const,
      request: { body: jsonBody(StoreInput) },
      responses: { 201: jsonResponse(Store), ...errors(400, 401, 403, 404, 409, 415) },
    }),
    async (c) => c.json(await createStore({ ctx: ctxOf(c), input: c.req.valid('json') }), 201),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/admin/stores/{id}',
      tags: ['admin'],
      summary: 'Change a store (name, city, region, time zone, opening hours, active)',
      middleware: [chainGuard('chain.manage')] as const,
      request: { params: IdParams, body: jsonBody(StorePatch) },
      responses: { 200: jsonResponse(Store), ...errors(400, 401, 403, 404, 409, 415) },
    }),
    async (c) => c.json(await updateStore({ ctx: ctxOf(c), storeId: c.req.valid('param').id, input: c.req.valid('json') }), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/admin/reason-codes',
      tags: ['admin'],
      summary: 'All reason codes, retired ones included',
      middleware: [chainGuard('catalog.manage')] as const,
      responses: { 200: jsonResponse(z.object({ reasonCodes: z.array(ReasonCode) })), ...errors(401, 403) },
    }),
    async (c) => c.json(await listAllReasonCodes({ ctx: ctxOf(c) }), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/admin/reason-codes',
      tags: ['admin'],
      summary: 'Create a reason code (labels in English and German)',
      middleware: [chainGuard('catalog.manage')] as const,
      request: { body: jsonBody(ReasonCodeInput) },
      responses: { 201: jsonResponse(ReasonCode), ...errors(400, 401, 403, 409, 415) },
    }),
    async (c) => c.json(await createReasonCode({ ctx: ctxOf(c), input: c.req.valid('json') }), 201),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/admin/reason-codes/{code}',
      tags: ['admin'],
      summary: 'Change labels or order of a reason code, or retire it (active: false)',
      middleware: [chainGuard('catalog.manage')] as const,
      request: { params: CodeParams, body: jsonBody(ReasonCodePatch) },
      responses: { 200: jsonResponse(ReasonCode), ...errors(400, 401, 403, 404, 415) },
    }),
    async (c) => c.json(await updateReasonCode({ ctx: ctxOf(c), code: c.req.valid('param').code, input: c.req.valid('json') }), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/admin/stores/{storeId}/items/{itemId}/settings',
      tags: ['admin'],
      summary: "Set an item's shelf minimum and target in a store",
      middleware: [storeGuard('catalog.manage')] as const,
      request: { params: StoreParams.extend({ itemId: z.string().min(1).max(64).openapi({ param: { name: 'itemId', in: 'path' } }) }), body: jsonBody(ShelfSettingsInput) },
      responses: {
        200: jsonResponse(z.object({ storeId: z.string(), itemId: z.string(), shelfMin: z.number().int(), shelfTarget: z.number().int() })),
        ...errors(400, 401, 403, 404, 415),
      },
    }),
    async (c) => {
      const { storeId, itemId } = c.req.valid('param')
      return c.json(await setShelfSettings({ ctx: ctxOf(c), storeId, itemId, input: c.req.valid('json') }), 200)
    },
  )
