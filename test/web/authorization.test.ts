import { describe, expect, it } from 'vitest'
import { ACTIONS } from '../../server/core/access/policy'
import { defaultStore, landingWorkspace, workspacesFor } from '../../web/lib/authorization'
import { ACTIONS_BY_ROLE, me, store } from './support/fake-api'

describe('workspaces by role', () => {
  it.each([
    ['clerk', ['floor']],
    ['stockroom', ['floor', 'backroom']],
    ['regional_manager', ['office']],
    ['auditor', ['office']],
  ])('%s sees %j', (role, expected) => {
    expect(workspacesFor(store({ roles: [role], actions: ACTIONS_BY_ROLE[role]! }))).toEqual(expected)
  })

  it('shows nothing without actions', () => {
    expect(workspacesFor(store({ roles: [], actions: [] }))).toEqual([])
    expect(workspacesFor(null)).toEqual([])
  })

  it('opens the tablet store first, then the last store used, then the first usable one', () => {
    const a = store({ id: 'a' })
    const b = store({ id: 'b' })
    const empty = store({ id: 'c', actions: [] })
    expect(defaultStore(me({ stores: [empty, a, b], device: { storeId: 'b' } }), 'a')?.id).toBe('b')
    expect(defaultStore(me({ stores: [empty, a, b], device: null }), 'b')?.id).toBe('b')
    expect(defaultStore(me({ stores: [empty, a, b], device: null }), 'c')?.id).toBe('a')
    expect(defaultStore(me({ stores: [empty], device: null }), null)).toBeNull()
  })

  // The actions each role really gets (the server's policy table), so the test follows the policy.
  const actionsOf = (roles: string[]) => Object.entries(ACTIONS).filter(([, allowed]) => roles.some((r) => (allowed as readonly string[]).includes(r))).map(([a]) => a)
  const at = (...roles: string[]) => store({ roles, actions: actionsOf(roles) })

  it.each([
    [['clerk'], 'floor'],
    [['stockroom'], 'backroom'],
    [['lead'], 'backroom'],
    [['store_manager'], 'office'],
    [['regional_manager'], 'office'],
    [['admin'], 'office'],
    [['auditor'], 'office'],
    [['clerk', 'lead'], 'backroom'],
    [['stockroom', 'store_manager'], 'office'],
  ])('%j starts in the %s', (roles, expected) => {
    expect(landingWorkspace(at(...roles))).toBe(expected)
  })

  it("falls back to the first usable workspace when the role's own is not offered", () => {
    // A store manager whose store grants no office task here (e.g. a trimmed policy): the floor, not a refusal.
    expect(landingWorkspace(store({ roles: ['store_manager'], actions: ACTIONS_BY_ROLE.clerk! }))).toBe('floor')
    expect(landingWorkspace(store({ roles: ['auditor'], actions: [] }))).toBeUndefined()
    expect(landingWorkspace(null)).toBeUndefined()
  })
})
