import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { call, createTestApp, disableUser, signIn, type Session, type TestApp } from '../support/app'
import { createTestDatabase } from '../support/db'
import { createFixture, type Fixture } from '../support/fixtures'
import { assertInvariants, fingerprint } from '../support/invariants'

let database: Database
let app: TestApp
let fx: Fixture
const s: Record<string, Session> = {}

async function denied(session: Session | null, method: string, path: string, status: number, body?: unknown) {
  const before = await fingerprint(database)
  const res = await call(app, session, method, path, body === undefined ? {} : { body })
  expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(status)
  expect(await fingerprint(database)).toBe(before)
}

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  app = createTestApp(database)
  for (const key of ['clerk', 'stockroom', 'lead', 'manager', 'managerA2', 'managerB1', 'regional', 'auditor', 'admin', 'disabled'] as const) {
    s[key] = await signIn(app, fx.users[key].employeeNo)
  }
  await disableUser(database, fx.users.disabled.id)
  expect((await call(app, s.clerk!, 'POST', '/api/stores/st-a1/replenishment/requests', { body: { id: 'req-sec-a1-01', itemId: 'it-milk' } })).status).toBe(201)
  expect((await call(app, s.managerA2!, 'POST', '/api/stores/st-a2/replenishment/requests', { body: { id: 'req-sec-a2-01', itemId: 'it-milk' } })).status).toBe(201)
})

const a1 = '/api/stores/st-a1/replenishment'

describe('replenishment: who may do what, where', () => {
  it('nobody without a session; a disabled user’s session is dead', async () => {
    await denied(null, 'GET', `${a1}/requests`, 401)
    await denied(null, 'POST', `${a1}/requests`, 401, { id: 'req-anon-0001', itemId: 'it-tv' })
    await denied(s.disabled!, 'GET', `${a1}/requests`, 401)
  })

  it('a clerk asks and reads but does not pick', async () => {
    await denied(s.clerk!, 'GET', `${a1}/pick-list`, 403)
    await denied(s.clerk!, 'POST', `${a1}/requests/req-sec-a1-01/picking`, 403, {})
    await denied(s.clerk!, 'POST', `${a1}/requests/req-sec-a1-01/done`, 403, { quantity: 1 })
    await denied(s.clerk!, 'POST', `${a1}/requests/req-sec-a1-01/cannot-fill`, 403, { reason: 'no' })
  })

  it('read-only roles and admins do not request', async () => {
    await denied(s.auditor!, 'POST', `${a1}/requests`, 403, { id: 'req-audit-001', itemId: 'it-tv' })
    await denied(s.regional!, 'POST', `${a1}/requests`, 403, { id: 'req-region-01', itemId: 'it-tv' })
    await denied(s.admin!, 'GET', `${a1}/requests`, 403)
    expect((await call(app, s.auditor!, 'GET', `${a1}/requests`)).status).toBe(200)
  })

  it('only the requester cancels', async () => {
    await denied(s.stockroom!, 'POST', `${a1}/requests/req-sec-a1-01/cancel`, 403, {})
    await denied(s.manager!, 'POST', `${a1}/requests/req-sec-a1-01/cancel`, 403, {})
  })

  it('other stores do not exist for you (404), and neither do their requests', async () => {
    await denied(s.clerk!, 'GET', '/api/stores/st-a2/replenishment/requests', 404)
    await denied(s.clerk!, 'POST', '/api/stores/st-b1/replenishment/requests', 404, { id: 'req-other-001', itemId: 'it-tv' })
    await denied(s.managerB1!, 'GET', '/api/stores/st-a1/replenishment/pick-list', 404)
    await denied(s.managerA2!, 'GET', '/api/stores/st-a2/replenishment/requests/req-sec-a1-01', 404)
    await denied(s.managerA2!, 'POST', '/api/stores/st-a2/replenishment/requests/req-sec-a1-01/done', 404, { quantity: 1 })
    await denied(s.manager!, 'POST', `${a1}/requests/req-sec-a2-01/picking`, 404, {})
    await denied(s.manager!, 'GET', '/api/stores/nowhere/replenishment/requests', 404)
  })

  it('lists never leak another store’s requests', async () => {
    const a2 = await call(app, s.regional!, 'GET', '/api/stores/st-a2/replenishment/requests')
    expect(a2.body.requests.map((r: { id: string }) => r.id)).toEqual(['req-sec-a2-01'])
    const list = await call(app, s.manager!, 'GET', `${a1}/pick-list`)
    expect(list.body.lines.map((r: { id: string }) => r.id)).toEqual(['req-sec-a1-01'])
  })

  it('a retried id from another store or person never answers their request', async () => {
    await denied(s.managerA2!, 'POST', '/api/stores/st-a2/replenishment/requests', 422, { id: 'req-sec-a1-01', itemId: 'it-milk' })
    await denied(s.stockroom!, 'POST', `${a1}/requests`, 422, { id: 'req-sec-a1-01', itemId: 'it-milk' })
    await assertInvariants(database)
  })
})
