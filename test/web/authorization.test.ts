import { describe, expect, it } from 'vitest'
import { defaultStore, workspacesFor } from '../../web/lib/authorization'
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
})
