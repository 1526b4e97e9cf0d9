import { sql } from 'drizzle-orm'
import { appendAudit } from '../audit/chain'
import { revokeDeviceSessions } from '../auth/sessions'
import type { Ctx } from '../context'
import { authorizeStore, requireUser } from '../corrections/access'
import { notFound } from '../errors'
import { first } from '../sql'
import { findStoreDevice } from './queries'
import { RevokeDeviceInput } from './schemas'

/**
 * The office takes a tablet out of the store: every session started on it ends now, and it can no
 * longer switch users by PIN (403 DEVICE_REVOKED). Final — a password sign-in on that browser
 * registers it again, as a new device. Store managers for their stores, regional managers for their
 * region, administrators everywhere (device.manage); audited. Revoking a revoked device changes nothing.
 */
export async function revokeDevice({ ctx, storeId, deviceId, input, currentDeviceId }: { ctx: Ctx; storeId: string; deviceId: string; input: unknown; currentDeviceId: string | null }) {
  const { reason } = RevokeDeviceInput.parse(input ?? {})
  const userId = requireUser(ctx.actor)
  const at = ctx.clock.now()
  const replayed = await ctx.writer.run(async (tx) => {
    await authorizeStore(tx, userId, 'device.manage', storeId)
    const device = await first<{ revokedAt: string | null; registeredBy: string; createdAt: string; userAgent: string | null }>(
      tx,
      sql`SELECT revoked_at AS revokedAt, registered_by AS registeredBy, created_at AS createdAt, user_agent AS userAgent
        FROM devices WHERE id_hash = ${deviceId} AND store_id = ${storeId}`,
    )
    if (!device) throw notFound('Device', { deviceId })
    if (device.revokedAt) return true
    await tx.run(sql`UPDATE devices SET revoked_at = ${at.toISOString()}, revoked_by = ${userId} WHERE id_hash = ${deviceId}`)
    const sessionsEnded = await revokeDeviceSessions(tx, at, deviceId)
    await appendAudit(tx, at, ctx.actor, {
      action: 'device.revoked',
      entityType: 'device',
      entityId: deviceId,
      storeId,
      before: { revokedAt: null, registeredBy: device.registeredBy, registeredAt: device.createdAt },
      after: { revokedAt: at.toISOString(), sessionsEnded, userAgent: device.userAgent, reason: reason ?? null },
    })
    return false
  })
  const device = await findStoreDevice(ctx.db, { storeId, deviceId, now: at, currentDeviceId })
  return { device: device!, replayed }
}
