import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { call, createTestApp, pinSwitch, type Session, type TestApp } from '../support/app'
import { createTestDatabase } from '../support/db'
import { createFixture, PASSWORD, type Fixture } from '../support/fixtures'
import { assertInvariants } from '../support/invariants'

/**
 * Store tablets (RELIABILITY.md "Auth"): a password sign-in by store staff registers the browser as a
 * tablet of their store for PIN switching. The office lists them and revokes one: its sessions end and
 * its PIN switch is refused with 403 DEVICE_REVOKED.
 */

let database: Database
let app: TestApp
let fx: Fixture

const ANDROID = 'Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.39 Safari/537.36'
const IPAD = 'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'
const MINUTE = 60_000

/** A password sign-in from a given browser (User-Agent), keeping the cookies the server sets. */
async function signInOn(userAgent: string, employeeNo: string, cookie = ''): Promise<Session> {
  const res = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': userAgent, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ employeeNo, password: PASSWORD }),
  })
  expect(res.status, await res.clone().text()).toBe(200)
  const jar = new Map(cookie.split('; ').filter(Boolean).map((kv) => [kv.split('=')[0]!, kv]))
  for (const set of res.headers.getSetCookie()) jar.set(set.split(';')[0]!.split('=')[0]!, set.split(';')[0]!)
  return { cookie: [...jar.values()].join('; '), userId: ((await res.json()) as { user: { id: string } }).user.id }
}

const pin = (device: Session, who: keyof Fixture['users']) =>
  call(app, null, 'POST', '/api/auth/pin', { body: { employeeNo: fx.users[who].employeeNo, pin: fx.users[who].pin }, headers: { cookie: device.cookie } })

const devices = async (session: Session, storeId = 'st-a1') => {
  const res = await call(app, session, 'GET', `/api/stores/${storeId}/devices`)
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body.devices as Array<Record<string, any>>
}

let tablet: Session
let manager: Session

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  app = createTestApp(database)
  // Stan signs in with his password on the back-room tablet: it becomes a tablet of st-a1.
  tablet = await signInOn(ANDROID, fx.users.stockroom.employeeNo)
  expect(tablet.cookie).toContain('bs_device=')
  manager = await signInOn('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', fx.users.manager.employeeNo)
})

describe('listing a store’s tablets', () => {
  it('shows the browser, who registered it and when, and who used it last', async () => {
    app.clock.advance(30 * MINUTE)
    tablet = await pinSwitch(app, tablet, fx.users.lead.employeeNo, fx.users.lead.pin)
    const list = await devices(manager)
    // The manager's own desk browser is registered too (store staff); the tablet was used last.
    const android = list.find((d) => d.os === 'Android 14')!
    expect(android).toMatchObject({
      shortId: android.id.slice(0, 8),
      storeId: 'st-a1',
      userAgent: ANDROID,
      browser: 'Chrome 131',
      os: 'Android 14',
      registeredBy: { id: fx.users.stockroom.id, name: 'Stan Stockroom', employeeNo: 'E1002' },
      registeredAt: '2026-11-02T10:00:00.000Z',
      lastUsedAt: app.clock.now().toISOString(),
      lastUsedBy: { id: fx.users.lead.id, name: 'Lea Lead' },
      openSessions: 1, // the PIN switch ended Stan's session and started Lea's
      revokedAt: null,
      revokedBy: null,
      thisDevice: false,
    })
    expect(android.id).toMatch(/^[0-9a-f]{64}$/)
    // Seen from the tablet itself, it is "this device".
    tablet = await pinSwitch(app, tablet, fx.users.manager.employeeNo, fx.users.manager.pin)
    const own = await call(app, tablet, 'GET', '/api/stores/st-a1/devices')
    expect(own.body.devices.find((d: { id: string }) => d.id === android.id).thisDevice).toBe(true)
  })

  it('the regional manager and the auditor read it; each store lists only its own tablets', async () => {
    await signInOn(IPAD, fx.users.managerA2.employeeNo)
    const regional = await signInOn(IPAD, fx.users.regional.employeeNo)
    const auditor = await signInOn(IPAD, fx.users.auditor.employeeNo)
    for (const who of [regional, auditor]) {
      expect((await devices(who, 'st-a1')).every((d) => d.storeId === 'st-a1')).toBe(true)
      const a2 = await devices(who, 'st-a2')
      expect(a2).toEqual([expect.objectContaining({ storeId: 'st-a2', browser: 'Safari 17', os: 'iPadOS 17', registeredBy: expect.objectContaining({ name: 'Mona ManagerA2' }) })])
    }
    // Regional managers and auditors hold no store role: their sign-in registers no tablet.
    expect(regional.cookie).not.toContain('bs_device=')
  })
})

describe('revoking a tablet', () => {
  it('ends its sessions, refuses its PIN switch with 403 DEVICE_REVOKED, and is audited once', async () => {
    const onTablet = await pinSwitch(app, tablet, fx.users.lead.employeeNo, fx.users.lead.pin)
    expect((await call(app, onTablet, 'GET', '/api/me')).status).toBe(200)
    const target = (await devices(manager)).find((d) => d.os === 'Android 14')!

    const res = await call(app, manager, 'POST', `/api/stores/st-a1/devices/${target.id}/revoke`, { body: { reason: 'Lost in the car park' } })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.device).toMatchObject({ id: target.id, revokedAt: app.clock.now().toISOString(), revokedBy: { id: fx.users.manager.id, name: 'Max Manager' }, openSessions: 0 })

    // The session on it is gone, and no PIN opens it any more.
    const me = await call(app, onTablet, 'GET', '/api/me')
    expect(me.status).toBe(401)
    const refused = await pin(onTablet, 'manager')
    expect(refused.status).toBe(403)
    expect(refused.body.error.code).toBe('DEVICE_REVOKED')
    expect(refused.headers.getSetCookie()).toEqual([])
    const open = await database.db.all<{ n: number }>(sql`SELECT COUNT(*) AS n FROM sessions WHERE device_id = ${target.id} AND revoked_at IS NULL`)
    expect(Number(open[0]!.n)).toBe(0)

    const events = await database.db.all<{ actor_user_id: string; store_id: string; before: string; after: string }>(
      sql`SELECT actor_user_id, store_id, before, after FROM audit_events WHERE action = 'device.revoked' AND entity_id = ${target.id}`,
    )
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ actor_user_id: fx.users.manager.id, store_id: 'st-a1' })
    expect(JSON.parse(events[0]!.before)).toMatchObject({ revokedAt: null, registeredBy: fx.users.stockroom.id })
    expect(JSON.parse(events[0]!.after)).toMatchObject({ sessionsEnded: 1, reason: 'Lost in the car park', userAgent: ANDROID })

    // Again: nothing changes, the answer is replayed.
    const again = await call(app, manager, 'POST', `/api/stores/st-a1/devices/${target.id}/revoke`, { body: {} })
    expect(again.status).toBe(200)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(again.body.device.revokedAt).toBe(res.body.device.revokedAt)
    expect((await database.db.all(sql`SELECT 1 FROM audit_events WHERE action = 'device.revoked'`)).length).toBe(1)

    // The list keeps it, after the registered ones.
    const list = await devices(manager)
    expect(list.at(-1)).toMatchObject({ id: target.id, revokedAt: expect.any(String) })
    await assertInvariants(database)
  })

  it('the browser is no tablet any more; a password sign-in there registers it again, as a new device', async () => {
    const again = await signInOn(ANDROID, fx.users.stockroom.employeeNo, tablet.cookie)
    expect((await call(app, again, 'GET', '/api/me')).body.device).toEqual({ storeId: 'st-a1' })
    const list = await devices(manager)
    expect(list.filter((d) => d.os === 'Android 14').map((d) => d.revokedAt === null)).toEqual([true, false])
    expect((await pin(again, 'lead')).status).toBe(200)
  })

  it('a regional manager revokes in the region; an administrator anywhere', async () => {
    const regional = await signInOn(IPAD, fx.users.regional.employeeNo)
    const a2 = (await devices(regional, 'st-a2'))[0]!
    expect((await call(app, regional, 'POST', `/api/stores/st-a2/devices/${a2.id}/revoke`, { body: {} })).status).toBe(200)
    const b1Tablet = await signInOn(ANDROID, fx.users.managerB1.employeeNo)
    const admin = await signInOn(IPAD, fx.users.admin.employeeNo)
    const b1 = (await devices(admin, 'st-b1'))[0]!
    expect((await call(app, admin, 'POST', `/api/stores/st-b1/devices/${b1.id}/revoke`, { body: {} })).status).toBe(200)
    expect((await call(app, b1Tablet, 'GET', '/api/me')).status).toBe(401)
  })
})

describe('disabling a person keeps the tablets they registered (they are the store’s)', () => {
  it('the tablet stays registered and still switches to other people by PIN', async () => {
    const device = await signInOn(ANDROID, fx.users.stockroom2.employeeNo)
    const admin = await signInOn(IPAD, fx.users.admin.employeeNo)
    const disabled = await call(app, admin, 'POST', `/api/admin/users/${fx.users.stockroom2.id}/disable`, { body: {} })
    expect(disabled.status, JSON.stringify(disabled.body)).toBe(200)
    const row = (await devices(manager)).find((d) => d.registeredBy?.id === fx.users.stockroom2.id)!
    expect(row).toMatchObject({ revokedAt: null, openSessions: 0 })
    expect((await pin(device, 'lead')).status).toBe(200)
    expect((await pin(device, 'stockroom2')).status).toBe(401)
  })
})
