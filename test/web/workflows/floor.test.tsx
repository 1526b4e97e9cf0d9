import { act, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { json, me } from '../support/fake-api'
import { milk } from '../support/items'
import { calls, scan, startApp } from './support'

const clerk = me()
const request = (over: Record<string, unknown> = {}) => ({
  id: 'rq-1',
  storeId: 'st-1',
  item: { id: 'it-1', sku: 'SKU-0001', name: 'Whole Milk 1 L', category: 'Dairy' },
  requestedQty: null,
  note: null,
  source: 'clerk',
  status: 'open',
  requestedBy: { id: 'u-1', name: 'Clara Clerk' },
  requestedAt: new Date().toISOString(),
  pickedQty: null,
  pickedBy: null,
  pickedAt: null,
  cannotFillReason: null,
  version: 1,
  stock: { floor: 12, stockroom: 30 },
  ...over,
})

function start(stockroom = 30, refillStatus: 'open' | 'cannot_fill' = 'open') {
  const mine: unknown[] = []
  return startApp({
    session: clerk,
    path: '/stores/st-1/floor',
    api: {
      'GET /api/stores/st-1/items/lookup': json(200, { ...milk, stock: { ...milk.stock, stockroom } }),
      'GET /api/stores/st-1/replenishment/requests': () => json(200, { requests: mine }),
      'POST /api/stores/st-1/replenishment/requests': ({ body }) => {
        const r = request({ id: (body as { id: string }).id, status: refillStatus, cannotFillReason: refillStatus === 'cannot_fill' ? 'stockroom_empty' : null })
        mine.unshift(r)
        return json(201, { request: r, stockroomAvailable: stockroom })
      },
      'POST /api/stores/st-1/corrections': ({ body }) => json(201, { id: (body as { id: string }).id }),
    },
  })
}

describe('floor item actions', () => {
  it('“get it from the back” in two taps; my requests shows it open', async () => {
    const { fetch, user } = start()
    await screen.findByPlaceholderText('Name, SKU or barcode')
    act(() => scan('4001234567890'))
    await user.click(await screen.findByRole('button', { name: 'Get it from the back' }))
    expect(screen.getByText('The stockroom has 30.')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Send to the back room' }))
    expect(await screen.findByText('Sent to the back room')).toBeInTheDocument()
    const [sent] = calls(fetch, 'POST', '/api/stores/st-1/replenishment/requests')
    expect(sent!.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), itemId: 'it-1' })
    await user.click(screen.getByRole('button', { name: 'Done' }))
    const mine = screen.getByRole('region', { name: 'My requests' })
    await waitFor(() => expect(within(mine).getByText('Open')).toBeInTheDocument())
  })

  it('tells at once when the stockroom is empty', async () => {
    const { user } = start(0, 'cannot_fill')
    await screen.findByPlaceholderText('Name, SKU or barcode')
    act(() => scan('4001234567890'))
    await user.click(await screen.findByRole('button', { name: 'Get it from the back' }))
    // Before sending: the card's stockroom figure is 0.
    expect(screen.getByText(/The stockroom shows none of this item/)).toBeInTheDocument()
    // Said once: no "The stockroom has 0." under the warning.
    expect(screen.queryByText(/The stockroom has/)).not.toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Send to the back room' }))
    expect(await screen.findByText('The stockroom is empty')).toBeInTheDocument()
    expect(screen.getByText(/Nothing to bring/)).toBeInTheDocument()
  })

  it('an item being counted: no stockroom figure before or after asking', async () => {
    const { user } = startApp({
      session: clerk,
      path: '/stores/st-1/floor',
      api: {
        'GET /api/stores/st-1/items/lookup': json(200, { ...milk, stock: null, blindCount: true, lastMovements: [] }),
        'GET /api/stores/st-1/replenishment/requests': json(200, { requests: [] }),
        'POST /api/stores/st-1/replenishment/requests': ({ body }) =>
          json(201, { request: request({ id: (body as { id: string }).id, stock: null, blindCount: true }), stockroomAvailable: null }),
      },
    })
    await screen.findByPlaceholderText('Name, SKU or barcode')
    act(() => scan('4001234567890'))
    await user.click(await screen.findByRole('button', { name: 'Get it from the back' }))
    const dialog = screen.getByRole('dialog')
    expect(within(dialog).getByText(/Being counted — the stockroom's stock is hidden/)).toBeInTheDocument()
    expect(within(dialog).getByPlaceholderText('Fill the shelf')).toBeInTheDocument()
    await user.click(within(dialog).getByRole('button', { name: 'Send to the back room' }))
    expect(await screen.findByText('Sent to the back room')).toBeInTheDocument()
    expect(screen.getByText(/This item is being counted, so its stock is not shown/)).toBeInTheDocument()
    expect(screen.queryByText(/The stockroom has/)).not.toBeInTheDocument()
  })

  it('reports damaged stock as a floor correction that takes units off the floor (four eyes)', async () => {
    const { fetch, user } = start()
    await screen.findByPlaceholderText('Name, SKU or barcode')
    act(() => scan('4001234567890'))
    await user.click(await screen.findByRole('button', { name: 'Report damaged / missing' }))
    const dialog = await screen.findByRole('dialog')
    await user.click(await within(dialog).findByRole('radio', { name: 'Theft (shrink)' }))
    await user.click(within(dialog).getByRole('button', { name: 'One more' }))
    await user.type(within(dialog).getByLabelText('Note (optional)'), 'Empty box on the shelf')
    await user.click(within(dialog).getByRole('button', { name: 'Report' }))
    expect(await within(dialog).findByText('Reported')).toBeInTheDocument()
    await waitFor(() => expect(calls(fetch, 'POST', '/api/stores/st-1/corrections')).toHaveLength(1))
    const [sent] = calls(fetch, 'POST', '/api/stores/st-1/corrections')
    expect(sent!.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      source: 'floor_report',
      reasonCode: 'theft',
      note: 'Empty box on the shelf',
      lines: [{ locationId: 'loc-floor', itemId: 'it-1', quantityDelta: -2 }],
    })
    expect(sent!.headers.get('Idempotency-Key')).toBe(sent!.body.id)
  })
})
