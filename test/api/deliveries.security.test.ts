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
let a1Delivery: string
let a2Delivery: string

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
  for (const key of ['clerk', 'stockroom', 'lead', 'manager', 'managerA2', 'regional', 'auditor', 'admin'] as const) s[key] = await signIn(app, fx.users[key].employeeNo)
  const body = { supplier: 'S', reference: 'SEC-1', lines: [{ itemId: 'it-milk', expectedQty: 2 }] }
  a1Delivery = (await call(app, s.manager!, 'POST', '/api/stores/st-a1/deliveries', { body })).body.delivery.id
  a2Delivery = (await call(app, s.managerA2!, 'POST', '/api/stores/st-a2/deliveries', { body })).body.delivery.id
})

const a1 = '/api/stores/st-a1/deliveries'

describe('receiving: who may do what, where', () => {
  it('the office announces; the back room does not', async () => {
    const body = { supplier: 'S', reference: 'SEC-2', lines: [{ itemId: 'it-milk', expectedQty: 1 }] }
    for (const who of ['clerk', 'stockroom', 'lead', 'regional', 'auditor', 'admin']) await denied(s[who]!, 'POST', a1, 403, body)
    await denied(s.stockroom!, 'POST', `${a1}/import`, 403, { csv: 'supplier,reference,sku,quantity\nS,SEC-3,SKU-0001,1\n' })
    await denied(s.lead!, 'POST', `${a1}/${a1Delivery}/cancel`, 403, {})
  })

  it('the back room receives; clerks and read-only roles do not', async () => {
    for (const who of ['clerk', 'regional', 'auditor']) {
      await denied(s[who]!, 'POST', `${a1}/${a1Delivery}/scans`, 403, { id: `scan-${who}-0001`, itemId: 'it-milk' })
      await denied(s[who]!, 'POST', `${a1}/${a1Delivery}/close`, 403, {})
    }
    await denied(s.clerk!, 'GET', a1, 403)
    await denied(null, 'GET', a1, 401)
  })

  it('another store’s delivery is not found by id, for reading, scanning or closing', async () => {
    await denied(s.manager!, 'GET', `${a1}/${a2Delivery}`, 404)
    await denied(s.manager!, 'POST', `${a1}/${a2Delivery}/scans`, 404, { id: 'scan-cross-001', itemId: 'it-milk' })
    await denied(s.manager!, 'POST', `${a1}/${a2Delivery}/close`, 404, {})
    await denied(s.manager!, 'GET', `/api/stores/st-a2/deliveries/${a2Delivery}`, 404)
    await denied(s.stockroom!, 'POST', `/api/stores/st-b1/deliveries/${a2Delivery}/close`, 404, {})
  })

  it('lists show only the store’s own deliveries', async () => {
    const list = await call(app, s.regional!, 'GET', '/api/stores/st-a2/deliveries')
    expect(list.body.deliveries.map((d: { id: string }) => d.id)).toEqual([a2Delivery])
    await assertInvariants(database)
  })
})
