import { describe, expect, it } from 'vitest'
import { mayGrant, mayManageUser, scopeProblem, seesUser, type ActiveGrant, type AdminActor } from '../../server/core/admin/rules'

const chainAdmin: AdminActor = { userId: 'admin', chainAdmin: true, managedStores: new Set() }
const managerA1: AdminActor = { userId: 'mgr', chainAdmin: false, managedStores: new Set(['a1']) }
const g = (role: ActiveGrant['role'], storeId: string | null = null, regionId: string | null = null): ActiveGrant => ({ role, storeId, regionId })

describe('role scopes', () => {
  it.each([
    ['clerk', { storeId: 'a1' }, true],
    ['store_manager', { storeId: 'a1' }, true],
    ['lead', { regionId: 'r' }, false],
    ['lead', {}, false],
    ['regional_manager', { regionId: 'r' }, true],
    ['regional_manager', { storeId: 'a1' }, false],
    ['admin', {}, true],
    ['auditor', { regionId: 'r' }, false],
  ] as const)('%s in %j → %s', (role, scope, ok) => {
    expect(scopeProblem(role, scope) === null).toBe(ok)
  })
})

describe('who may grant what', () => {
  it.each([
    [chainAdmin, g('regional_manager', null, 'r'), true],
    [chainAdmin, g('auditor'), true],
    [managerA1, g('store_manager', 'a1'), true],
    [managerA1, g('clerk', 'a1'), true],
    [managerA1, g('clerk', 'a2'), false],
    [managerA1, g('regional_manager', null, 'r'), false],
    [managerA1, g('admin'), false],
  ] as const)('%#: %j', (actor, grant, ok) => {
    expect(mayGrant(actor, grant)).toBe(ok)
  })
})

describe('whom a store manager may manage', () => {
  it('the people of their store alone, not those who also work elsewhere or above them, never themselves', () => {
    expect(seesUser(managerA1, [g('clerk', 'a1')])).toBe(true)
    expect(seesUser(managerA1, [g('clerk', 'a2')])).toBe(false)
    expect(seesUser(managerA1, [g('regional_manager', null, 'r')])).toBe(false)
    expect(mayManageUser(managerA1, 'u', [g('clerk', 'a1'), g('lead', 'a1')])).toBe(true)
    expect(mayManageUser(managerA1, 'u', [g('clerk', 'a1'), g('clerk', 'a2')])).toBe(false)
    expect(mayManageUser(managerA1, 'u', [g('clerk', 'a1'), g('regional_manager', null, 'r')])).toBe(false)
    expect(mayManageUser(managerA1, 'u', [])).toBe(false)
    expect(mayManageUser(managerA1, 'mgr', [g('store_manager', 'a1')])).toBe(false)
    expect(mayManageUser(chainAdmin, 'u', [g('regional_manager', null, 'r')])).toBe(true)
    expect(mayManageUser(chainAdmin, 'admin', [g('admin')])).toBe(false)
  })
})
