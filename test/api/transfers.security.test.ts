import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { call, createTestApp, signIn, type Session, type TestApp } from '../support/app'
import { createTestDatabase } from '../support/db'
import { createFixture, type Fixture } from '../support/fixtures'
import { assertInvariants, fingerprint } from '../support/invariants'

let database: Database
let app: TestApp
let fx: Fixture
const s: Record<string, Session> = {}
let transferId: string

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
  for (const key of ['clerk', 'stockroom', 'lead', 'manager', 'managerA2', 'managerB1', 'regional', 'regionalB', 'auditor'] as const) s[key] = await signIn(app, fx.users[key].employeeNo)
  transferId = (await call(app, s.stockroom!, 'POST', '/api/stores/st-a1/transfers', { body: { toStoreId: 'st-a2', lines: [{ itemId: 'it-milk', quantity: 3 }] } })).body.transfer.id
})

describe('transfers: who may do what, where', () => {
  it('clerks and read-only roles neither draft nor ship', async () => {
    const body = { toStoreId: 'st-a2', lines: [{ itemId: 'it-milk', quantity: 1 }] }
    for (const who of ['clerk', 'regional', 'auditor']) await denied(s[who]!, 'POST', '/api/stores/st-a1/transfers', 403, body)
    await denied(s.clerk!, 'GET', '/api/stores/st-a1/transfers', 403)
    await denied(s.regional!, 'POST', `/api/stores/st-a1/transfers/${transferId}/ship`, 403, {})
    await denied(null, 'POST', `/api/stores/st-a1/transfers/${transferId}/ship`, 401, {})
  })

  it('the receiving store cannot ship or cancel; the sender cannot receive; a third store sees nothing', async () => {
    expect((await call(app, s.stockroom!, 'POST', `/api/stores/st-a1/transfers/${transferId}/ship`, { body: {} })).status).toBe(200)
    await denied(s.managerA2!, 'POST', `/api/stores/st-a2/transfers/${transferId}/ship`, 404, {})
    await denied(s.managerA2!, 'POST', `/api/stores/st-a2/transfers/${transferId}/cancel`, 404, {})
    await denied(s.stockroom!, 'POST', `/api/stores/st-a1/transfers/${transferId}/scans`, 404, { id: 'tscan-self-01', itemId: 'it-milk' })
    await denied(s.stockroom!, 'POST', `/api/stores/st-a1/transfers/${transferId}/receive`, 404, {})
    await denied(s.managerB1!, 'GET', `/api/stores/st-b1/transfers/${transferId}`, 404)
    await denied(s.managerB1!, 'POST', `/api/stores/st-b1/transfers/${transferId}/receive`, 404, {})
    await denied(s.regionalB!, 'GET', `/api/stores/st-a2/transfers/${transferId}`, 404)
    // People of A1 cannot act in A2 by naming it.
    await denied(s.manager!, 'POST', `/api/stores/st-a2/transfers/${transferId}/receive`, 404, {})
    const third = await call(app, s.managerB1!, 'GET', '/api/stores/st-b1/transfers')
    expect(third.body.transfers).toEqual([])
  })

  it('in the receiving store only back-room roles receive', async () => {
    await denied(s.regional!, 'POST', `/api/stores/st-a2/transfers/${transferId}/receive`, 403, {})
    await denied(s.regional!, 'POST', `/api/stores/st-a2/transfers/${transferId}/scans`, 403, { id: 'tscan-reg-001', itemId: 'it-milk' })
    expect((await call(app, s.regional!, 'GET', `/api/stores/st-a2/transfers/${transferId}`)).status).toBe(200)
    await assertInvariants(database)
  })
})
