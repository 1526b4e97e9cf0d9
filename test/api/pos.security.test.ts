import { sql } from 'drizzle-orm'
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
let a1Key: { id: string; secret: string }
let a2Key: { id: string; secret: string }

const receipt = (receiptId: string) => ({ receiptId, lines: [{ sku: 'SKU-0001', quantity: 1 }] })

async function denied(session: Session | null, method: string, path: string, status: number, options: { body?: unknown; headers?: Record<string, string> } = {}) {
  const before = await fingerprint(database)
  const res = await call(app, session, method, path, options)
  expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(status)
  expect(await fingerprint(database)).toBe(before)
  return res
}

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  app = createTestApp(database)
  for (const key of ['clerk', 'stockroom', 'lead', 'manager', 'managerA2', 'regional', 'auditor', 'admin'] as const) s[key] = await signIn(app, fx.users[key].employeeNo)
  const create = async (session: Session, storeId: string) => {
    const res = await call(app, session, 'POST', `/api/stores/${storeId}/pos-keys`, { body: { name: 'Till' } })
    return { id: res.body.key.id as string, secret: res.body.secret as string }
  }
  a1Key = await create(s.manager!, 'st-a1')
  a2Key = await create(s.managerA2!, 'st-a2')
})

describe('till API keys', () => {
  it.each([
    ['no Authorization header', {}],
    ['an empty bearer', { authorization: 'Bearer ' }],
    ['Basic instead of Bearer', { authorization: `Basic ${Buffer.from('till:x').toString('base64')}` }],
    ['a made-up key', { authorization: `Bearer bspos_${'x'.repeat(43)}` }],
    ['a key with one character changed', { authorization: 'Bearer KEY!' }],
    ['the key hash instead of the key', { authorization: 'Bearer HASH' }],
    ['a session cookie but no key', {}],
  ])('%s → 401, nothing posted', async (name, headers) => {
    const h = { ...headers } as Record<string, string>
    if (h.authorization === 'Bearer KEY!') h.authorization = `Bearer ${a1Key.secret.slice(0, -1)}${a1Key.secret.endsWith('A') ? 'B' : 'A'}`
    if (h.authorization === 'Bearer HASH') {
      const [row] = await database.db.all<{ h: string }>(sql`SELECT key_hash AS h FROM pos_api_keys WHERE id = ${a1Key.id}`)
      h.authorization = `Bearer ${row!.h}`
    }
    const res = await denied(name.includes('cookie') ? s.manager! : null, 'POST', '/api/pos/receipts', 401, { body: receipt('R-sec-1'), headers: h })
    expect(res.body.error.code).toBe('UNAUTHENTICATED')
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/)
  })

  it('a revoked key is refused at once', async () => {
    const headers = { authorization: `Bearer ${a2Key.secret}` }
    expect((await call(app, null, 'POST', '/api/pos/receipts', { body: receipt('R-before-revoke'), headers })).status).toBe(201)
    expect((await call(app, s.managerA2!, 'POST', `/api/stores/st-a2/pos-keys/${a2Key.id}/revoke`, { body: {} })).status).toBe(200)
    await denied(null, 'POST', '/api/pos/receipts', 401, { body: receipt('R-after-revoke'), headers })
    await denied(null, 'GET', '/api/pos/catalog', 401, { headers })
    // Even the replay of a receipt it posted before is refused now.
    await denied(null, 'POST', '/api/pos/receipts', 401, { body: receipt('R-before-revoke'), headers })
  })

  it('a key posts into its own store only, whatever the body says', async () => {
    const res = await call(app, null, 'POST', '/api/pos/receipts', { body: receipt('R-own-store'), headers: { authorization: `Bearer ${a1Key.secret}` } })
    expect(res.body.storeId).toBe('st-a1')
    const [m] = await database.db.all<{ storeId: string }>(sql`SELECT store_id AS storeId FROM movements WHERE doc_id = 'R-own-store'`)
    expect(m!.storeId).toBe('st-a1')
  })

  it('a key of an inactive store is refused', async () => {
    const manager = await call(app, s.manager!, 'POST', '/api/stores/st-a1/pos-keys', { body: { name: 'Till 9' } })
    await database.db.run(sql`UPDATE stores SET active = 0 WHERE id = 'st-a1'`)
    try {
      await denied(null, 'POST', '/api/pos/receipts', 401, { body: receipt('R-inactive'), headers: { authorization: `Bearer ${manager.body.secret}` } })
    } finally {
      await database.db.run(sql`UPDATE stores SET active = 1 WHERE id = 'st-a1'`)
    }
  })

  it('only managers (and admins) manage keys, and only for their stores', async () => {
    for (const who of ['clerk', 'stockroom', 'lead', 'regional', 'auditor']) {
      await denied(s[who]!, 'POST', '/api/stores/st-a1/pos-keys', 403, { body: { name: 'Till X' } })
      await denied(s[who]!, 'GET', '/api/stores/st-a1/pos-keys', 403)
    }
    await denied(s.manager!, 'POST', '/api/stores/st-a2/pos-keys', 404, { body: { name: 'Till X' } })
    await denied(s.managerA2!, 'POST', `/api/stores/st-a2/pos-keys/${a1Key.id}/revoke`, 404, { body: {} })
    await denied(s.manager!, 'POST', `/api/stores/st-a1/pos-keys/${a1Key.id}/revoke`, 400, { body: { revokedAt: '2020-01-01T00:00:00.000Z' } })
    expect((await call(app, s.admin!, 'GET', '/api/stores/st-b1/pos-keys')).status).toBe(200)
    const list = await call(app, s.manager!, 'GET', '/api/stores/st-a1/pos-keys')
    expect(list.body.keys.every((k: { storeId: string }) => k.storeId === 'st-a1')).toBe(true)
    expect(JSON.stringify(list.body)).not.toMatch(/keyHash|key_hash|bspos_[A-Za-z0-9_-]{20,}/)
    await assertInvariants(database)
  })
})
