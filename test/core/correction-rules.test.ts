import { describe, expect, it } from 'vitest'
import type { Role, Tier } from '../../db/schema/index'
import type { Grant } from '../../server/core/access/policy'
import {
  canConfirm,
  euros,
  higherTier,
  NO_ACCOUNT_FACTS,
  requiredTier,
  tierFor,
  TIER_COVERAGE,
  type AccountFacts,
  type ConfirmTarget,
} from '../../server/core/corrections/rules'

const policy = { leadMax: 5_000, storeManagerMax: 50_000 }

describe('tierFor', () => {
  it.each([
    [0, policy, 'lead'],
    [1, policy, 'lead'],
    [5_000, policy, 'lead'],
    [5_001, policy, 'store_manager'],
    [50_000, policy, 'store_manager'],
    [50_001, policy, 'regional_manager'],
    [Number.MAX_SAFE_INTEGER, policy, 'regional_manager'],
    [1, { leadMax: 0, storeManagerMax: 0 }, 'regional_manager'],
    [0, { leadMax: 0, storeManagerMax: 0 }, 'lead'],
    [7_000, { leadMax: 10_000, storeManagerMax: 10_000 }, 'lead'],
    [10_001, { leadMax: 10_000, storeManagerMax: 10_000 }, 'regional_manager'],
  ] as const)('value %i under %j → %s', (value, p, tier) => {
    expect(tierFor(value, p)).toBe(tier)
  })
})

const at = (role: Role, scope: { storeId?: string; regionId?: string } = {}): Grant => ({ role, storeId: scope.storeId ?? null, regionId: scope.regionId ?? null })
const correction = (over: Partial<ConfirmTarget> = {}): ConfirmTarget => ({
  storeId: 'st-a1',
  regionId: 'rg-a',
  enteredBy: 'u-enterer',
  enteredByName: 'Sabine Krüger',
  counters: [],
  tier: 'lead',
  status: 'pending',
  ...over,
})
const NOW = new Date('2026-11-02T10:00:00.000Z')
const me = (...grants: Grant[]) => ({ userId: 'u-me', grants, account: NO_ACCOUNT_FACTS, at: NOW })

describe('canConfirm: tier coverage per role (store-scoped grant at the correction’s store)', () => {
  const ROLES: Role[] = ['clerk', 'stockroom', 'lead', 'store_manager', 'regional_manager', 'admin', 'auditor']
  const TIERS: Tier[] = ['lead', 'store_manager', 'regional_manager']
  const expected: Record<Role, Record<Tier, string>> = {
    clerk: { lead: 'FORBIDDEN', store_manager: 'FORBIDDEN', regional_manager: 'FORBIDDEN' },
    stockroom: { lead: 'FORBIDDEN', store_manager: 'FORBIDDEN', regional_manager: 'FORBIDDEN' },
    lead: { lead: 'ok', store_manager: 'TIER_NOT_COVERED', regional_manager: 'TIER_NOT_COVERED' },
    store_manager: { lead: 'ok', store_manager: 'ok', regional_manager: 'TIER_NOT_COVERED' },
    regional_manager: { lead: 'ok', store_manager: 'ok', regional_manager: 'ok' },
    admin: { lead: 'FORBIDDEN', store_manager: 'FORBIDDEN', regional_manager: 'FORBIDDEN' },
    auditor: { lead: 'FORBIDDEN', store_manager: 'FORBIDDEN', regional_manager: 'FORBIDDEN' },
  }
  const cases = ROLES.flatMap((role) => TIERS.map((tier) => [role, tier, expected[role][tier]] as const))
  it.each(cases)('%s deciding a %s-tier correction → %s', (role, tier, outcome) => {
    const verdict = canConfirm(me(at(role, { storeId: 'st-a1' })), correction({ tier }))
    expect(verdict.ok ? 'ok' : verdict.code).toBe(outcome)
  })

  it('matches the documented coverage table', () => {
    expect(TIER_COVERAGE).toEqual({
      lead: ['lead'],
      store_manager: ['lead', 'store_manager'],
      regional_manager: ['lead', 'store_manager', 'regional_manager'],
      admin: [],
      auditor: [],
      clerk: [],
      stockroom: [],
    })
  })
})

describe('canConfirm: scope', () => {
  it.each([
    ['store grant, same store', at('store_manager', { storeId: 'st-a1' }), 'ok'],
    ['store grant, other store', at('store_manager', { storeId: 'st-a2' }), 'FORBIDDEN'],
    ['region grant, same region', at('regional_manager', { regionId: 'rg-a' }), 'ok'],
    ['region grant, other region', at('regional_manager', { regionId: 'rg-b' }), 'FORBIDDEN'],
    ['chain-wide admin', at('admin'), 'FORBIDDEN'],
    ['chain-wide auditor', at('auditor'), 'FORBIDDEN'],
    ['chain-wide regional manager', at('regional_manager'), 'ok'],
    ['lead in a region (store_manager tier)', at('lead', { regionId: 'rg-a' }), 'TIER_NOT_COVERED'],
  ] as const)('%s → %s', (_label, grant, outcome) => {
    const verdict = canConfirm(me(grant), correction({ tier: 'store_manager' }))
    expect(verdict.ok ? 'ok' : verdict.code).toBe(outcome)
  })

  it('a covering grant elsewhere does not help in this store', () => {
    const verdict = canConfirm(me(at('regional_manager', { regionId: 'rg-b' }), at('lead', { storeId: 'st-a1' })), correction({ tier: 'regional_manager' }))
    expect(verdict).toMatchObject({ ok: false, code: 'TIER_NOT_COVERED' })
  })

  it('records the least senior covering role', () => {
    const verdict = canConfirm(me(at('regional_manager', { regionId: 'rg-a' }), at('lead', { storeId: 'st-a1' })), correction({ tier: 'lead' }))
    expect(verdict).toEqual({ ok: true, role: 'lead' })
  })
})

describe('canConfirm: four eyes and state', () => {
  const manager = at('regional_manager', { regionId: 'rg-a' })
  it.each([
    ['own correction', { enteredBy: 'u-me' }, 'SELF_CONFIRMATION'],
    ['own correction, even as chain-wide regional manager', { enteredBy: 'u-me' }, 'SELF_CONFIRMATION'],
    ['counted it (the only counter)', { counters: ['u-me'] }, 'COUNTER_CONFIRMATION'],
    ['counted it with others (any round, any line)', { counters: ['u-a', 'u-me', 'u-z'] }, 'COUNTER_CONFIRMATION'],
    ['someone else counted it', { counters: ['u-other'] }, 'ok'],
    ['several others counted it', { counters: ['u-a', 'u-b'] }, 'ok'],
    ['confirmed already', { status: 'confirmed' }, 'INVALID_STATE'],
    ['rejected', { status: 'rejected' }, 'INVALID_STATE'],
    ['cancelled', { status: 'cancelled' }, 'INVALID_STATE'],
    ['own and decided: the state is reported first', { status: 'confirmed', enteredBy: 'u-me' }, 'INVALID_STATE'],
  ] as const)('%s → %s', (_label, over, outcome) => {
    const verdict = canConfirm(me(manager), correction(over))
    expect(verdict.ok ? 'ok' : verdict.code).toBe(outcome)
  })

  it('self-confirmation wins over missing rights (the clearest message)', () => {
    expect(canConfirm(me(), correction({ enteredBy: 'u-me' }))).toMatchObject({ ok: false, code: 'SELF_CONFIRMATION' })
  })

  it('no grants at all → FORBIDDEN', () => {
    expect(canConfirm(me(), correction())).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it('every refusal carries a human message', () => {
    const verdict = canConfirm(me(at('lead', { storeId: 'st-a1' })), correction({ tier: 'regional_manager' }))
    expect(verdict.ok).toBe(false)
    if (!verdict.ok) expect(verdict.message).toMatch(/regional manager/)
  })

  it('accepts another coverage table (the policy parameter)', () => {
    const strict = { ...TIER_COVERAGE, lead: [] as Tier[] }
    expect(canConfirm(me(at('lead', { storeId: 'st-a1' })), correction(), strict)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })
})

describe('canConfirm: not the corrections of whoever administered my account (puppet accounts)', () => {
  const manager = at('store_manager', { storeId: 'st-a1' })
  const DAY = 86_400_000
  const ago = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString()
  const asAdministered = (account: Partial<AccountFacts>, grants: Grant[] = [manager]) => ({ ...me(...grants), account: { ...NO_ACCOUNT_FACTS, ...account } })
  const granted = (grant: Grant, grantedBy: string | null) => ({ ...grant, grantedBy })

  it.each([
    ['the enterer created my account', { createdBy: 'u-enterer' }, 'ADMINISTERED_BY_ENTERER'],
    ['the enterer created my account years ago', { createdBy: 'u-enterer' }, 'ADMINISTERED_BY_ENTERER'],
    ['someone else created my account', { createdBy: 'u-admin' }, 'ok'],
    ['the enterer reset my PIN today', { credentialsSetBy: 'u-enterer', credentialsSetAt: ago(0) }, 'ADMINISTERED_BY_ENTERER'],
    ['the enterer reset my PIN 89 days ago', { credentialsSetBy: 'u-enterer', credentialsSetAt: ago(89) }, 'ADMINISTERED_BY_ENTERER'],
    ['the enterer reset my PIN 90 days ago', { credentialsSetBy: 'u-enterer', credentialsSetAt: ago(90) }, 'ok'],
    ['someone else reset my PIN today', { credentialsSetBy: 'u-admin', credentialsSetAt: ago(0) }, 'ok'],
    ['the enterer granted my releasing role here', { grantedBy: [granted(manager, 'u-enterer')] }, 'ADMINISTERED_BY_ENTERER'],
    ['the admin granted my releasing role here', { grantedBy: [granted(manager, 'u-admin')] }, 'ok'],
    ['the seed granted my role (granted_by unknown)', { grantedBy: [granted(manager, null)] }, 'ok'],
    ['the enterer granted my role in another store', { grantedBy: [granted(manager, 'u-admin'), granted(at('store_manager', { storeId: 'st-a2' }), 'u-enterer')] }, 'ok'],
    ['the enterer granted a non-releasing role here', { grantedBy: [granted(manager, 'u-admin'), granted(at('stockroom', { storeId: 'st-a1' }), 'u-enterer')] }, 'ok'],
    ['the enterer granted a releasing region role', { grantedBy: [granted(at('lead', { regionId: 'rg-a' }), 'u-enterer')] }, 'ADMINISTERED_BY_ENTERER'],
  ] as const)('%s → %s', (_label, account, outcome) => {
    const verdict = canConfirm(asAdministered(account as Partial<AccountFacts>), correction())
    expect(verdict.ok ? 'ok' : verdict.code).toBe(outcome)
  })

  it('names who and why in the message', () => {
    const created = canConfirm(asAdministered({ createdBy: 'u-enterer' }), correction())
    expect(created).toEqual({ ok: false, code: 'ADMINISTERED_BY_ENTERER', message: 'Sabine Krüger set up your account: a different person has to release their corrections' })
    const role = canConfirm(asAdministered({ grantedBy: [granted(manager, 'u-enterer')] }), correction())
    expect(role).toMatchObject({ message: 'Sabine Krüger gave you your store manager role here: a different person has to release their corrections' })
    const pin = canConfirm(asAdministered({ credentialsSetBy: 'u-enterer', credentialsSetAt: ago(3) }), correction())
    expect(pin).toMatchObject({ message: 'Sabine Krüger set your PIN or password less than 90 days ago: a different person has to release their corrections' })
  })

  it('comes after the role and tier checks (a clerk set up by the enterer is simply not a decider)', () => {
    expect(canConfirm(asAdministered({ createdBy: 'u-enterer' }, [at('clerk', { storeId: 'st-a1' })]), correction())).toMatchObject({ code: 'FORBIDDEN' })
    expect(canConfirm(asAdministered({ createdBy: 'u-enterer' }), correction({ tier: 'regional_manager' }))).toMatchObject({ code: 'TIER_NOT_COVERED' })
    expect(canConfirm(asAdministered({ createdBy: 'u-enterer' }), correction({ enteredBy: 'u-me' }))).toMatchObject({ code: 'SELF_CONFIRMATION' })
  })

  it('only concerns this enterer: the same decider releases everyone else’s corrections', () => {
    expect(canConfirm(asAdministered({ createdBy: 'u-enterer', credentialsSetBy: 'u-enterer', credentialsSetAt: ago(0) }), correction({ enteredBy: 'u-other' }))).toEqual({ ok: true, role: 'store_manager' })
  })
})

describe('canConfirm: a series valued together at decision time (F16)', () => {
  const sm = at('store_manager', { storeId: 'st-a1' })
  const lead = at('lead', { storeId: 'st-a1' })
  const rm = at('regional_manager', { regionId: 'rg-a' })
  const series = (others: number, value: number, tier: Tier) => ({ others, value, tier })
  // Rows: stored tier, series (null: valued alone), the tier required, and the verdicts of a lead, a store manager, a regional manager.
  it.each([
    ['lead', null, 'lead', 'ok', 'ok', 'ok'],
    ['lead', series(0, 3897, 'lead'), 'lead', 'ok', 'ok', 'ok'],
    ['lead', series(1, 7794, 'store_manager'), 'store_manager', 'TIER_NOT_COVERED', 'ok', 'ok'],
    ['lead', series(13, 54558, 'regional_manager'), 'regional_manager', 'TIER_NOT_COVERED', 'TIER_NOT_COVERED', 'ok'],
    ['store_manager', series(11, 46764, 'store_manager'), 'store_manager', 'TIER_NOT_COVERED', 'ok', 'ok'],
    ['store_manager', series(12, 50661, 'regional_manager'), 'regional_manager', 'TIER_NOT_COVERED', 'TIER_NOT_COVERED', 'ok'],
    // Parts cancelled since entry: the series is lower now, the stored tier still applies.
    ['store_manager', series(1, 4000, 'lead'), 'store_manager', 'TIER_NOT_COVERED', 'ok', 'ok'],
    ['regional_manager', series(0, 60000, 'regional_manager'), 'regional_manager', 'TIER_NOT_COVERED', 'TIER_NOT_COVERED', 'ok'],
  ] as const)('stored %s, series %j → needs %s (lead %s, store manager %s, regional %s)', (tier, s, required, byLead, bySm, byRm) => {
    const target = correction({ tier, series: s })
    expect(requiredTier(target)).toBe(required)
    const outcome = (grant: Grant) => {
      const verdict = canConfirm(me(grant), target)
      return verdict.ok ? 'ok' : verdict.code
    }
    expect([outcome(lead), outcome(sm), outcome(rm)]).toEqual([byLead, bySm, byRm])
  })

  it('says the correction is valued together with N others of the same person and items, and the series value', () => {
    const verdict = canConfirm(me(sm), correction({ series: series(13, 54558, 'regional_manager') }))
    expect(verdict).toEqual({
      ok: false,
      code: 'TIER_NOT_COVERED',
      message:
        'This correction is valued together with 13 other corrections of the same person and items within 24 hours ' +
        '(series value 545.58 €), which is the regional manager tier: it needs the regional manager',
    })
    const one = canConfirm(me(lead), correction({ series: series(1, 7794, 'store_manager') }))
    expect(one).toMatchObject({ message: expect.stringMatching(/with 1 other correction of the same person.*77\.94 €.*store manager tier/) })
  })

  it('keeps the plain message when the stored tier is what is required', () => {
    const verdict = canConfirm(me(lead), correction({ tier: 'store_manager', series: series(1, 4000, 'lead') }))
    expect(verdict).toMatchObject({ message: 'This correction is in the store manager tier: it needs a store manager or above' })
  })

  it('records the least senior role covering the required tier', () => {
    const both = me(lead, rm)
    expect(canConfirm(both, correction({ series: series(2, 60000, 'regional_manager') }))).toEqual({ ok: true, role: 'regional_manager' })
    expect(canConfirm(both, correction({ series: series(0, 100, 'lead') }))).toEqual({ ok: true, role: 'lead' })
  })

  it('does not change the order of the checks: state, self, counter and scope come first', () => {
    const big = series(13, 54558, 'regional_manager')
    expect(canConfirm(me(sm), correction({ series: big, status: 'confirmed' }))).toMatchObject({ code: 'INVALID_STATE' })
    expect(canConfirm(me(sm), correction({ series: big, enteredBy: 'u-me' }))).toMatchObject({ code: 'SELF_CONFIRMATION' })
    expect(canConfirm(me(sm), correction({ series: big, counters: ['u-me'] }))).toMatchObject({ code: 'COUNTER_CONFIRMATION' })
    expect(canConfirm(me(at('store_manager', { storeId: 'st-a2' })), correction({ series: big }))).toMatchObject({ code: 'FORBIDDEN' })
  })

  it('higherTier orders the tiers', () => {
    expect(higherTier('lead', 'regional_manager')).toBe('regional_manager')
    expect(higherTier('regional_manager', 'store_manager')).toBe('regional_manager')
    expect(higherTier('store_manager', 'store_manager')).toBe('store_manager')
    expect(euros(54558)).toBe('545.58 €')
    expect(euros(5)).toBe('0.05 €')
  })
})
