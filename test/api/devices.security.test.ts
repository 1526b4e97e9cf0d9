import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { call, createTestApp, signIn, type Session, type TestApp } from '../support/app'
import { createTestDatabase } from '../support/db'
import { createFixture, type Fixture } from '../support/fixtures'
import { expectRefused } from '../support/invariants'

/** Who may see and revoke a store's tablets: store manager (their stores), regional (region), admin; the auditor reads. */

let database: Database
let app: TestApp
let fx: Fixture
const s: Record<string, Session> = {}
const deviceOf: Record<string, string> = {}

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  app = createTestApp(database)
  for (const key of ['admin', 'auditor', 'regional', 'regionalB', 'lead', 'clerk', 'stockroom', 'manager', 'managerA2', 'managerB1'] as const) s[key] = await signIn(app, fx.users[key].employeeNo)
  // Each store manager's sign-in registered their browser as a tablet of their store.
  for (const storeId of ['st-a1', 'st-a2', 'st-b1']) {
    const res = await call(app, s.admin!, 'GET', `/api/stores/${storeId}/devices`)
    expect(res.status).toBe(200)
    deviceOf[storeId] = res.body.devices.find((d: { registeredBy: { id: string } }) => d.registeredBy.id === { 'st-a1': fx.users.manager.id, 'st-a2': fx.users.managerA2.id, 'st-b1': fx.users.managerB1.id }[storeId])!.id
  }
})

const revoke = (who: string, storeId: string, deviceId: string, body: unknown = {}) => call(app, s[who]!, 'POST', `/api/stores/${storeId}/devices/${deviceId}/revoke`, { body })

describe('tablets: who sees them', () => {
  it('a store manager sees their own store only; other stores do not exist for them (404)', async () => {
    expect((await call(app, s.manager!, 'GET', '/api/stores/st-a1/devices')).status).toBe(200)
    for (const storeId of ['st-a2', 'st-b1', 'st-nowhere']) {
      const res = await call(app, s.manager!, 'GET', `/api/stores/${storeId}/devices`)
      expect(res.status, storeId).toBe(404)
      expect(res.body.error).toMatchObject({ code: 'NOT_FOUND', details: { storeId } })
    }
  })

  it('a regional manager sees the region, the auditor every store; store staff below manager get 403', async () => {
    expect((await call(app, s.regional!, 'GET', '/api/stores/st-a2/devices')).status).toBe(200)
    expect((await call(app, s.regional!, 'GET', '/api/stores/st-b1/devices')).status).toBe(404)
    expect((await call(app, s.regionalB!, 'GET', '/api/stores/st-a1/devices')).status).toBe(404)
    for (const storeId of ['st-a1', 'st-a2', 'st-b1']) expect((await call(app, s.auditor!, 'GET', `/api/stores/${storeId}/devices`)).status).toBe(200)
    for (const who of ['lead', 'clerk', 'stockroom']) {
      const res = await call(app, s[who]!, 'GET', '/api/stores/st-a1/devices')
      expect(res.status, who).toBe(403)
      expect(res.body.error.code).toBe('FORBIDDEN')
    }
    expect((await call(app, null, 'GET', '/api/stores/st-a1/devices')).status).toBe(401)
  })
})

describe('tablets: who revokes them', () => {
  it('the auditor reads but gets 403 on revoking, and nothing changes', async () => {
    await expectRefused(database, () => revoke('auditor', 'st-a1', deviceOf['st-a1']!), 403, 'FORBIDDEN')
  })

  it.each(['lead', 'stockroom', 'clerk'])('%s: 403, nothing changes', async (who) => {
    await expectRefused(database, () => revoke(who, 'st-a1', deviceOf['st-a1']!), 403, 'FORBIDDEN')
  })

  it('a store manager cannot reach another store’s tablet: not by its store (404) nor through their own store (404)', async () => {
    await expectRefused(database, () => revoke('manager', 'st-a2', deviceOf['st-a2']!), 404, 'NOT_FOUND')
    await expectRefused(database, () => revoke('manager', 'st-b1', deviceOf['st-b1']!), 404, 'NOT_FOUND')
    const res = await expectRefused(database, () => revoke('manager', 'st-a1', deviceOf['st-a2']!), 404, 'NOT_FOUND')
    expect(res.body.error.details).toEqual({ deviceId: deviceOf['st-a2'] })
    await expectRefused(database, () => revoke('regionalB', 'st-a1', deviceOf['st-a1']!), 404, 'NOT_FOUND')
  })

  it('an unknown device is 404', async () => {
    await expectRefused(database, () => revoke('manager', 'st-a1', 'f'.repeat(64)), 404, 'NOT_FOUND')
  })
})

describe('tablets: bad input changes nothing', () => {
  it.each([
    ['an unknown field', { reason: 'lost', storeId: 'st-b1' }],
    ['an empty reason', { reason: '   ' }],
    ['a reason too long', { reason: 'x'.repeat(201) }],
    ['a reason that is not text', { reason: 42 }],
    ['no object', [] as unknown],
  ])('revoke with %s → 400', async (_label, body) => {
    await expectRefused(database, () => revoke('manager', 'st-a1', deviceOf['st-a1']!, body), 400, 'VALIDATION_FAILED')
  })

  it('a device id longer than any id → 400; a body that is not JSON → 415', async () => {
    await expectRefused(database, () => revoke('manager', 'st-a1', 'a'.repeat(65)), 400, 'VALIDATION_FAILED')
    await expectRefused(
      database,
      () => call(app, s.manager!, 'POST', `/api/stores/st-a1/devices/${deviceOf['st-a1']}/revoke`, { body: 'reason=lost', headers: { 'content-type': 'text/plain', origin: 'http://localhost' } }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    )
  })
})
