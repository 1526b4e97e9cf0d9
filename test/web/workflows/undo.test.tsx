import { act, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { apiError, json } from '../support/fake-api'
import { calls, scan, startApp } from './support'

/** Undoing a mis-scan or a typo: "−1", "Correct quantity…" and "Undo" send negative writes through the outbox. */

const milkItem = { id: 'it-1', sku: 'SKU-0001', name: 'Whole Milk 1 L', category: 'Dairy' }

const delivery = {
  id: 'd-1',
  storeId: 'st-1',
  supplier: 'Nordmilch eG',
  reference: 'LS-1',
  status: 'receiving',
  expectedAt: null,
  createdBy: 'u-9',
  createdAt: '2025-01-10T06:00:00Z',
  closedBy: null,
  closedAt: null,
  version: 3,
  lines: [{ item: milkItem, expectedQty: 10, receivedQty: 100, damagedQty: 0, remainingQty: 0, state: 'over' }],
  totals: { expected: 10, received: 100, damaged: 0 },
  discrepancies: [],
}

const transfer = {
  id: 't-1',
  fromStore: { id: 'st-2', code: 'S002', name: 'Berlin Kreuzberg' },
  toStore: { id: 'st-1', code: 'S001', name: 'Hamburg' },
  direction: 'incoming',
  status: 'shipped',
  note: null,
  createdBy: 'u-9',
  createdAt: '2025-01-10T06:00:00Z',
  shippedBy: 'u-9',
  shippedAt: '2025-01-10T07:00:00Z',
  receivedBy: null,
  receivedAt: null,
  correctionId: null,
  version: 2,
  totals: { quantity: 6, received: 7, lines: 1 },
  lines: [{ item: milkItem, quantity: 6, receivedQty: 7, state: 'over' }],
}

const count = {
  id: 'c-1',
  storeId: 'st-1',
  kind: 'cycle',
  status: 'open',
  location: { id: 'loc-stock', kind: 'stockroom', name: 'Stockroom' },
  note: null,
  createdBy: 'u-9',
  createdAt: '2025-01-10T08:00:00Z',
  submittedBy: null,
  submittedAt: null,
  correctionId: null,
  version: 1,
  progress: { lines: 1, counted: 0, recount: 0 },
}

/** Touch targets: the buttons carry the app's .btn class (min-height 48 px in styles.css; jsdom does no layout). */
const isTouchButton = (el: HTMLElement) => el.tagName === 'BUTTON' && el.classList.contains('btn')

describe('undo on the receiving screen', () => {
  const start = () =>
    startApp({
      path: '/stores/st-1/backroom/receiving/d-1',
      api: {
        'GET /api/stores/st-1/deliveries/d-1': json(200, { delivery }),
        'POST /api/stores/st-1/deliveries/d-1/scans': ({ body }) => json(201, { scan: body, line: delivery.lines[0] }),
      },
    })

  it('"−1" takes one back with its own scan id; "Correct quantity…" sends the difference (100 → 10: -90)', async () => {
    const { fetch, user } = start()
    const row = await screen.findByTestId('delivery-line')
    const minus = within(row).getByRole('button', { name: 'Take back 1 × Whole Milk 1 L' })
    expect(isTouchButton(minus)).toBe(true)
    await user.click(minus)
    await waitFor(() => expect(calls(fetch, 'POST', '/api/stores/st-1/deliveries/d-1/scans')).toHaveLength(1))
    const [first] = calls(fetch, 'POST', '/api/stores/st-1/deliveries/d-1/scans')
    expect(first!.body).toEqual({ id: first!.headers.get('Idempotency-Key'), itemId: 'it-1', quantity: -1, damaged: false })

    await user.click(within(row).getByRole('button', { name: 'Correct quantity of Whole Milk 1 L' }))
    const dialog = screen.getByRole('dialog', { name: 'Correct quantity: Whole Milk 1 L' })
    const field = within(dialog).getByLabelText('Correct received quantity')
    await user.clear(field)
    await user.type(field, '10')
    await user.click(within(dialog).getByRole('button', { name: 'Set to 10' }))
    await waitFor(() => expect(calls(fetch, 'POST', '/api/stores/st-1/deliveries/d-1/scans')).toHaveLength(2))
    const second = calls(fetch, 'POST', '/api/stores/st-1/deliveries/d-1/scans')[1]!
    expect(second.body).toMatchObject({ itemId: 'it-1', quantity: -90, damaged: false })
    expect(second.body.id).not.toBe(first!.body.id)
  })

  it('a take-back the server refuses (BELOW_ZERO) is explained in words in the outbox', async () => {
    const { user } = startApp({
      path: '/stores/st-1/backroom/receiving/d-1',
      api: {
        'GET /api/stores/st-1/deliveries/d-1': json(200, { delivery }),
        'POST /api/stores/st-1/deliveries/d-1/scans': apiError(409, 'BELOW_ZERO', 'This would take the received units below zero'),
      },
    })
    const row = await screen.findByTestId('delivery-line')
    await user.click(within(row).getByRole('button', { name: 'Take back 1 × Whole Milk 1 L' }))
    await user.click(await screen.findByRole('button', { name: '1 failed' }))
    const dialog = screen.getByRole('dialog', { name: 'Waiting to sync' })
    expect(within(dialog).getByText(/You can take back at most what was scanned/)).toBeInTheDocument()
  })
})

describe('undo on the transfer receipt', () => {
  it('"−1" sends a negative scan through the outbox', async () => {
    const { fetch, user } = startApp({
      path: '/stores/st-1/backroom/transfers/t-1',
      api: {
        'GET /api/stores/st-1/transfers/t-1': json(200, { transfer }),
        'POST /api/stores/st-1/transfers/t-1/scans': ({ body }) => json(201, { scan: body, line: transfer.lines[0] }),
      },
    })
    const minus = await screen.findByRole('button', { name: 'Take back 1 × Whole Milk 1 L' })
    expect(isTouchButton(minus)).toBe(true)
    expect(isTouchButton(screen.getByRole('button', { name: 'Correct quantity of Whole Milk 1 L' }))).toBe(true)
    await user.click(minus)
    await waitFor(() => expect(calls(fetch, 'POST', '/api/stores/st-1/transfers/t-1/scans')).toHaveLength(1))
    const [sent] = calls(fetch, 'POST', '/api/stores/st-1/transfers/t-1/scans')
    expect(sent!.body).toEqual({ id: sent!.headers.get('Idempotency-Key'), itemId: 'it-1', quantity: -1 })
  })
})

describe('undo on the blind count', () => {
  const line = (myEntered: number) => ({
    locationId: 'loc-stock',
    locationKind: 'stockroom',
    locationName: 'Stockroom',
    item: { ...milkItem, uom: 'pcs', barcodes: ['4001234567890'] },
    round: 1,
    recount: false,
    myEntered,
  })
  const start = () => {
    let entered = 0
    return startApp({
      path: '/stores/st-1/backroom/counts/c-1',
      api: {
        'GET /api/stores/st-1/counts/c-1/sheet': () => json(200, { count, total: 1, lines: [line(entered)] }),
        'POST /api/stores/st-1/counts/c-1/entries': ({ body }) => {
          entered += (body as { quantity: number }).quantity
          return json(201, { entry: { id: (body as { id: string }).id } })
        },
      },
    })
  }

  it('"Undo" on the last entry sends the same quantity negative; "Correct quantity…" sets my own total', async () => {
    const { fetch, user } = start()
    await screen.findByText('Whole Milk 1 L')
    act(() => scan('4001234567890'))
    await user.type(await screen.findByLabelText('Quantity found (this time)'), '100')
    await user.click(screen.getByRole('button', { name: 'Add' }))
    const undo = await screen.findByRole('button', { name: 'Undo: take back 100 × Whole Milk 1 L' })
    expect(isTouchButton(undo)).toBe(true)
    await user.click(undo)
    expect(await screen.findByText('100 × Whole Milk 1 L taken back.')).toBeInTheDocument()
    await waitFor(() => expect(calls(fetch, 'POST', '/api/stores/st-1/counts/c-1/entries')).toHaveLength(2))
    const [added, undone] = calls(fetch, 'POST', '/api/stores/st-1/counts/c-1/entries')
    expect(added!.body).toMatchObject({ itemId: 'it-1', locationId: 'loc-stock', quantity: 100 })
    expect(undone!.body).toMatchObject({ itemId: 'it-1', locationId: 'loc-stock', quantity: -100 })
    expect(undone!.body.id).not.toBe(added!.body.id)
    expect(document.body.textContent).not.toMatch(/expected/i)

    // the counter enters 12 and corrects it to 10
    act(() => scan('4001234567890'))
    await user.type(await screen.findByLabelText('Quantity found (this time)'), '12')
    await user.click(screen.getByRole('button', { name: 'Add' }))
    await waitFor(() => expect(calls(fetch, 'POST', '/api/stores/st-1/counts/c-1/entries')).toHaveLength(3))
    await user.click(screen.getByTestId('sheet-line'))
    await waitFor(() => expect(screen.getByTestId('entry-mine')).toHaveTextContent('12'))
    await user.click(screen.getByRole('button', { name: 'Correct quantity of Whole Milk 1 L' }))
    const dialog = screen.getByRole('dialog', { name: 'Correct quantity: Whole Milk 1 L' })
    const field = within(dialog).getByLabelText('Your correct total here')
    await user.clear(field)
    await user.type(field, '10')
    await user.click(within(dialog).getByRole('button', { name: 'Set to 10' }))
    await waitFor(() => expect(calls(fetch, 'POST', '/api/stores/st-1/counts/c-1/entries')).toHaveLength(4))
    expect(calls(fetch, 'POST', '/api/stores/st-1/counts/c-1/entries')[3]!.body).toMatchObject({ quantity: -2 })
  })
})
