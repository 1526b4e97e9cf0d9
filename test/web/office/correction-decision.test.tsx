import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { routes } from '../../../web/app/router'
import { apiError, fakeFetch, json } from '../support/fake-api'
import { renderRoutes } from '../support/render'
import { correction, managerMe, stockroomMe } from './fixtures'

type Routes = Parameters<typeof fakeFetch>[0]

function start(session: typeof managerMe, path: string, extra: Routes = {}) {
  const fetch = fakeFetch({ 'GET /api/me': json(200, session), ...extra })
  const user = userEvent.setup()
  return { ...renderRoutes(routes, { fetch, path }), fetch, user }
}

const posted = (fetch: ReturnType<typeof fakeFetch>, path: string) =>
  fetch.mock.calls.filter(([url, init]) => String(url).endsWith(path) && init?.method === 'POST').map(([, init]) => JSON.parse(String(init!.body)) as unknown)

describe('deciding a correction', () => {
  it('the enterer sees why they cannot confirm (no button) and hands the tablet to a manager, who confirms with their PIN', async () => {
    let current = correction()
    const { user, fetch } = start(stockroomMe, '/stores/st-1/backroom/corrections/c-1', {
      'GET /api/stores/st-1/corrections/c-1': () => json(200, current),
      'POST /api/stores/st-1/corrections/c-1/confirm': () => {
        current = correction({ status: 'confirmed', version: 2, canConfirm: { ok: false, code: 'INVALID_STATE', message: 'confirmed' } })
        return json(200, current)
      },
    })
    expect(await screen.findByText('You entered this correction — another person must confirm it')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Confirm' })).not.toBeInTheDocument()
    expect(screen.getByTestId('correction-value')).toHaveTextContent('€23.96')
    expect(within(screen.getByTestId('correction-history')).getByText('Entered by Mehmet Yılmaz')).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: 'Hand the tablet to a shift lead or store manager' }))
    const dialog = screen.getByRole('dialog')
    await user.type(within(dialog).getByLabelText('Employee number of the person deciding'), 'E1004')
    await user.type(within(dialog).getByLabelText('PIN'), '1004')
    await user.click(within(dialog).getByRole('button', { name: 'Confirm correction' }))

    const note = await screen.findByText(/The stock was updated/)
    expect(note.closest('.alert')).toHaveTextContent('Confirmed by Sabine Krüger')
    expect(screen.getByText(/The stock was updated \(1 movement\)\. Please hand the tablet back to Mehmet Yılmaz\./)).toBeInTheDocument()
    expect(posted(fetch, '/corrections/c-1/confirm')).toEqual([{ version: 1, credentials: { employeeNo: 'E1004', pin: '1004' } }])
    const history = within(screen.getByTestId('correction-history'))
    expect(history.getByText('Confirmed by Sabine Krüger')).toBeInTheDocument()
    expect(history.getByText("With their PIN on Mehmet Yılmaz's tablet session")).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /Hand the tablet/ })).not.toBeInTheDocument()
  })

  it('a manager whose verdict allows it confirms with their own PIN; a rejection sends the reason', async () => {
    const { user, fetch } = start(managerMe, '/stores/st-1/office/corrections/c-1', {
      'GET /api/stores/st-1/corrections/c-1': json(200, correction({ canConfirm: { ok: true } })),
      'POST /api/stores/st-1/corrections/c-1/reject': json(200, correction({ status: 'rejected', version: 2 })),
    })
    await user.click(await screen.findByRole('button', { name: 'Reject' }))
    const dialog = screen.getByRole('dialog')
    expect(within(dialog).getByText('Signed in as Sabine Krüger (E1004). Enter your PIN to sign this decision.')).toBeInTheDocument()
    await user.type(within(dialog).getByLabelText(/Why is it rejected/), 'Found on the shelf')
    await user.type(within(dialog).getByLabelText('PIN'), '1004')
    await user.click(within(dialog).getByRole('button', { name: 'Reject correction' }))
    await waitFor(() =>
      expect(posted(fetch, '/corrections/c-1/reject')).toEqual([{ version: 1, reason: 'Found on the shelf', credentials: { employeeNo: 'E1004', pin: '1004' } }]),
    )
  })

  it('a confirmation that lost a race says so and reloads the correction on request', async () => {
    let loads = 0
    const { user } = start(managerMe, '/stores/st-1/office/corrections/c-1', {
      'GET /api/stores/st-1/corrections/c-1': () => {
        loads += 1
        return json(200, loads === 1 ? correction({ canConfirm: { ok: true } }) : correction({ status: 'confirmed', version: 2, decidedByName: 'Jonas Becker' }))
      },
      'POST /api/stores/st-1/corrections/c-1/confirm': apiError(409, 'STALE_VERSION', 'changed'),
    })
    await user.click(await screen.findByRole('button', { name: 'Confirm' }))
    await user.type(within(screen.getByRole('dialog')).getByLabelText('PIN'), '1004')
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Confirm correction' }))
    expect(await screen.findByText('The correction changed')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Reload the correction' }))
    expect(await screen.findByText('Jonas Becker', { exact: false, selector: 'dd' })).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Confirm' })).not.toBeInTheDocument()
  })

  it('the enterer may withdraw a back-room correction, but not the difference of a count: that one a second person decides', async () => {
    const { unmount } = start(stockroomMe, '/stores/st-1/backroom/corrections/c-1', { 'GET /api/stores/st-1/corrections/c-1': json(200, correction()) })
    expect(await screen.findByRole('button', { name: 'Withdraw my correction' })).toBeInTheDocument()
    // Back to the list it was opened from, in the back room.
    expect(screen.getByRole('link', { name: '← Corrections' })).toHaveAttribute('href', '/stores/st-1/backroom/corrections')
    unmount()
    start(stockroomMe, '/stores/st-1/backroom/corrections/c-1', {
      'GET /api/stores/st-1/corrections/c-1': json(200, correction({ source: 'count', counters: ['u-lead'] })),
    })
    expect(await screen.findByText('You entered this correction — another person must confirm it')).toBeInTheDocument()
    expect(screen.getByText('From a count')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Withdraw my correction' })).not.toBeInTheDocument()
    expect(screen.getByText('A difference from a count or a transfer cannot be withdrawn: a second person confirms or rejects it.')).toBeInTheDocument()
  })

  it('a manager set up by the enterer is told why they cannot decide, and by whom', async () => {
    const verdict = { ok: false as const, code: 'ADMINISTERED_BY_ENTERER', message: 'Mehmet Yılmaz set up your account: a different person has to release their corrections' }
    start(managerMe, '/stores/st-1/office/corrections/c-1', { 'GET /api/stores/st-1/corrections/c-1': json(200, correction({ canConfirm: verdict })) })
    expect(await screen.findByText('Mehmet Yılmaz set up your account, role or PIN — another person must decide')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Confirm' })).not.toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Hand the tablet to a shift lead or store manager' })).toBeInTheDocument()
  })

  it('a part of a split write-off shows the tier it needs now, with the series, and a hand-over names who decides it (F16)', async () => {
    const verdict = {
      ok: false as const,
      code: 'TIER_NOT_COVERED',
      message: 'This correction is valued together with 13 other corrections of the same person and items within 24 hours (series value 545.58 €), which is the regional manager tier: it needs the regional manager',
    }
    const part = correction({ tier: 'lead', effectiveTier: 'regional_manager', series: { others: 13, value: 54_558, ids: ['c-2', 'c-3'] }, canConfirm: verdict })
    const { user } = start(managerMe, '/stores/st-1/office/corrections/c-1', {
      'GET /api/stores/st-1/corrections/c-1': json(200, part),
      'POST /api/stores/st-1/corrections/c-1/confirm': apiError(403, 'TIER_NOT_COVERED', verdict.message, { tier: 'lead', effectiveTier: 'regional_manager', seriesValue: 54_558, seriesOthers: 13 }),
    })
    expect(await screen.findByText('This correction is above your approval limit')).toBeInTheDocument()
    expect(screen.getByText('Large · regional manager')).toBeInTheDocument()
    expect(screen.getByText('Valued together with 13 other corrections of the same person and items (24 h before or after): €545.58')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Confirm' })).not.toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Hand the tablet to the regional manager' }))
    const dialog = screen.getByRole('dialog')
    await user.type(within(dialog).getByLabelText('Employee number of the person deciding'), 'E1003')
    await user.type(within(dialog).getByLabelText('PIN'), '1003')
    await user.click(within(dialog).getByRole('button', { name: 'Confirm correction' }))
    expect(await within(dialog).findByText(/needs the regional manager/)).toBeInTheDocument()
  })

  it('a hand-over to someone the enterer set up is refused with the reason, and the tablet can be handed on', async () => {
    const { user } = start(stockroomMe, '/stores/st-1/backroom/corrections/c-1', {
      'GET /api/stores/st-1/corrections/c-1': json(200, correction()),
      'POST /api/stores/st-1/corrections/c-1/confirm': apiError(403, 'ADMINISTERED_BY_ENTERER', 'Mehmet Yılmaz set up your account'),
    })
    await user.click(await screen.findByRole('button', { name: 'Hand the tablet to a shift lead or store manager' }))
    const dialog = screen.getByRole('dialog')
    await user.type(within(dialog).getByLabelText('Employee number of the person deciding'), 'E7777')
    await user.type(within(dialog).getByLabelText('PIN'), '7777')
    await user.click(within(dialog).getByRole('button', { name: 'Confirm correction' }))
    expect(await within(dialog).findByText('Not by someone the enterer set up')).toBeInTheDocument()
  })

  it('lists what waits for me apart from what waits for others, overdue marked in words', async () => {
    const mine = { ...correction({ canConfirm: { ok: true } }), id: 'c-2', overdue: true, itemNames: ['Coffee beans 1 kg'] }
    const others = { ...correction(), overdue: false }
    start(managerMe, '/stores/st-1/office/corrections', {
      'GET /api/stores/st-1/corrections': ({ url }) => (url.searchParams.get('status') === 'pending' ? json(200, { corrections: [mine, others] }) : json(200, { corrections: [] })),
    })
    const forMe = await screen.findByRole('list', { name: 'Corrections waiting for your decision' })
    expect(within(forMe).getByText('Coffee beans 1 kg')).toBeInTheDocument()
    expect(within(forMe).getByText('Overdue')).toBeInTheDocument()
    expect(within(forMe).getByRole('link')).toHaveAttribute('href', '/stores/st-1/office/corrections/c-2')
    const forOthers = screen.getByRole('list', { name: 'Pending corrections for others to decide' })
    expect(within(forOthers).getByText('Entered by you')).toBeInTheDocument()
  })
})
