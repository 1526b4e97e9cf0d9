import { sql } from 'drizzle-orm'
import { appendAudit } from '../audit/chain'
import { hashSecret } from '../auth/passwords'
import type { Ctx } from '../context'
import { DomainError } from '../errors'
import { manageableUser } from './disable-user'
import { ResetPinInput } from './schemas'

/**
 * Sets a new tablet PIN (hashed before the writer); the audit event records that it changed, never the PIN.
 * The user row records who set it and when (users.credentials_set_by/at), and that it is temporary until the
 * holder sets their own (users.pin_temporary).
 */
export async function resetPin({ ctx, userId, input }: { ctx: Ctx; userId: string; input: unknown }) {
  const { pin } = ResetPinInput.parse(input)
  const { user, grants } = await manageableUser(ctx, userId)
  if (!user.active) throw new DomainError('INVALID_STATE', 'This account is disabled', { userId })
  const pinHash = await hashSecret(pin)
  const at = ctx.clock.now()
  return ctx.writer.run(async (tx) => {
    const [before] = await tx.all<{ had: number }>(sql`SELECT pin_hash IS NOT NULL AS had FROM users WHERE id = ${userId}`)
    // Whoever sets someone else's PIN knows it: for 90 days their corrections need a third person (canConfirm).
    const setBy = ctx.actor.userId === userId ? null : (ctx.actor.userId ?? null)
    // … and it is temporary: no step-up or hand-over with it, and a PIN sign-in with it may only set the holder's own.
    await tx.run(sql`UPDATE users SET pin_hash = ${pinHash}, pin_temporary = ${setBy ? 1 : 0}, credentials_set_by = ${setBy},
      credentials_set_at = ${setBy ? at.toISOString() : null} WHERE id = ${userId}`)
    await appendAudit(tx, at, ctx.actor, {
      action: 'user.pin_reset',
      entityType: 'user',
      entityId: userId,
      storeId: grants.find((g) => g.storeId)?.storeId ?? null,
      before: { hasPin: Boolean(Number(before?.had)) },
      after: { hasPin: true, temporary: setBy !== null },
    })
    return { id: userId, hasPin: true }
  })
}
