import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { call, createTestApp, signIn, type Session, type TestApp } from '../support/app'
import { createTestDatabase } from '../support/db'
import { createFixture, type Fixture } from '../support/fixtures'

let database: Database
let app: TestApp
let fx: Fixture
const sessions: Record<string, Session> = {}

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  app = createTestApp(database)
  for (const k of ['clerk', 'stockroom', 'lead', 'manager', 'regional', 'admin', 'auditor'] as const) sessions[k] = await signIn(app, fx.users[k].employeeNo)
})

describe('audit verification API', () => {
  it.each([
    ['clerk', 403],
    ['stockroom', 403],
    ['lead', 403],
    ['manager', 200],
    ['regional', 200],
    ['admin', 200],
    ['auditor', 200],
  ])('%s → %i', async (who, status) => {
    for (const path of ['/api/audit/verify', '/api/audit/anchor']) {
      const res = await call(app, sessions[who]!, 'GET', path)
      expect(res.status, path).toBe(status)
    }
  })

  it('anonymous → 401', async () => {
    expect((await call(app, null, 'GET', '/api/audit/verify')).status).toBe(401)
    expect((await call(app, null, 'GET', '/api/audit/anchor')).status).toBe(401)
  })

  it.each(['12', '12:abc', 'x:' + 'a'.repeat(64), '1:' + 'G'.repeat(64), "1' OR 1=1"])('a malformed anchor %s → 400', async (anchor) => {
    const res = await call(app, sessions.auditor!, 'GET', `/api/audit/verify?anchor=${encodeURIComponent(anchor)}`)
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('VALIDATION_FAILED')
  })

  it('an unknown query parameter → 400', async () => {
    expect((await call(app, sessions.auditor!, 'GET', '/api/audit/verify?repair=1')).status).toBe(400)
  })

  it('names the tampered event, and an anchor beyond the end reveals a cut tail', async () => {
    const head = (await call(app, sessions.auditor!, 'GET', '/api/audit/anchor')).body as { seq: number; hash: string }
    expect((await call(app, sessions.auditor!, 'GET', '/api/audit/verify')).body).toMatchObject({ ok: true, events: head.seq, head })
    const beyond = await call(app, sessions.auditor!, 'GET', `/api/audit/verify?anchor=${head.seq + 50}:${'a'.repeat(64)}`)
    expect(beyond.body.ok).toBe(false)
    expect(beyond.body.problems).toEqual([expect.objectContaining({ seq: head.seq + 50, problem: 'anchor_missing' })])

    await database.client.execute('DROP TRIGGER audit_events_no_update')
    await database.client.execute(`UPDATE audit_events SET action = 'auth.sign_out' WHERE seq = 3`)
    const res = await call(app, sessions.auditor!, 'GET', '/api/audit/verify')
    expect(res.status).toBe(200)
    expect(res.body.ok).toBe(false)
    expect(res.body.problems).toEqual([{ seq: 3, problem: 'hash_mismatch', message: 'event 3 was changed after it was written' }])
  })
})
