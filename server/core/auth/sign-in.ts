import { eq } from 'drizzle-orm'
import { users } from '../../../db/schema/index'
import { findStore, loadGrants } from '../access/load-access'
import { seesStore } from '../access/policy'
import { appendAudit } from '../audit/chain'
import type { Actor, Deps } from '../context'
import { DomainError } from '../errors'
import { randomToken } from '../ids'
import { dummyHash, normalizeEmployeeNo, verifySecret } from './passwords'
import { accountRestriction } from './restriction'
import { createSession, deviceRevoked, findDevice, registerDevice, revokeSession, useDevice, type SessionPolicy } from './sessions'
import { clearFailures, lockedUntil, recordFailure, throttleKey } from './throttle'

export type ClientInfo = {
  ip: string | null
  userAgent: string | null
  requestId: string | null
  /** The session this browser had before, if any: rotated (revoked) on sign-in. */
  previousSessionId: string | null
  deviceToken: string | undefined
}

type Secret = { kind: 'password'; password: string } | { kind: 'pin'; pin: string }

export type SignInResult = {
  token: string
  userId: string
  /** Set when this browser was just registered as a store device: store it in the device cookie. */
  newDeviceToken: string | null
}

/**
 * Password sign-in, or the tablet quick switch (employee number + PIN on a device registered to a store).
 * Hashes are verified before the writer is entered; unknown users are verified against a dummy hash
 * so that they take as long as a wrong password.
 */
export async function signIn(
  { deps, policy }: { deps: Deps; policy: SessionPolicy },
  input: { employeeNo: string; secret: Secret },
  client: ClientInfo,
): Promise<SignInResult> {
  const employeeNo = normalizeEmployeeNo(input.employeeNo)
  const key = throttleKey(employeeNo)
  const lock = await lockedUntil(deps, key)
  if (lock) throw locked(lock, deps.clock.now())

  const device = await findDevice(deps, client.deviceToken)
  if (input.secret.kind === 'pin' && !device) {
    if (await deviceRevoked(deps, client.deviceToken)) throw revokedDevice()
    throw new DomainError('DEVICE_NOT_REGISTERED', 'PIN sign-in works on a store tablet only; sign in with your password first')
  }

  const [user] = await deps.db.select().from(users).where(eq(users.employeeNo, employeeNo))
  const storedHash = input.secret.kind === 'password' ? user?.passwordHash : user?.pinHash
  const secret = input.secret.kind === 'password' ? input.secret.password : input.secret.pin
  const valid = (await verifySecret(storedHash ?? (await dummyHash()), secret)) && storedHash !== undefined && storedHash !== null
  const grants = user && valid ? await loadGrants(deps.db, user.id) : []
  // A PIN only opens the store the tablet belongs to.
  const deviceStore = device ? await findStore(deps.db, device.storeId) : undefined
  const allowedHere = input.secret.kind === 'password' || (deviceStore !== undefined && seesStore(grants, deviceStore))
  const ok = Boolean(user && user.active && valid && allowedHere)

  const at = deps.clock.now()
  const actor: Actor = { userId: ok ? user!.id : null, deviceId: device?.idHash ?? null, requestId: client.requestId }
  const firstStore = grants.find((g) => g.storeId !== null)?.storeId ?? null
  const newDeviceToken = ok && input.secret.kind === 'password' && !device && firstStore ? randomToken(32) : null

  const outcome = await deps.writer.run(async (tx) => {
    if (!ok) {
      const lockedNow = await recordFailure(tx, at, key)
      await appendAudit(tx, at, actor, {
        action: 'auth.sign_in_failed',
        entityType: 'user',
        entityId: user?.id ?? employeeNo,
        after: { method: input.secret.kind, ip: client.ip, reason: !user ? 'unknown_user' : !user.active ? 'disabled' : !valid ? 'wrong_secret' : 'wrong_store', locked: lockedNow !== null },
      })
      return { lockedNow }
    }
    // The office may have revoked this tablet since it was looked up: a PIN no longer opens it, and a
    // password sign-in on it simply carries no device.
    const deviceInUse = device ? await useDevice(tx, at, device.idHash) : false
    if (input.secret.kind === 'pin' && !deviceInUse) throw revokedDevice()
    await clearFailures(tx, key)
    if (client.previousSessionId) await revokeSession(tx, at, client.previousSessionId)
    const deviceId = newDeviceToken
      ? await registerDevice(tx, at, { deviceToken: newDeviceToken, storeId: firstStore!, userId: user!.id, userAgent: client.userAgent })
      : deviceInUse
        ? device!.idHash
        : null
    const session = await createSession(tx, at, { userId: user!.id, deviceId, method: input.secret.kind, ip: client.ip, userAgent: client.userAgent }, policy)
    await appendAudit(tx, at, { ...actor, sessionId: session.sessionId, deviceId }, {
      action: input.secret.kind === 'pin' ? 'auth.pin_switch' : 'auth.sign_in',
      entityType: 'user',
      entityId: user!.id,
      storeId: device?.storeId ?? firstStore,
      // A temporary password or PIN: this session may only replace it (server/core/auth/restriction.ts).
      after: { method: input.secret.kind, ip: client.ip, deviceRegistered: newDeviceToken !== null, mustChange: accountRestriction({ method: input.secret.kind, ...user! }) },
    })
    return { session }
  })

  if ('lockedNow' in outcome) {
    if (outcome.lockedNow) throw locked(outcome.lockedNow, at)
    throw new DomainError('INVALID_CREDENTIALS', 'Employee number or password/PIN is not correct')
  }
  return { token: outcome.session.token, userId: user!.id, newDeviceToken }
}

function revokedDevice() {
  return new DomainError('DEVICE_REVOKED', 'This tablet was removed from the store’s tablets: sign in with your password (that registers it again)')
}

function locked(until: Date, now: Date) {
  return new DomainError('ACCOUNT_LOCKED', 'Too many failed attempts; this account is locked for a while', {
    retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)),
  })
}
