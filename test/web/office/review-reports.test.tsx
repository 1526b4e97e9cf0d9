import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { routes } from '../../../web/app/router'
import { ACTIONS_BY_ROLE, fakeFetch, json, me, store } from '../support/fake-api'
import { renderRoutes } from '../support/render'

const regional = me({
  user: { id: 'u-rm', name: 'Thomas Brandt', employeeNo: 'E2001', locale: 'en' },
  stores: [
    store({ id: 'st-1', code: 'F001', name: 'Altona', roles: ['regional_manager'], actions: ACTIONS_BY_ROLE.regional_manager! }),
    store({ id: 'st-2', code: 'F002', name: 'Eimsbüttel', roles: ['regional_manager'], actions: ACTIONS_BY_ROLE.regional_manager! }),
  ],
  device: null,
})

const row = (over: Record<string, unknown> = {}) => ({
  id: 'c-9',
  storeId: 'st-2',
  storeCode: 'F002',
  storeName: 'Eimsbüttel',
  regionId: 'rg-1',
  status: 'pending',
  source: 'backroom',
  reasonCode: 'theft',
  note: null,
  value: 61_000,
  tierValue: 61_000,
  tier: 'regional_manager',
  lineCount: 1,
  enteredBy: { id: 'u-2', name: 'Mehmet Yılmaz' },
  enteredAt: '2026-11-20T08:00:00.000Z',
  countedBy: null,
  decidedBy: null,
  decidedAt: null,
  decidedRole: null,
  decisionNote: null,
  version: 1,
  ageHours: 30,
  overdue: true,
  escalatedAt: null,
  mayDecide: true,
  ...over,
})

const figures = { corrections: 2, value: 3_000, writeOffValue: 2_500, foundValue: 500, netValue: -2_000 }
const report = {
  period: { from: '2026-10-30', to: '2026-11-26', days: 28 },
  stores: [{ id: 'st-1', code: 'F001', name: 'Altona', regionId: 'rg-1' }],
  totals: { ...figures, salesValue: 1_000_000, shrinkPct: 0.25, drill: { status: 'confirmed', decidedFrom: '2026-10-30', decidedTo: '2026-11-26' } },
  byStore: [{ storeId: 'st-1', code: 'F001', name: 'Altona', ...figures, salesValue: 1_000_000, shrinkPct: 0.25, drill: { status: 'confirmed', storeIds: 'st-1' } }],
  byReason: [
    { reason: 'damaged', labelEn: 'Damaged', labelDe: 'Beschädigt', ...figures, drill: { status: 'confirmed', decidedFrom: '2026-10-30', decidedTo: '2026-11-26', reason: 'damaged' } },
    { reason: 'found', labelEn: 'Found', labelDe: 'Gefunden', ...figures, writeOffValue: 0, drill: { status: 'confirmed', reason: 'found' } },
  ],
  byCategory: [],
  byPerson: [],
  topItems: [],
  countAccuracy: { totals: { counts: 0, linesCounted: 0, linesWithVariance: 0, accuracyPct: null, varianceUnits: 0, varianceValue: 0, netVarianceValue: 0, drill: {} }, byStore: [] },
  weekly: [{ weekStart: '2026-11-23', from: '2026-11-23', to: '2026-11-26', ...figures, salesValue: 100_000, shrinkPct: 2.5, drill: { status: 'confirmed', decidedFrom: '2026-11-23', decidedTo: '2026-11-26' } }],
}

function start(path: string) {
  const fetch = fakeFetch({
    'GET /api/me': json(200, regional),
    'GET /api/review/corrections': ({ url }) => json(200, { corrections: url.searchParams.get('reason') === 'damaged' ? [row({ reasonCode: 'damaged', status: 'confirmed', mayDecide: false, overdue: false })] : [row()], nextCursor: null }),
    'GET /api/reports/corrections': json(200, report),
    'POST /api/review/corrections/c-9/escalate': json(200, { id: 'c-9', escalatedAt: '2026-11-26T10:00:00.000Z', auditSeq: 99 }),
    'GET /api/reports/anomalies': json(200, {
      period: report.period,
      thresholds: {},
      anomalies: [
        {
          kind: 'pair_concentration',
          storeId: 'st-1',
          storeCode: 'F001',
          storeName: 'Altona',
          userIds: ['u-2', 'u-3'],
          people: [{ id: 'u-2', name: 'Mehmet Yılmaz' }, { id: 'u-3', name: 'Jonas Becker' }],
          itemId: null,
          explanation: 'Jonas Becker confirmed 9 of 10 corrections entered by Mehmet Yılmaz in Altona (F001).',
          correctionIds: ['c-1', 'c-2'],
          correctionCount: 2,
          metrics: {},
          drill: { storeIds: 'st-1', ids: 'c-1,c-2' },
        },
      ],
    }),
  })
  const user = userEvent.setup()
  return { ...renderRoutes(routes, { fetch, path }), fetch, user }
}

const queries = (fetch: ReturnType<typeof fakeFetch>, path: string) =>
  fetch.mock.calls.map(([u]) => new URL(String(u), 'http://localhost')).filter((u) => u.pathname === path).map((u) => Object.fromEntries(u.searchParams))

describe('regional review and reports', () => {
  it('the queue asks the server for pending corrections, filters by store and tier, and offers decide and escalate', async () => {
    const { fetch, user } = start('/stores/st-1/office/review')
    const list = await screen.findByRole('list', { name: 'Corrections in the review queue' })
    const item = within(list).getByTestId('review-row')
    expect(within(item).getByText('F002')).toBeInTheDocument()
    expect(within(item).getByText('Overdue')).toBeInTheDocument()
    expect(within(item).getByRole('button', { name: 'Confirm €610.00 in F002' })).toBeInTheDocument()
    expect(within(item).getByRole('button', { name: 'Escalate' })).toBeInTheDocument()
    expect(queries(fetch, '/api/review/corrections')[0]).toEqual({ status: 'pending' })

    await user.click(within(item).getByRole('button', { name: 'Escalate' }))
    await waitFor(() => expect(fetch.mock.calls.some(([u, init]) => String(u).endsWith('/api/review/corrections/c-9/escalate') && init?.method === 'POST')).toBe(true))

    await user.selectOptions(screen.getByLabelText('Store'), 'st-2')
    await user.selectOptions(screen.getByLabelText('Approval tier'), 'regional_manager')
    await user.click(screen.getByLabelText('Overdue only'))
    await waitFor(() => expect(queries(fetch, '/api/review/corrections').at(-1)).toEqual({ status: 'pending', storeIds: 'st-2', tier: 'regional_manager', overdue: 'true' }))
  })

  it('a bar of the report leads to the corrections behind it in the queue', async () => {
    const { fetch, user, router } = start('/stores/st-1/office/reports?from=2026-10-30&to=2026-11-26')
    const byReason = await screen.findByRole('list', { name: 'By reason' })
    expect(queries(fetch, '/api/reports/corrections')[0]).toEqual({ from: '2026-10-30', to: '2026-11-26', topItems: '10' })
    await user.click(within(byReason).getByRole('link', { name: /^Damaged,\s*2 corrections:\s*€25\.00\s*— Show the corrections$/ }))
    await waitFor(() => expect(router.state.location.pathname).toBe('/stores/st-1/office/review'))
    await waitFor(() =>
      expect(queries(fetch, '/api/review/corrections').at(-1)).toEqual({ status: 'confirmed', decidedFrom: '2026-10-30', decidedTo: '2026-11-26', reason: 'damaged' }),
    )
    expect(await screen.findByText('Decided from 30 Oct 2026')).toBeInTheDocument()
    expect(screen.getByLabelText('Reason')).toHaveValue('damaged')
  })

  it('an anomaly is explained in words and links to exactly its corrections', async () => {
    const { user, fetch } = start('/stores/st-1/office/reports?from=2026-10-30&to=2026-11-26')
    const finding = await screen.findByTestId('anomaly')
    expect(within(finding).getByText('The same two people on many corrections · F001 Altona')).toBeInTheDocument()
    expect(within(finding).getByText(/Jonas Becker confirmed 9 of 10/)).toBeInTheDocument()
    await user.click(within(finding).getByRole('link', { name: 'Show the 2 corrections' }))
    await waitFor(() => expect(queries(fetch, '/api/review/corrections').at(-1)).toEqual({ storeIds: 'st-1', ids: 'c-1,c-2' }))
  })
})
