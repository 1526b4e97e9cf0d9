import { act, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { apiError, json } from '../support/fake-api'
import { milk } from '../support/items'
import { calls, scan, startApp } from './support'

const pickLine = {
  id: 'rq-1',
  storeId: 'st-1',
  item: { id: 'it-1', sku: 'SKU-0001', name: 'Whole Milk 1 L', category: 'Dairy' },
  requestedQty: 6,
  note: 'Top shelf is empty',
  source: 'clerk',
  status: 'open',
  requestedBy: { id: 'u-1', name: 'Clara Clerk' },
  requestedAt: new Date().toISOString(),
  pickedQty: null,
  pickedBy: null,
  pickedAt: null,
  cannotFillReason: null,
  version: 3,
  stock: { floor: 12, stockroom: 30 },
  toPick: 6,
}

const delivery = {
  id: 'd-1',
  storeId: 'st-1',
  supplier: 'Nordmilch eG',
  reference: 'LS-1',
  status: 'expected',
  expectedAt: null,
  createdBy: 'u-9',
  createdAt: '2025-01-10T06:00:00Z',
  closedBy: null,
  closedAt: null,
  version: 1,
  lines: [{ item: { id: 'it-1', sku: 'SKU-0001', name: 'Whole Milk 1 L', category: 'Dairy' }, expectedQty: 12, receivedQty: 0, damagedQty: 0, remainingQty: 12, state: 'pending' }],
  totals: { expected: 12, received: 0, damaged: 0 },
  discrepancies: [],
}

const lookup = ({ url }: { url: URL }) => (url.searchParams.get('code') === '4001234567890' ? json(200, milk) : apiError(404, 'NOT_FOUND', 'Item not found'))

describe('back room', () => {
  it('pick list: picked all goes out through the outbox (no version: replays are safe)', async () => {
    let done = false
    const { fetch, user } = startApp({
      path: '/stores/st-1/backroom/picks',
      api: {
        'GET /api/stores/st-1/replenishment/pick-list': () => json(200, { lines: done ? [] : [pickLine] }),
        'POST /api/stores/st-1/replenishment/requests/rq-1/done': () => {
          done = true
          return json(200, { request: { ...pickLine, status: 'done' } })
        },
      },
    })
    const row = await screen.findByTestId('pick-line')
    expect(within(row).getByText('“Top shelf is empty”')).toBeInTheDocument()
    await user.click(within(row).getByRole('button', { name: 'Picked…' }))
    const dialog = screen.getByRole('dialog')
    expect(within(dialog).getByLabelText('Quantity brought to the floor')).toHaveValue('6')
    await user.click(within(dialog).getByRole('button', { name: 'Picked 6' }))
    await waitFor(() => expect(screen.queryByTestId('pick-line')).not.toBeInTheDocument())
    const [sent] = calls(fetch, 'POST', '/api/stores/st-1/replenishment/requests/rq-1/done')
    expect(sent!.body).toEqual({ quantity: 6 })
    expect(sent!.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('pick list: an item being counted shows "being counted", no stock, and no cap on the quantity', async () => {
    const blindLine = { ...pickLine, id: 'rq-2', requestedQty: null, stock: null, blindCount: true, toPick: null }
    const { fetch, user } = startApp({
      path: '/stores/st-1/backroom/picks',
      api: {
        'GET /api/stores/st-1/replenishment/pick-list': json(200, { lines: [blindLine] }),
        'POST /api/stores/st-1/replenishment/requests/rq-2/done': json(200, { request: { ...blindLine, status: 'done' } }),
      },
    })
    const row = await screen.findByTestId('pick-line')
    expect(within(row).getByTestId('pick-blind')).toHaveTextContent('Being counted')
    expect(within(row).getByText('Fill the shelf')).toBeInTheDocument()
    expect(within(row).queryByText('30')).not.toBeInTheDocument()
    await user.click(within(row).getByRole('button', { name: 'Picked…' }))
    const dialog = screen.getByRole('dialog')
    expect(within(dialog).getByText(/This item is being counted, so its stock is not shown/)).toBeInTheDocument()
    expect(within(dialog).getByText(/being counted: no stock shown/)).toBeInTheDocument()
    await user.type(within(dialog).getByLabelText('Quantity brought to the floor'), '40')
    expect(within(dialog).queryByText(/The stockroom shows only/)).not.toBeInTheDocument()
    await user.click(within(dialog).getByRole('button', { name: 'Picked 40' }))
    await waitFor(() => expect(calls(fetch, 'POST', '/api/stores/st-1/replenishment/requests/rq-2/done')).toHaveLength(1))
    expect(calls(fetch, 'POST', '/api/stores/st-1/replenishment/requests/rq-2/done')[0]!.body).toEqual({ quantity: 40 })
  })

  it('receiving: a wedge scan counts +1 with its own scan id; an unknown code is refused with a message', async () => {
    const { fetch } = startApp({
      path: '/stores/st-1/backroom/receiving/d-1',
      api: {
        'GET /api/stores/st-1/deliveries/d-1': json(200, { delivery }),
        'GET /api/stores/st-1/items/lookup': lookup,
        'POST /api/stores/st-1/deliveries/d-1/scans': ({ body }) => json(201, { scan: body, line: delivery.lines[0] }),
      },
    })
    await screen.findByTestId('delivery-line')
    act(() => scan('4009999999993'))
    expect(await screen.findByText(/Unknown barcode 4009999999993/)).toBeInTheDocument()
    act(() => scan('4001234567890'))
    await waitFor(() => expect(calls(fetch, 'POST', '/api/stores/st-1/deliveries/d-1/scans')).toHaveLength(1))
    const [sent] = calls(fetch, 'POST', '/api/stores/st-1/deliveries/d-1/scans')
    expect(sent!.body).toEqual({ id: sent!.headers.get('Idempotency-Key'), itemId: 'it-1', quantity: 1, damaged: false })
    expect(screen.getByText('Scanned: Whole Milk 1 L')).toBeInTheDocument()
  })

  it('enter a correction: scan adds a line (again: one more), reason required, sent through the outbox', async () => {
    const { fetch, user } = startApp({
      path: '/stores/st-1/backroom/corrections/new',
      api: {
        'GET /api/stores/st-1/items/lookup': lookup,
        'POST /api/stores/st-1/corrections': ({ body }) => json(201, { id: (body as { id: string }).id }),
        'GET /api/stores/st-1/corrections': json(200, { corrections: [] }),
      },
    })
    await screen.findByRole('radio', { name: 'Damaged' })
    act(() => scan('4001234567890'))
    const line = await screen.findByTestId('correction-line')
    act(() => scan('4001234567890'))
    await waitFor(() => expect(within(line).getByLabelText('Quantity')).toHaveValue('2'))
    await user.click(screen.getByRole('button', { name: 'Enter correction' }))
    expect(screen.getByText('Choose a reason.')).toBeInTheDocument()
    await user.click(within(line).getByRole('radio', { name: 'Found +' }))
    await user.click(screen.getByRole('radio', { name: 'Other (note required)' }))
    await user.click(screen.getByRole('button', { name: 'Enter correction' }))
    expect(screen.getByText('Describe what happened.')).toBeInTheDocument()
    await user.type(screen.getByLabelText('Note (required for this reason)'), 'Behind the pallet')
    await user.click(screen.getByRole('button', { name: 'Enter correction' }))
    expect(await screen.findByText('Correction entered')).toBeInTheDocument()
    await waitFor(() => expect(calls(fetch, 'POST', '/api/stores/st-1/corrections')).toHaveLength(1))
    expect(calls(fetch, 'POST', '/api/stores/st-1/corrections')[0]!.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      source: 'backroom',
      reasonCode: 'other',
      note: 'Behind the pallet',
      lines: [{ locationId: 'loc-stock', itemId: 'it-1', quantityDelta: 2 }],
    })
  })

  it('my corrections: a correction with more lines than the list names says how many more', async () => {
    const row = {
      id: 'c-1',
      storeId: 'st-1',
      status: 'pending',
      reasonCode: 'damaged',
      reasonLabel: { en: 'Damaged', de: 'Beschädigt' },
      value: '515.94',
      enteredAt: new Date().toISOString(),
      enteredBy: 'u-2',
      decisionNote: null,
      lineCount: 15,
      itemNames: ['Nappies size 3', 'Coffee ground 1 kg', 'Laundry gel 40 WL'],
    }
    startApp({ path: '/stores/st-1/backroom/corrections', api: { 'GET /api/stores/st-1/corrections': json(200, { corrections: [row, { ...row, id: 'c-2', lineCount: 1, itemNames: ['Butter 250 g'] }] }) } })
    const [many, one] = await screen.findAllByTestId('my-correction')
    expect(many).toHaveTextContent('Nappies size 3, Coffee ground 1 kg, Laundry gel 40 WL + 12 more lines')
    expect(one).toHaveTextContent('Butter 250 g')
    expect(one).not.toHaveTextContent('more')
  })

  it('the back room home counts what waits: refills to pick, and transfers shipped here to receive', async () => {
    startApp({
      path: '/stores/st-1/backroom',
      api: {
        'GET /api/stores/st-1/replenishment/pick-list': json(200, { lines: [] }),
        'GET /api/stores/st-1/deliveries': json(200, { deliveries: [] }),
        'GET /api/stores/st-1/counts': json(200, { counts: [] }),
        'GET /api/stores/st-1/transfers': ({ url }) =>
          url.searchParams.get('direction') === 'incoming'
            ? json(200, { transfers: [{ id: 't-1', status: 'shipped' }, { id: 't-2', status: 'shipped' }, { id: 't-3', status: 'received' }] })
            : json(200, { transfers: [] }),
      },
    })
    const tile = await screen.findByRole('link', { name: /^Transfers/ })
    expect(await within(tile).findByText('2')).toHaveClass('tile-count')
    expect(within(screen.getByRole('link', { name: /^Pick list/ })).queryByText(/^\d+$/)).toBeNull()
  })

  it('a shared tablet locks itself after inactivity and opens the PIN switch, back to the same screen', async () => {
    localStorage.setItem('backstore.lockMinutes', '0.02')
    const { fetch, router } = startApp({
      path: '/stores/st-1/backroom',
      api: {
        'POST /api/auth/logout': json(204),
        'GET /api/stores/st-1/replenishment/pick-list': json(200, { lines: [] }),
        'GET /api/stores/st-1/deliveries': json(200, { deliveries: [] }),
        'GET /api/stores/st-1/counts': json(200, { counts: [] }),
      },
    })
    await screen.findByRole('heading', { name: 'Back room' })
    await waitFor(() => expect(router.state.location.pathname).toBe('/sign-in'), { timeout: 4000 })
    expect(router.state.location.search).toBe('?mode=pin&next=%2Fstores%2Fst-1%2Fbackroom')
    expect(calls(fetch, 'POST', '/api/auth/logout')).toHaveLength(1)
  })

  it('offline, the lock holds the screen until it can sign out', async () => {
    localStorage.setItem('backstore.lockMinutes', '0.02')
    const online = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false)
    const { fetch, router } = startApp({
      path: '/stores/st-1/backroom',
      api: {
        'POST /api/auth/logout': json(204),
        'GET /api/stores/st-1/replenishment/pick-list': json(200, { lines: [] }),
        'GET /api/stores/st-1/deliveries': json(200, { deliveries: [] }),
        'GET /api/stores/st-1/counts': json(200, { counts: [] }),
      },
    })
    await screen.findByRole('heading', { name: 'Back room' })
    expect(await screen.findByText(/It signs out as soon as the connection is back/, undefined, { timeout: 4000 })).toBeInTheDocument()
    expect(calls(fetch, 'POST', '/api/auth/logout')).toHaveLength(0)
    online.mockReturnValue(true)
    act(() => void window.dispatchEvent(new Event('online')))
    await waitFor(() => expect(router.state.location.pathname).toBe('/sign-in'))
    expect(calls(fetch, 'POST', '/api/auth/logout')).toHaveLength(1)
  })
})
