import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { newId } from '../../server/core/ids'
import { call, createTestApp, signIn, type Session, type TestApp } from '../support/app'
import { createTestDatabase } from '../support/db'
import { createFixture, type Fixture } from '../support/fixtures'
import { assertInvariants } from '../support/invariants'
import { decide, entered, line, movementCount, statusOf, stepUp, stock } from './corrections-helpers'

let database: Database
let app: TestApp
let fx: Fixture
let stockroom: Session, stockroom2: Session, lead: Session, manager: Session, regional: Session, admin: Session, auditor: Session, clerk: Session

beforeAll(async () => {
  database = await createTestDatabase()
  fx = await createFixture(database)
  app = createTestApp(database)
  const sessions = await Promise.all((['stockroom', 'stockroom2', 'lead', 'manager', 'regional', 'admin', 'auditor', 'clerk'] as const).map((k) => signIn(app, fx.users[k].employeeNo)))
  ;[stockroom, stockroom2, lead, manager, regional, admin, auditor, clerk] = sessions as [Session, Session, Session, Session, Session, Session, Session, Session]
})

const room = (store = 'st-a1') => fx.loc(store, 'stockroom')

describe('the four-eyes flow on one tablet (the issue’s “done when”)', () => {
  it('back room enters, cannot release it, a manager releases it with their PIN on the same tablet, history shows it all', async () => {
    const before = await stock(database, room(), 'it-milk')
    const res = await call(app, stockroom, 'POST', '/api/stores/st-a1/corrections', {
      body: { id: newId(), reasonCode: 'damaged', note: 'Pallet dropped', lines: [line(room(), 'it-milk', -3)] },
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ status: 'pending', value: 267, tier: 'lead', version: 1, enteredBy: fx.users.stockroom.id })
    const id = res.body.id as string
    expect(await stock(database, room(), 'it-milk')).toBe(before)

    // The enterer cannot release it — with a clear message.
    const self = await decide(app, stockroom, 'confirm', id, { version: 1 })
    expect(self.status).toBe(403)
    expect(self.body.error).toMatchObject({ code: 'SELF_CONFIRMATION', message: expect.stringMatching(/second person/) })

    // The detail tells the UI to hide the button for the enterer.
    const mine = await call(app, stockroom, 'GET', `/api/stores/st-a1/corrections/${id}`)
    expect(mine.body.canConfirm).toMatchObject({ ok: false, code: 'SELF_CONFIRMATION' })

    // Hand the tablet to the manager: their PIN in the request, the stockroom user's session.
    const ok = await decide(app, stockroom, 'confirm', id, { version: 1, credentials: { employeeNo: fx.users.manager.employeeNo, pin: fx.users.manager.pin } })
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({ status: 'confirmed', decidedBy: fx.users.manager.id, decidedRole: 'store_manager', version: 2 })
    expect(await stock(database, room(), 'it-milk')).toBe(before - 3)
    expect(await movementCount(database, id)).toBe(1)

    const detail = await call(app, auditor, 'GET', `/api/stores/st-a1/corrections/${id}`)
    expect(detail.status).toBe(200)
    expect(detail.body).toMatchObject({
      status: 'confirmed',
      reasonCode: 'damaged',
      reasonLabel: { en: 'Damaged', de: 'Beschädigt' },
      note: 'Pallet dropped',
      value: 267,
      enteredByName: 'Stan Stockroom',
      decidedByName: 'Max Manager',
      lines: [{ itemId: 'it-milk', itemName: 'Organic Whole Milk 1 L', sku: 'SKU-0001', locationKind: 'stockroom', quantityDelta: -3, unitCost: 89, value: 267 }],
      movements: [{ lineNo: 1, quantity: 3, counterparty: 'write_off', fromLocationId: room() }],
    })
    expect(detail.body.history.map((h: { action: string }) => h.action)).toEqual(['correction.entered', 'correction.confirmed'])
    expect(detail.body.history[0]).toMatchObject({ actorName: 'Stan Stockroom', at: '2026-11-02T10:00:00.000Z' })
    expect(detail.body.history[1]).toMatchObject({
      actorName: 'Max Manager',
      sessionUserName: 'Stan Stockroom',
      after: { proof: 'credentials_in_request', decidedBy: fx.users.manager.id, sessionUserId: fx.users.stockroom.id },
    })
    expect(detail.body.history[1].deviceId).toEqual(expect.any(String))
    await assertInvariants(database)
  })

  it('a large correction waits for the regional manager', async () => {
    const c = await entered(app, stockroom2, [line(room(), 'it-tv', -2)], { reasonCode: 'theft' })
    expect(c).toMatchObject({ tier: 'regional_manager', value: 79800 })
    const byManager = await decide(app, manager, 'confirm', c.id, { version: 1 })
    expect(byManager.status).toBe(403)
    expect(byManager.body.error.code).toBe('TIER_NOT_COVERED')

    const managerQueue = await call(app, manager, 'GET', '/api/corrections/pending')
    expect(managerQueue.body.corrections.map((x: { id: string }) => x.id)).not.toContain(c.id)
    const regionalQueue = await call(app, regional, 'GET', '/api/corrections/pending')
    expect(regionalQueue.status).toBe(200)
    expect(regionalQueue.body.corrections.find((x: { id: string }) => x.id === c.id)).toMatchObject({
      storeCode: 'A1',
      tier: 'regional_manager',
      value: 79800,
      reasonCode: 'theft',
      enteredByName: 'Sina Second',
      canConfirm: { ok: true },
    })

    const byRegional = await decide(app, regional, 'confirm', c.id, { version: 1 })
    expect(byRegional.status).toBe(200)
    expect(byRegional.body).toMatchObject({ status: 'confirmed', decidedRole: 'regional_manager' })
    await assertInvariants(database)
  })

  it('a clerk reports damage from the floor and a lead releases it', async () => {
    const floor = fx.loc('st-a1', 'floor')
    const before = await stock(database, floor, 'it-shampoo')
    const c = await entered(app, clerk, [line(floor, 'it-shampoo', -1)], { source: 'floor_report', reasonCode: 'damaged' })
    const res = await decide(app, lead, 'confirm', c.id, { version: c.version })
    expect(res.status).toBe(200)
    expect(await stock(database, floor, 'it-shampoo')).toBe(before - 1)
  })

  it('books found stock into the location', async () => {
    const before = await stock(database, room(), 'it-coffee')
    const c = await entered(app, stockroom2, [line(room(), 'it-coffee', 2)], { reasonCode: 'found' })
    expect((await decide(app, lead, 'confirm', c.id, { version: 1 })).status).toBe(200)
    expect(await stock(database, room(), 'it-coffee')).toBe(before + 2)
  })
})

describe('entering', () => {
  it('answers a retried entry (same id, same payload) with the same correction, once', async () => {
    const body = { id: newId(), reasonCode: 'expired', lines: [line(room(), 'it-shampoo', -1)] }
    const first = await call(app, stockroom, 'POST', '/api/stores/st-a1/corrections', { body })
    const again = await call(app, stockroom, 'POST', '/api/stores/st-a1/corrections', { body })
    expect(first.status).toBe(201)
    expect(again.status).toBe(201)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(again.body).toEqual(first.body)
    const list = await call(app, stockroom, 'GET', '/api/stores/st-a1/corrections?mine=true')
    expect(list.body.corrections.filter((c: { id: string }) => c.id === body.id)).toHaveLength(1)
  })

  it('lists the reason codes in order', async () => {
    const res = await call(app, clerk, 'GET', '/api/stores/st-a1/reason-codes')
    expect(res.status).toBe(200)
    expect(res.body.reasonCodes.map((r: { code: string }) => r.code)).toEqual(['damaged', 'expired', 'theft', 'found', 'miscount', 'supplier_error', 'other'])
    expect(res.body.reasonCodes.at(-1)).toEqual({ code: 'other', label: { en: 'Other (note)', de: 'Sonstiges (Notiz)' }, requiresNote: true })
  })

  it('lists pending corrections with tier, value, reason, enterer and age; mine=true for my own', async () => {
    const c = await entered(app, stockroom2, [line(room(), 'it-milk', -1)], { reasonCode: 'miscount' })
    app.clock.advance(5 * 60_000)
    const res = await call(app, lead, 'GET', '/api/stores/st-a1/corrections?status=pending')
    expect(res.status).toBe(200)
    expect(res.body.corrections.every((x: { status: string }) => x.status === 'pending')).toBe(true)
    expect(res.body.corrections.find((x: { id: string }) => x.id === c.id)).toMatchObject({
      tier: 'lead',
      value: 89,
      reasonCode: 'miscount',
      enteredByName: 'Sina Second',
      ageMinutes: 5,
      lineCount: 1,
      canConfirm: { ok: true },
      overdue: false,
    })
    const mine = await call(app, stockroom2, 'GET', '/api/stores/st-a1/corrections?mine=true')
    expect(mine.body.corrections.length).toBeGreaterThan(0)
    expect(mine.body.corrections.every((x: { enteredBy: string }) => x.enteredBy === fx.users.stockroom2.id)).toBe(true)
  })
})

describe('cancelling and rejecting', () => {
  it('the enterer cancels their pending correction', async () => {
    const c = await entered(app, stockroom, [line(room(), 'it-drill', -1)])
    const res = await decide(app, stockroom, 'cancel', c.id, { version: 1, reason: 'Wrong item' })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ status: 'cancelled', decisionNote: 'Wrong item', version: 2 })
    expect(await movementCount(database, c.id)).toBe(0)
  })

  it('cancels without a body too (a browser sends its Origin; bodiless posts without one are refused by CSRF)', async () => {
    const c = await entered(app, stockroom, [line(room(), 'it-drill', -1)])
    const res = await call(app, stockroom, 'POST', `/api/stores/st-a1/corrections/${c.id}/cancel`, { headers: { origin: 'http://localhost' } })
    expect(res.status).toBe(200)
    expect(res.body.status).toBe('cancelled')
  })

  it('a lead rejects with a reason after a step-up (PIN re-entered on their own session)', async () => {
    const c = await entered(app, stockroom, [line(room(), 'it-shampoo', -2)])
    app.clock.advance(10 * 60_000)
    const stale = await decide(app, lead, 'reject', c.id, { version: 1, reason: 'Recount first' })
    expect(stale.status).toBe(401)
    expect(stale.body.error.code).toBe('STEP_UP_REQUIRED')
    const before = await call(app, lead, 'GET', `/api/stores/st-a1/corrections/${c.id}`)
    expect(before.body.stepUp).toMatchObject({ fresh: false })
    await stepUp(app, lead, fx.users.lead.pin)
    const after = await call(app, lead, 'GET', `/api/stores/st-a1/corrections/${c.id}`)
    expect(after.body.stepUp).toEqual({ fresh: true, validUntil: new Date(app.clock.now().getTime() + 60_000).toISOString() })
    const res = await decide(app, lead, 'reject', c.id, { version: 1, reason: 'Recount first' })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ status: 'rejected', decidedBy: fx.users.lead.id, decisionNote: 'Recount first' })
    expect(await statusOf(database, c.id)).toEqual({ status: 'rejected', version: 2 })
    await assertInvariants(database)
  })
})

describe('negative stock and the tier policy', () => {
  it('refuses to empty the stockroom below zero until the store’s policy allows it, then flags it', async () => {
    const have = await stock(database, room('st-a2'), 'it-milk')
    const managerA2 = await signIn(app, fx.users.managerA2.employeeNo)
    const c = await entered(app, managerA2, [line(room('st-a2'), 'it-milk', -(have + 2))], { reasonCode: 'theft' }, 'st-a2')
    await stepUp(app, regional, fx.users.regional.pin)
    const refused = await decide(app, regional, 'confirm', c.id, { version: 1 }, 'st-a2')
    expect(refused.status).toBe(422)
    expect(refused.body.error).toMatchObject({ code: 'NEGATIVE_STOCK', details: { lines: [{ kind: 'stockroom', wouldBe: -2 }] } })
    expect(await statusOf(database, c.id)).toEqual({ status: 'pending', version: 1 })

    const policy = await call(app, admin, 'PUT', '/api/stores/st-a2/tier-policy', { body: { leadMax: 5000, storeManagerMax: 50000, allowNegativeStockroom: true } })
    expect(policy.status).toBe(200)
    expect(policy.body.policy).toMatchObject({ storeId: 'st-a2', scope: 'store', allowNegativeStockroom: true, updatedBy: fx.users.admin.id })

    const flagged = await decide(app, regional, 'confirm', c.id, { version: 1 }, 'st-a2')
    expect(flagged.status).toBe(200)
    expect(flagged.body.flaggedNegative).toBe(true)
    expect(await stock(database, room('st-a2'), 'it-milk')).toBe(-2)
    await assertInvariants(database)
  })

  it('an administrator changes the chain’s thresholds; new corrections get the new tier', async () => {
    const res = await call(app, admin, 'PUT', '/api/tier-policy', { body: { leadMax: 100, storeManagerMax: 200, allowNegativeStockroom: false } })
    expect(res.status).toBe(200)
    expect(res.body.policy).toMatchObject({ scope: 'chain', storeId: null, leadMax: 100, storeManagerMax: 200 })
    const c = await entered(app, stockroom2, [line(room(), 'it-shampoo', -1)])
    expect(c.tier).toBe('store_manager')
    const back = await call(app, admin, 'PUT', '/api/tier-policy', { body: { leadMax: 5000, storeManagerMax: 50000, allowNegativeStockroom: false } })
    expect(back.status).toBe(200)
    const audit = await call(app, auditor, 'GET', '/api/audit/verify')
    expect(audit.body.ok).toBe(true)
  })
})

describe('audit trail', () => {
  it('verifies the chain and answers the head anchor, which later verifications can be checked against', async () => {
    const anchor = await call(app, auditor, 'GET', '/api/audit/anchor')
    expect(anchor.status).toBe(200)
    expect(anchor.body).toEqual({ seq: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/), at: expect.any(String) })
    expect(anchor.body.seq).toBeGreaterThan(10)

    await entered(app, stockroom, [line(room(), 'it-milk', -1)])
    const verify = await call(app, auditor, 'GET', `/api/audit/verify?anchor=${anchor.body.seq}:${anchor.body.hash}`)
    expect(verify.status).toBe(200)
    expect(verify.body).toMatchObject({ ok: true, problems: [], checkedAgainst: { seq: anchor.body.seq, hash: anchor.body.hash } })
    expect(verify.body.head.seq).toBe(anchor.body.seq + 1)
    expect(verify.body.events).toBe(verify.body.head.seq)

    const other = await call(app, manager, 'GET', `/api/audit/verify?anchor=${anchor.body.seq}:${'f'.repeat(64)}`)
    expect(other.status).toBe(200)
    expect(other.body.ok).toBe(false)
    expect(other.body.problems).toEqual([expect.objectContaining({ seq: anchor.body.seq, problem: 'anchor_mismatch' })])
  })
})
