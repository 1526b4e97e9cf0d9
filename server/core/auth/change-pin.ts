import { sql } from 'drizzle-orm'
import { appendAudit } from '../audit/chain'
import type { Ctx } from '../context'
import { DomainError } from '../errors'
import { dummyHash, hashSecret, verifySecret } from './passwords'
import {
  accountState,
  ownAccount,
  recentOwnChange,
  refuseWrongProof,
  sameSecret,
  unchangedSince,
  weakSecret,
  type SecretChanged,
} from './own-secrets'
import { passwordChangeRequired } from './restriction'
import { ChangePinInput } from './schemas'
import { pinProblem } from './rules'
import { clearFailures } from './throttle'

/**
 * The signed-in person sets their own tablet PIN: 4–8 digits that pass `pinProblem` (no 1111, 1234, their
 * employee number's digits …) and differ from the current PIN. Proof: the current PIN if it is their own,
 * else their password — a PIN someone else set proves nothing (whoever set it knows it: 403
 * PIN_CHANGE_REQUIRED, "confirm with your password"). While the password itself is temporary it comes first.
 * Afterwards the PIN is theirs (`pin_temporary` off, `credentials_set_by` = themself): it works for step-up
 * and hand-over confirmations. Wrong proofs count toward the sign-in lockout; a retry of a change this
 * session just made answers the same, writing nothing.
 */
export async function changePin({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<SecretChanged> {
  const data = ChangePinInput.parse(input)
  const me = await ownAccount(ctx)
  if (me.passwordTemporary) throw passwordChangeRequired()
  const problem = pinProblem(data.newPin, me)
  if (problem) throw weakSecret('pin', problem)

  const proof = data.currentPin !== undefined ? 'pin' : 'password'
  const proven =
    proof === 'pin'
      ? (await verifySecret(me.pinHash ?? (await dummyHash()), data.currentPin!)) && me.pinHash !== null
      : await verifySecret(me.passwordHash, data.currentPassword!)
  const alreadySet = me.pinHash !== null && (proof === 'pin' && proven ? data.newPin === data.currentPin : await verifySecret(me.pinHash, data.newPin))
  if (!proven) {
    const replay = alreadySet ? await recentOwnChange(ctx, me.id, 'user.pin_changed') : null
    if (replay) return { ...replay, account: accountState(me), replayed: true }
    return refuseWrongProof(ctx, me, 'pin', proof)
  }
  if (proof === 'pin' && me.pinTemporary) {
    throw new DomainError('PIN_CHANGE_REQUIRED', 'Your PIN was set by someone else, so it does not prove who you are: confirm with your password', {
      proof: 'password',
    })
  }
  if (alreadySet) {
    // Proven with the password and the new PIN already in place: a retry of what this session just did, or no
    // change at all. (Proven with the PIN itself it cannot be a retry: that PIN would have been the old one.)
    const replay = proof === 'password' ? await recentOwnChange(ctx, me.id, 'user.pin_changed') : null
    if (replay) return { ...replay, account: accountState(me), replayed: true }
    throw sameSecret('pin')
  }

  const pinHash = await hashSecret(data.newPin)
  const at = ctx.clock.now()
  return ctx.writer.run(async (tx) => {
    await unchangedSince(tx, me, 'pin_hash')
    await clearFailures(tx, me.throttle)
    await tx.run(sql`UPDATE users SET pin_hash = ${pinHash}, pin_temporary = 0, credentials_set_by = ${me.id},
      credentials_set_at = ${at.toISOString()} WHERE id = ${me.id}`)
    await appendAudit(tx, at, ctx.actor, {
      action: 'user.pin_changed',
      entityType: 'user',
      entityId: me.id,
      before: { hasPin: me.pinHash !== null, temporary: me.pinHash !== null && me.pinTemporary, credentialsSetBy: me.credentialsSetBy },
      after: { hasPin: true, temporary: false, credentialsSetBy: me.id, proof, sessionsEnded: 0 },
    })
    return { changedAt: at.toISOString(), sessionsEnded: 0, account: accountState({ ...me, pinHash, pinTemporary: false }), replayed: false }
  })
}
