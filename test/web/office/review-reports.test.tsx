import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
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

/** A store manager of F002: he may escalate what he cannot settle himself (a regional-tier correction). */
const storeManager = me({
  user: { id: 'u-sm', name: 'Sabine Krüger', employeeNo: 'E1004', locale: 'en' },
  stores: [store({ id: 'st-2', code: 'F002', name: 'Eimsbüttel', roles: ['store_manager'], actions: [...ACTIONS_BY_ROLE.regional_manager!, 'correction.enter'] })],
  device: null,
})

/** An auditor across two regions. */
const auditor = me({
  user: { id: 'u-au', name: 'Anna Audit', employeeNo: 'E9002', locale: 'en' },
  stores: [
    store({ id: 'st-1', code: 'F001', name: 'Altona', regionId: 'rg-1', regionName: 'Nord', roles: ['auditor'], actions: ACTIONS_BY_ROLE.auditor! }),
    store({ id: 'st-2', code: 'F002', name: 'Eimsbüttel', regionId: 'rg-1', regionName: 'Nord', roles: ['auditor'], actions: ACTIONS_BY_ROLE.auditor! }),
    store({ id: 'st-3', code: 'S001', name: 'Schwabing', regionId: 'rg-2', regionName: 'Süd', roles: ['auditor'], actions: ACTIONS_BY_ROLE.auditor! }),
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
  effectiveTier: 'regional_manager',
  series: null,
  lineCount: 1,
  itemNames: ['Vollmilch 1 l'],
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
  byCategory: [
    { category: 'groceries', ...figures, drill: { status: 'confirmed', category: 'groceries' } },
    { category: 'garden', ...figures, drill: { status: 'confirmed', category: 'garden' } },
  ],
  byPerson: [],
  topItems: [{ itemId: 'it-1', sku: 'SKU-1', name: 'Vollmilch 1 l', category: 'dairy', units: 4, writeOffValue: 2_500, corrections: 2, drill: { status: 'confirmed', itemId: 'it-1' } }],
  countAccuracy: { totals: { counts: 0, linesCounted: 0, linesWithVariance: 0, accuracyPct: null, varianceUnits: 0, varianceValue: 0, netVarianceValue: 0, drill: {} }, byStore: [] },
  weekly: [{ weekStart: '2026-11-23', from: '2026-11-23', to: '2026-11-26', ...figures, salesValue: 100_000, shrinkPct: 2.5, drill: { status: 'confirmed', decidedFrom: '2026-11-23', decidedTo: '2026-11-26' } }],
}

function start(path: string, who = regional, over: { row?: Record<string, unknown> } = {}) {
  const fetch = fakeFetch({
    'GET /api/me': json(200, who),
    'GET /api/review/corrections': ({ url }) =>
      json(200, {
        corrections: url.searchParams.get('reason') === 'damaged' ? [row({ reasonCode: 'damaged', status: 'confirmed', mayDecide: false, overdue: false })] : [row(over.row)],
        nextCursor: null,
        // History without dates covers the last 31 days (the server says since when).
        window: url.searchParams.get('status') !== 'pending' && !url.searchParams.get('enteredFrom') && !url.searchParams.get('decidedFrom') && !url.searchParams.get('ids') ? { enteredFrom: '2026-10-26' } : null,
      }),
    'GET /api/evidence': json(200, { corrections: 0, totalValue: 0, exportAuditSeq: 7, segregationOfDuties: { ok: true, checks: [] }, chain: { ok: true, head: null } }),
    'GET /api/reports/corrections': json(200, report),
    'POST /api/review/corrections/c-9/escalate': json(200, { id: 'c-9', escalatedAt: '2026-11-26T10:00:00.000Z', auditSeq: 99 }),
    'GET /api/reports/anomalies': json(200, {
      period: report.period,
      thresholds: {},
      thresholdSources: { pairMaxShare: 'default', repeatMinCount: 'chain', nearBand: 'chain' },
      anomalies: [
        {
          kind: 'pair_concentration',
          storeId: 'st-1',
          storeCode: 'F001',
          storeName: 'Altona',
          userIds: ['u-2', 'u-3'],
          people: [{ id: 'u-2', name: 'Mehmet Yılmaz' }, { id: 'u-3', name: 'Jonas Becker' }],
          itemId: null,
          itemName: null,
          explanation: 'The server says this in English.',
          correctionIds: ['c-1', 'c-2'],
          correctionCount: 2,
          metrics: { pairCorrections: 9, storeCorrections: 10, share: 0.9, threshold: 0.5 },
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
  it('the queue asks the server for pending corrections, filters by store and tier; the regional manager decides and is offered no escalation to himself', async () => {
    const { fetch, user } = start('/stores/st-1/office/review')
    const list = await screen.findByRole('list', { name: 'Corrections in the review queue' })
    const item = within(list).getByTestId('review-row')
    expect(within(item).getByText('F002')).toBeInTheDocument()
    expect(within(item).getByText('Overdue')).toBeInTheDocument()
    expect(within(item).getByRole('button', { name: 'Confirm €610.00 in F002' })).toBeInTheDocument()
    // He is where an escalation would go.
    expect(within(item).queryByRole('button', { name: /^Escalate/ })).not.toBeInTheDocument()
    expect(queries(fetch, '/api/review/corrections')[0]).toEqual({ status: 'pending' })
    // The open queue has no window; nothing says "since".
    expect(screen.queryByTestId('review-window')).not.toBeInTheDocument()

    await user.selectOptions(screen.getByLabelText('Store'), 'st-2')
    await user.selectOptions(screen.getByLabelText('Approval tier'), 'regional_manager')
    await user.click(screen.getByLabelText('Overdue only'))
    await waitFor(() => expect(queries(fetch, '/api/review/corrections').at(-1)).toEqual({ status: 'pending', storeIds: 'st-2', tier: 'regional_manager', overdue: 'true' }))
  })

  it('a store manager escalates an overdue correction above his tier with a note, after a confirmation dialog', async () => {
    const { fetch, user } = start('/stores/st-2/office/review', storeManager, { row: { mayDecide: false } })
    const item = await screen.findByTestId('review-row')
    await user.click(within(item).getByRole('button', { name: 'Escalate €610.00 in F002' }))
    const dialog = await screen.findByRole('dialog', { name: 'Escalate to the region' })
    // Nothing is sent before he says so.
    expect(fetch.mock.calls.some(([u]) => String(u).includes('/escalate'))).toBe(false)
    await user.type(within(dialog).getByLabelText('Note for the region (optional)'), '  Asked Thomas twice  ')
    await user.click(within(dialog).getByRole('button', { name: 'Escalate' }))
    await screen.findByText('Escalated: F002 · €610.00')
    const sent = fetch.mock.calls.filter(([u, init]) => String(u).endsWith('/api/review/corrections/c-9/escalate') && init?.method === 'POST')
    expect(sent.map(([, init]) => JSON.parse(String(init?.body)))).toEqual([{ note: 'Asked Thomas twice' }])
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  })

  it('no escalation for a store manager who may decide the tier himself, nor for a row already escalated', async () => {
    start('/stores/st-2/office/review', storeManager, { row: { tier: 'store_manager', mayDecide: true } })
    const item = await screen.findByTestId('review-row')
    expect(within(item).getByRole('button', { name: 'Confirm €610.00 in F002' })).toBeInTheDocument()
    expect(within(item).queryByRole('button', { name: /^Escalate/ })).not.toBeInTheDocument()
  })

  it('a row names its items, and how many more lines it has', async () => {
    start('/stores/st-2/office/review', storeManager, { row: { lineCount: 5, itemNames: ['Vollmilch 1 l', 'Butter 250 g', 'Quark 500 g'] } })
    const item = await screen.findByTestId('review-row')
    expect(within(item).getByText('Vollmilch 1 l · Butter 250 g · Quark 500 g')).toBeInTheDocument()
    expect(within(item).getByText('+ 2 more lines')).toBeInTheDocument()
  })

  it('a row says how old it is: minutes (or just now) under an hour, hours, then days', async () => {
    const enteredAt = new Date(Date.now() - 12 * 60_000).toISOString()
    start('/stores/st-2/office/review', storeManager, { row: { ageHours: 0, enteredAt } })
    const item = await screen.findByTestId('review-row')
    expect(within(item).getByText('12 minutes ago')).toBeInTheDocument()
    expect(within(item).queryByText(/0 hours ago/)).not.toBeInTheDocument()
    cleanup()
    start('/stores/st-2/office/review', storeManager, { row: { ageHours: 0, enteredAt: new Date().toISOString() } })
    expect(within(await screen.findByTestId('review-row')).getByText('just now')).toBeInTheDocument()
    cleanup()
    start('/stores/st-2/office/review', storeManager)
    expect(within(await screen.findByTestId('review-row')).getByText('30 hours ago')).toBeInTheDocument()
  })

  it('history shows its 31-day window; date filters and the escalated filter go to the URL and the API; Reset clears the value fields', async () => {
    const { fetch, user, router } = start('/stores/st-1/office/review?status=confirmed')
    expect(await screen.findByTestId('review-window')).toHaveTextContent('Showing corrections entered since 26 Oct 2026.')

    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-09-01' } })
    await waitFor(() => expect(queries(fetch, '/api/review/corrections').at(-1)).toEqual({ status: 'confirmed', enteredFrom: '2026-09-01' }))
    await waitFor(() => expect(screen.queryByTestId('review-window')).not.toBeInTheDocument())
    // The range can apply to the day decided instead; the chosen day moves along.
    await user.selectOptions(screen.getByLabelText('Dates'), 'decided')
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-09-30' } })
    await waitFor(() => expect(queries(fetch, '/api/review/corrections').at(-1)).toEqual({ status: 'confirmed', decidedFrom: '2026-09-01', decidedTo: '2026-09-30' }))
    expect(new URLSearchParams(router.state.location.search).get('decidedFrom')).toBe('2026-09-01')
    await user.click(screen.getByLabelText('Escalated only'))
    await waitFor(() => expect(queries(fetch, '/api/review/corrections').at(-1)).toMatchObject({ escalated: 'true' }))

    const min = screen.getByLabelText('Value from (€)')
    await user.type(min, '12,50{Enter}')
    await waitFor(() => expect(queries(fetch, '/api/review/corrections').at(-1)).toMatchObject({ minValue: '1250' }))
    // Typed but not applied yet: Reset clears that too.
    await user.type(screen.getByLabelText('Value up to (€)'), '99')
    await user.click(screen.getByRole('button', { name: 'Reset' }))
    await waitFor(() => expect(queries(fetch, '/api/review/corrections').at(-1)).toEqual({ status: 'pending' }))
    expect(screen.getByLabelText('Value from (€)')).toHaveValue('')
    expect(screen.getByLabelText('Value up to (€)')).toHaveValue('')
    expect(screen.getByLabelText('From')).toHaveValue('')
    expect(screen.getByLabelText('Dates')).toHaveValue('entered')
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
    // The report's period lands in the filter bar's date range (on the day decided).
    await waitFor(() => expect(screen.getByLabelText('From')).toHaveValue('2026-10-30'))
    expect(screen.getByLabelText('Dates')).toHaveValue('decided')
    expect(screen.getByLabelText('To')).toHaveValue('2026-11-26')
    expect(screen.getByLabelText('Reason')).toHaveValue('damaged')
  })

  it('an anomaly is explained in words and links to exactly its corrections', async () => {
    const { user, fetch } = start('/stores/st-1/office/reports?from=2026-10-30&to=2026-11-26')
    const finding = await screen.findByTestId('anomaly')
    expect(within(finding).getByText('The same two people on many corrections · F001 Altona')).toBeInTheDocument()
    // Worded in the UI language from the figures, not the server's English sentence.
    expect(
      within(finding).getByText(
        'At Altona (F001), 9 of 10 confirmed corrections (90%) were entered by Mehmet Yılmaz and confirmed by Jonas Becker — more than 50% for one pair. Four eyes only help if the second pair of eyes varies.',
      ),
    ).toBeInTheDocument()
    expect(within(finding).queryByText('The server says this in English.')).not.toBeInTheDocument()
    // Which thresholds found it: the chain's own where set, else the defaults.
    expect(screen.getByTestId('anomaly-thresholds-used')).toHaveTextContent('Found with 2 thresholds set for the chain (under Administration) and the defaults for the rest.')
    await user.click(within(finding).getByRole('link', { name: 'Show the 2 corrections' }))
    await waitFor(() => expect(queries(fetch, '/api/review/corrections').at(-1)).toEqual({ storeIds: 'st-1', ids: 'c-1,c-2' }))
  })

  it('categories read as words, an unknown one as it is', async () => {
    start('/stores/st-1/office/reports?from=2026-10-30&to=2026-11-26')
    const byCategory = await screen.findByRole('list', { name: 'By category' })
    expect(within(byCategory).getByText('Groceries')).toBeInTheDocument()
    expect(within(byCategory).getByText('garden')).toBeInTheDocument()
    expect(screen.getByText(/SKU-1 · Dairy ·/)).toBeInTheDocument()
  })

  it('an auditor reports on one region, and exports evidence for chosen stores of a region', async () => {
    const { fetch, user } = start('/stores/st-1/office/reports?from=2026-10-30&to=2026-11-26', auditor)
    await screen.findByRole('list', { name: 'By reason' })
    await user.selectOptions(screen.getByLabelText('Stores'), 'region:rg-1')
    await waitFor(() => expect(queries(fetch, '/api/reports/corrections').at(-1)).toEqual({ from: '2026-10-30', to: '2026-11-26', regionId: 'rg-1', topItems: '10' }))
    await waitFor(() => expect(queries(fetch, '/api/reports/anomalies').at(-1)).toEqual({ from: '2026-10-30', to: '2026-11-26', regionId: 'rg-1' }))
    expect(screen.getByRole('option', { name: 'Region Süd (1 store)' })).toBeInTheDocument()
    await user.selectOptions(screen.getByLabelText('Stores'), 'store:st-3')
    await waitFor(() => expect(queries(fetch, '/api/reports/corrections').at(-1)).toEqual({ from: '2026-10-30', to: '2026-11-26', storeIds: 'st-3', topItems: '10' }))
    cleanup()

    const ev = start('/stores/st-1/office/evidence?from=2026-10-30&to=2026-11-26', auditor)
    await ev.user.selectOptions(await screen.findByLabelText('Region'), 'rg-1')
    const stores = screen.getByRole('group', { name: 'Stores' })
    expect(within(stores).getAllByRole('checkbox').map((c) => c.parentElement?.textContent)).toEqual(['F001 · Altona', 'F002 · Eimsbüttel'])
    expect(within(stores).getByText('None ticked: all 2 stores.')).toBeInTheDocument()
    await ev.user.click(within(stores).getByLabelText('F002 · Eimsbüttel'))
    expect(within(stores).getByText('1 store ticked.')).toBeInTheDocument()
    const csv = new URL(screen.getByTestId('evidence-csv').getAttribute('href')!, 'http://localhost')
    expect(Object.fromEntries(csv.searchParams)).toEqual({ from: '2026-10-30', to: '2026-11-26', regionId: 'rg-1', storeIds: 'st-2' })
    await ev.user.click(screen.getByRole('button', { name: 'Check segregation of duties' }))
    await waitFor(() => expect(queries(ev.fetch, '/api/evidence').at(-1)).toEqual({ from: '2026-10-30', to: '2026-11-26', regionId: 'rg-1', storeIds: 'st-2' }))
  })
})
