import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { call, createTestApp, pinSwitch, signIn, type Session, type TestApp } from '../support/app'
import { createTestDatabase } from '../support/db'
import { createFixture, type Fixture } from '../support/fixtures'
import { assertInvariants } from '../support/invariants'

let database: Database
let app: TestApp
let fx: Fixture
const s: Record<string, Session> = {}

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  app = createTestApp(database)
  for (const key of ['admin', 'manager', 'managerA2', 'clerk'] as const) s[key] = await signIn(app, fx.users[key].employeeNo)
})

const lastEvents = async (n: number) =>
  (await database.db.all<{ action: string; entity_id: string; actor_user_id: string; store_id: string | null; before: string | null; after: string | null }>(
    sql`SELECT action, entity_id, actor_user_id, store_id, before, after FROM audit_events ORDER BY seq DESC LIMIT ${n}`,
  )).reverse()
const json = (v: string | null) => (v === null ? null : JSON.parse(v))

describe('users: create', () => {
  it('creates an account with a normalized, unique employee number, hashed secrets and a first role (audited)', async () => {
    const res = await call(app, s.admin!, 'POST', '/api/admin/users', {
      body: { employeeNo: ' e-5001 ', name: 'Nina New', password: 'correct horse 1', pin: '4826', locale: 'de', role: { role: 'stockroom', storeId: 'st-a1' } },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body).toMatchObject({ employeeNo: 'E-5001', name: 'Nina New', locale: 'de', hasPin: true, roles: [{ role: 'stockroom', storeId: 'st-a1', regionId: null }] })
    const [created, granted] = await lastEvents(2)
    expect(created).toMatchObject({ action: 'user.created', entity_id: res.body.id, actor_user_id: fx.users.admin.id, store_id: 'st-a1' })
    expect(json(created!.after)).toEqual({ employeeNo: 'E-5001', name: 'Nina New', locale: 'de', hasPin: true, temporary: true })
    expect(granted).toMatchObject({ action: 'role.granted', entity_id: res.body.id })
    expect(json(granted!.before)).toEqual({ roles: [] })
    expect(json(granted!.after).roles).toEqual([{ role: 'stockroom', storeId: 'st-a1', regionId: null }])
    // The secrets are stored hashed and never written to the audit trail.
    const [row] = await database.db.all<{ password_hash: string; pin_hash: string }>(sql`SELECT password_hash, pin_hash FROM users WHERE id = ${res.body.id}`)
    expect(row!.password_hash).toMatch(/^\$argon2id\$/)
    expect(row!.pin_hash).toMatch(/^\$argon2id\$/)
    const audit = await database.db.all<{ n: number }>(sql`SELECT COUNT(*) AS n FROM audit_events WHERE after LIKE '%argon2%' OR after LIKE '%correct horse%' OR after LIKE '%4826%'`)
    expect(Number(audit[0]!.n)).toBe(0)
    // The new person signs in with the password: employee numbers match however they are typed.
    expect((await signIn(app, 'e-5001', 'correct horse 1')).userId).toBe(res.body.id)
  })

  it.each(['E-5001', 'e-5001', ' E-5001', 'Ｅ－５００１'])('refuses a second account for the same employee (%s) with 409', async (employeeNo) => {
    const res = await call(app, s.admin!, 'POST', '/api/admin/users', { body: { employeeNo, name: 'Twin', password: 'another pass 2' } })
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('DUPLICATE')
  })

  it('lets a store manager create users of their own store, up to store manager', async () => {
    const ok = await call(app, s.manager!, 'POST', '/api/admin/users', { body: { employeeNo: 'E5002', name: 'Olaf Own', password: 'olaf-pass-1', role: { role: 'lead', storeId: 'st-a1' } } })
    expect(ok.status, JSON.stringify(ok.body)).toBe(201)
    const refusals: Array<[unknown, number]> = [
      [undefined, 400],
      [{ role: 'stockroom', storeId: 'st-a2' }, 403],
      [{ role: 'regional_manager', regionId: 'rg-a' }, 403],
      [{ role: 'admin' }, 403],
      [{ role: 'stockroom', regionId: 'rg-a' }, 400],
      [{ role: 'stockroom', storeId: 'st-nope' }, 404],
    ]
    for (const [role, status] of refusals) {
      const res = await call(app, s.manager!, 'POST', '/api/admin/users', { body: { employeeNo: `E59${status}${refusals.indexOf([role, status])}`, name: 'X', password: 'some-pass-1', ...(role ? { role } : {}) } })
      expect(res.status, JSON.stringify(role)).toBe(status)
    }
  })
})

describe('users: roles', () => {
  it('grants and revokes a role with the roles before and after in the audit trail', async () => {
    const nina = (await call(app, s.admin!, 'GET', '/api/admin/users?q=Nina')).body.users[0]
    const granted = await call(app, s.admin!, 'POST', `/api/admin/users/${nina.id}/roles`, { body: { role: 'lead', storeId: 'st-a1' } })
    expect(granted.status, JSON.stringify(granted.body)).toBe(201)
    const [event] = await lastEvents(1)
    expect(event).toMatchObject({ action: 'role.granted', entity_id: nina.id, store_id: 'st-a1', actor_user_id: fx.users.admin.id })
    expect(json(event!.before)).toEqual({ roles: [{ role: 'stockroom', storeId: 'st-a1', regionId: null }] })
    expect(json(event!.after).roles).toEqual([
      { role: 'stockroom', storeId: 'st-a1', regionId: null },
      { role: 'lead', storeId: 'st-a1', regionId: null },
    ])
    expect((await call(app, s.admin!, 'POST', `/api/admin/users/${nina.id}/roles`, { body: { role: 'lead', storeId: 'st-a1' } })).status).toBe(409)

    const revoked = await call(app, s.manager!, 'POST', `/api/admin/roles/${granted.body.id}/revoke`, { body: {} })
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200)
    const [revokeEvent] = await lastEvents(1)
    expect(revokeEvent).toMatchObject({ action: 'role.revoked', entity_id: nina.id, actor_user_id: fx.users.manager.id })
    expect(json(revokeEvent!.before).roles).toHaveLength(2)
    expect(json(revokeEvent!.after).roles).toEqual([{ role: 'stockroom', storeId: 'st-a1', regionId: null }])
    // Kept on record, and gone from the person's grants at once.
    const [row] = await database.db.all<{ revoked_at: string; revoked_by: string }>(sql`SELECT revoked_at, revoked_by FROM role_assignments WHERE id = ${granted.body.id}`)
    expect(row).toEqual({ revoked_at: '2026-11-02T10:00:00.000Z', revoked_by: fx.users.manager.id })
    expect((await call(app, s.manager!, 'POST', `/api/admin/roles/${granted.body.id}/revoke`, { body: {} })).status).toBe(409)
  })

  it('refuses a store manager anything above store manager, outside the store, or for themselves', async () => {
    const nina = (await call(app, s.manager!, 'GET', '/api/admin/users?q=Nina')).body.users[0]
    const cases: Array<[string, unknown, number]> = [
      [nina.id, { role: 'regional_manager', regionId: 'rg-a' }, 403],
      [nina.id, { role: 'auditor' }, 403],
      [nina.id, { role: 'lead', storeId: 'st-a2' }, 403],
      [fx.users.managerB1.id, { role: 'clerk', storeId: 'st-a1' }, 404],
      [fx.users.regional.id, { role: 'clerk', storeId: 'st-a1' }, 404],
      [fx.users.manager.id, { role: 'lead', storeId: 'st-a1' }, 403],
    ]
    for (const [userId, body, status] of cases) {
      const res = await call(app, s.manager!, 'POST', `/api/admin/users/${userId}/roles`, { body })
      expect(res.status, `${userId} ${JSON.stringify(body)}`).toBe(status)
    }
    expect((await call(app, s.manager!, 'POST', '/api/admin/roles/ra-regional/revoke', { body: {} })).status).toBe(404)
    expect((await call(app, s.manager!, 'POST', '/api/admin/roles/ra-manager/revoke', { body: {} })).status).toBe(403)
    expect((await call(app, s.admin!, 'POST', `/api/admin/users/${fx.users.admin.id}/roles`, { body: { role: 'regional_manager', regionId: 'rg-a' } })).status).toBe(403)
  })
})

describe('users: disable and PIN', () => {
  it('disabling ends every session at once and refuses new sign-ins', async () => {
    const created = await call(app, s.admin!, 'POST', '/api/admin/users', { body: { employeeNo: 'E5003', name: 'Paul Leaving', password: 'paul-pass-1', role: { role: 'clerk', storeId: 'st-a1' } } })
    const one = await signIn(app, 'E5003', 'paul-pass-1')
    const two = await signIn(app, 'E5003', 'paul-pass-1')
    expect((await call(app, one, 'GET', '/api/me')).status).toBe(200)
    const res = await call(app, s.manager!, 'POST', `/api/admin/users/${created.body.id}/disable`, { body: {} })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toMatchObject({ active: false, sessionsRevoked: 2, disabledAt: '2026-11-02T10:00:00.000Z' })
    for (const session of [one, two]) expect((await call(app, session, 'GET', '/api/me')).status).toBe(401)
    await expect(signIn(app, 'E5003', 'paul-pass-1')).rejects.toThrow(/401/)
    const [event] = (await lastEvents(3)).filter((e) => e.action === 'user.disabled')
    expect(event).toMatchObject({ action: 'user.disabled', entity_id: created.body.id, actor_user_id: fx.users.manager.id })
    expect(json(event!.after)).toMatchObject({ active: false, sessionsRevoked: 2 })
    expect((await call(app, s.manager!, 'POST', `/api/admin/users/${created.body.id}/disable`, { body: {} })).status).toBe(409)
  })

  it('refuses a store manager people of other stores, above them, or themselves', async () => {
    for (const [userId, status] of [[fx.users.managerA2.id, 404], [fx.users.regional.id, 404], [fx.users.admin.id, 404], [fx.users.manager.id, 403]] as const) {
      expect((await call(app, s.manager!, 'POST', `/api/admin/users/${userId}/disable`, { body: {} })).status, userId).toBe(status)
    }
  })

  it('resets a PIN (audited without the PIN), which then works on a store tablet', async () => {
    const olaf = (await call(app, s.manager!, 'GET', '/api/admin/users?q=Olaf')).body.users[0]
    expect(olaf.hasPin).toBe(false)
    const res = await call(app, s.manager!, 'POST', `/api/admin/users/${olaf.id}/pin`, { body: { pin: '7319' } })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const [event] = await lastEvents(1)
    expect(event).toMatchObject({ action: 'user.pin_reset', entity_id: olaf.id })
    expect(`${event!.before}${event!.after}`).not.toContain('7319')
    const tablet = await signIn(app, fx.users.clerk.employeeNo)
    expect((await pinSwitch(app, tablet, 'E5002', '7319')).userId).toBe(olaf.id)
    expect((await call(app, s.manager!, 'POST', `/api/admin/users/${olaf.id}/pin`, { body: { pin: '12' } })).status).toBe(400)
  })

  it('lists the people of my stores with their roles; a chain administrator sees everyone', async () => {
    const mine = (await call(app, s.manager!, 'GET', '/api/admin/users?limit=200')).body.users
    expect(mine.every((u: { roles: Array<{ storeId: string }> }) => u.roles.some((r) => r.storeId === 'st-a1'))).toBe(true)
    expect(mine.map((u: { employeeNo: string }) => u.employeeNo)).not.toContain('E3004')
    const all = (await call(app, s.admin!, 'GET', '/api/admin/users?limit=200&includeDisabled=true')).body.users
    expect(all.map((u: { employeeNo: string }) => u.employeeNo)).toEqual(expect.arrayContaining(['E3004', 'E2001', 'E5003', 'E1006']))
    expect(all.find((u: { employeeNo: string }) => u.employeeNo === 'E2001').roles).toEqual([expect.objectContaining({ role: 'regional_manager', regionId: 'rg-a', storeId: null })])
    expect((await call(app, s.manager!, 'GET', '/api/admin/users?storeId=st-a2')).status).toBe(404)
    const paged = (await call(app, s.admin!, 'GET', '/api/admin/users?limit=2')).body
    expect(paged.users).toHaveLength(2)
    expect(paged.nextOffset).toBe(2)
  })
})

describe('stores, regions, reason codes, shelf settings', () => {
  it('creates a region and a store with its standard locations, and changes them (audited)', async () => {
    const region = await call(app, s.admin!, 'POST', '/api/admin/regions', { body: { id: 'rg-c', code: 'C', name: 'Region C' } })
    expect(region.status, JSON.stringify(region.body)).toBe(201)
    expect((await call(app, s.admin!, 'POST', '/api/admin/regions', { body: { code: 'C', name: 'Again' } })).status).toBe(409)
    const store = await call(app, s.admin!, 'POST', '/api/admin/stores', { body: { id: 'st-c1', regionId: 'rg-c', code: 'C1', name: 'Store C1', city: 'Köln', timezone: 'Europe/Berlin', opensAt: '07:00', closesAt: '21:30' } })
    expect(store.status, JSON.stringify(store.body)).toBe(201)
    const kinds = await database.db.all<{ kind: string }>(sql`SELECT kind FROM locations WHERE store_id = 'st-c1' ORDER BY kind`)
    expect(kinds.map((k) => k.kind)).toEqual(['floor', 'in_transit', 'quarantine', 'receiving', 'stockroom'])
    const patched = await call(app, s.admin!, 'PATCH', '/api/admin/stores/st-c1', { body: { timezone: 'Europe/London', closesAt: '22:00' } })
    expect(patched.body).toMatchObject({ id: 'st-c1', timezone: 'Europe/London', closesAt: '22:00', opensAt: '07:00' })
    const [event] = await lastEvents(1)
    expect(event).toMatchObject({ action: 'store.updated', entity_id: 'st-c1' })
    expect(json(event!.before)).toMatchObject({ timezone: 'Europe/Berlin' })
    for (const body of [{ timezone: 'Mars/Olympus' }, { opensAt: '25:00' }, { code: 'a1' }, { status: 'x' }]) {
      expect((await call(app, s.admin!, 'PATCH', '/api/admin/stores/st-c1', { body })).status, JSON.stringify(body)).toBe(400)
    }
    expect((await call(app, s.admin!, 'PATCH', '/api/admin/stores/st-c1', { body: { code: 'A1' } })).status).toBe(409)
    expect((await call(app, s.admin!, 'PATCH', '/api/admin/regions/rg-c', { body: { name: 'Region Cologne' } })).body).toEqual({ id: 'rg-c', code: 'C', name: 'Region Cologne' })
    const places = (await call(app, s.admin!, 'GET', '/api/admin/places')).body
    expect(places.stores.map((st: { id: string }) => st.id)).toContain('st-c1')
  })

  it('creates and retires reason codes with English and German labels', async () => {
    const created = await call(app, s.admin!, 'POST', '/api/admin/reason-codes', { body: { code: 'recall', labelEn: 'Product recall', labelDe: 'Rückruf', sortOrder: 8 } })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    expect(created.body).toEqual({ code: 'recall', labelEn: 'Product recall', labelDe: 'Rückruf', requiresNote: false, active: true, sortOrder: 8 })
    expect((await call(app, s.admin!, 'POST', '/api/admin/reason-codes', { body: { code: 'recall', labelEn: 'x', labelDe: 'y' } })).status).toBe(409)
    const offered = async () => (await call(app, s.manager!, 'GET', '/api/stores/st-a1/reason-codes')).body.reasonCodes.map((r: { code: string }) => r.code)
    expect(await offered()).toContain('recall')
    expect((await call(app, s.admin!, 'PATCH', '/api/admin/reason-codes/recall', { body: { active: false } })).body.active).toBe(false)
    expect(await offered()).not.toContain('recall')
    expect((await call(app, s.admin!, 'GET', '/api/admin/reason-codes')).body.reasonCodes.find((r: { code: string }) => r.code === 'recall')).toMatchObject({ active: false })
    expect((await lastEvents(1))[0]).toMatchObject({ action: 'reason_code.updated', entity_id: 'recall' })
  })

  it('sets shelf minimum and target of an item in a store', async () => {
    const res = await call(app, s.admin!, 'PUT', '/api/admin/stores/st-a1/items/it-milk/settings', { body: { shelfMin: 12, shelfTarget: 40 } })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const [row] = await database.db.all(sql`SELECT shelf_min AS min, shelf_target AS target FROM store_items WHERE store_id = 'st-a1' AND item_id = 'it-milk'`)
    expect(row).toEqual({ min: 12, target: 40 })
    expect(json((await lastEvents(1))[0]!.before)).toEqual({ shelfMin: 5, shelfTarget: 20 })
    expect((await call(app, s.admin!, 'PUT', '/api/admin/stores/st-a1/items/it-milk/settings', { body: { shelfMin: 12, shelfTarget: 4 } })).status).toBe(400)
    expect((await call(app, s.admin!, 'PUT', '/api/admin/stores/st-a1/items/it-nope/settings', { body: { shelfMin: 1, shelfTarget: 4 } })).status).toBe(404)
  })

  it('never touched stock or corrections', async () => {
    const [counts] = await database.db.all<{ m: number; c: number }>(sql`SELECT (SELECT COUNT(*) FROM movements) AS m, (SELECT COUNT(*) FROM corrections) AS c`)
    // The fixture's opening stock: 3 stores × 5 items × floor and stockroom.
    expect(counts).toEqual({ m: 30, c: 0 })
    await assertInvariants(database)
  })
})
