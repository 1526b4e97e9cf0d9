import { describe, expect, it } from 'vitest'
import type { ReviewRow } from '../../../web/features/review/api/get-review'
import { mayEscalate } from '../../../web/features/review/lib/escalation'
import { ACTIONS_BY_ROLE, me, store } from '../support/fake-api'

const row = (over: Partial<ReviewRow> = {}) =>
  ({
    id: 'c-1', storeId: 'st-1', storeCode: 'F001', storeName: 'Altona', regionId: 'rg-1', status: 'pending', source: 'backroom',
    reasonCode: 'theft', note: null, value: 20_000, tierValue: 20_000, tier: 'store_manager', lineCount: 1,
    enteredBy: { id: 'u-other', name: 'Mehmet Yılmaz' }, enteredAt: '2026-11-20T08:00:00.000Z', countedBy: null, counters: [],
    decidedBy: null, decidedAt: null, decidedRole: null, decisionNote: null, version: 1, ageHours: 60, overdue: true, escalatedAt: null,
    mayDecide: false, ...over,
  }) as ReviewRow

const manager = me({
  user: { id: 'u-sm', name: 'Sabine Krüger', employeeNo: 'E1004', locale: 'en' },
  stores: [store({ id: 'st-1', roles: ['store_manager'], actions: [...ACTIONS_BY_ROLE.stockroom!, 'correction.decide'] })],
  device: null,
})
const regional = me({
  user: { id: 'u-rm', name: 'Thomas Brandt', employeeNo: 'E2001', locale: 'en' },
  stores: [store({ id: 'st-1', roles: ['regional_manager'], actions: ACTIONS_BY_ROLE.regional_manager! })],
  device: null,
})

describe('who is offered "Escalate" on an overdue correction', () => {
  it.each([
    ['the tier is above me', row({ tier: 'regional_manager' }), true],
    ['I entered it', row({ enteredBy: { id: 'u-sm', name: 'Sabine Krüger' } }), true],
    ['I am one of its counters (not the counter of record)', row({ source: 'count', countedBy: 'u-x', counters: ['u-sm', 'u-x'] }), true],
    ['its enterer set up my account (the server says I may not decide)', row(), true],
    ['I may decide it', row({ mayDecide: true }), false],
    ['it is not overdue', row({ overdue: false }), false],
    ['it was escalated already', row({ escalatedAt: '2026-11-22T08:00:00.000Z' }), false],
  ] as const)('store manager: %s → %s', (_label, r, offered) => {
    expect(mayEscalate(r, manager)).toBe(offered)
  })

  it('never the regional manager, to whom it would go', () => {
    expect(mayEscalate(row({ tier: 'regional_manager' }), regional)).toBe(false)
  })
})
