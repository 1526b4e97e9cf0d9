import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { listDevices } from '../core/devices/queries'
import { revokeDevice } from '../core/devices/revoke-device'
import { RevokeDeviceInput } from '../core/devices/schemas'
import { sha256 } from '../core/ids'
import { ctxOf, type AppEnv } from '../http/app-env'
import { storeGuard } from '../http/guard'
import { markReplay } from '../http/idempotency'
import { createRouter, errors, jsonBody, jsonResponse, StoreParams } from '../http/openapi'
import { readDeviceToken } from '../http/session'

const Person = z.object({ id: z.string(), name: z.string(), employeeNo: z.string() })
const Device = z
  .object({
    id: z.string().openapi({ description: 'The device id of the audit trail (a hash; the token itself is never stored)' }),
    shortId: z.string(),
    storeId: z.string(),
    userAgent: z.string().nullable(),
    browser: z.string().nullable(),
    os: z.string().nullable(),
    registeredBy: Person.nullable(),
    registeredAt: z.string(),
    lastUsedAt: z.string(),
    lastUsedBy: Person.nullable(),
    openSessions: z.number().int(),
    revokedAt: z.string().nullable(),
    revokedBy: Person.nullable(),
    thisDevice: z.boolean().openapi({ description: 'The tablet this request comes from' }),
  })
  .openapi('Device')

const DeviceParams = StoreParams.extend({ deviceId: z.string().min(1).max(64).openapi({ param: { name: 'deviceId', in: 'path' } }) })

/** The caller's own device id (the hash of this browser's device cookie), to mark "this tablet". */
const currentDeviceId = (c: Context<AppEnv>) => {
  const token = readDeviceToken(c)
  return token ? sha256(token) : null
}

/** A store's tablets: the browsers a password sign-in registered for PIN switching (auth/sign-in.ts). */
export const deviceRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/stores/{storeId}/devices',
      tags: ['devices'],
      summary: "The store's tablets: browser, registered by whom and when, last used; revoked ones last",
      middleware: [storeGuard('device.read')] as const,
      request: { params: StoreParams },
      responses: { 200: jsonResponse(z.object({ devices: z.array(Device) })), ...errors(401, 403, 404) },
    }),
    async (c) => {
      const devices = await listDevices(c.get('deps').db, { storeId: c.get('store').id, now: c.get('deps').clock.now(), currentDeviceId: currentDeviceId(c) })
      return c.json({ devices }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/stores/{storeId}/devices/{deviceId}/revoke',
      tags: ['devices'],
      summary: 'Revoke a tablet: its sessions end now and it can no longer switch users by PIN (final)',
      middleware: [storeGuard('device.manage')] as const,
      request: { params: DeviceParams, body: jsonBody(RevokeDeviceInput) },
      responses: { 200: jsonResponse(z.object({ device: Device })), ...errors(400, 401, 403, 404, 415) },
    }),
    async (c) => {
      const input = { ctx: ctxOf(c), storeId: c.get('store').id, deviceId: c.req.valid('param').deviceId, input: c.req.valid('json'), currentDeviceId: currentDeviceId(c) }
      const { device, replayed } = await revokeDevice(input)
      markReplay(c, replayed)
      return c.json({ device }, 200)
    },
  )
