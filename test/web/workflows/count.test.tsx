import { act, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { apiError, json } from '../support/fake-api'
import { calls, scan, startApp } from './support'

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
  progress: { lines: 2, counted: 0, recount: 0 },
}
const line = (id: string, name: string, barcode: string, myEntered = 0) => ({
  locationId: 'loc-stock',
  locationKind: 'stockroom',
  locationName: 'Stockroom',
  item: { id, sku: `SKU-${id}`, name, category: 'Dairy', uom: 'pcs', barcodes: [barcode] },
  round: 1,
  recount: false,
  myEntered,
})

function start(entries: Array<{ status: number; body?: unknown }> = []) {
  let entered = 0
  const answers = [...entries]
  return startApp({
    path: '/stores/st-1/backroom/counts/c-1',
    api: {
      'GET /api/stores/st-1/counts/c-1/sheet': () =>
        json(200, { count, total: 2, lines: [line('it-1', 'Whole Milk 1 L', '4001234567890', entered), line('it-2', 'Butter 250 g', '4001234567891')] }),
      'POST /api/stores/st-1/counts/c-1/entries': ({ body }) => {
        const answer = answers.shift() ?? { status: 201 }
        if (answer.status === 201) entered += (body as { quantity: number }).quantity
        return answer.status === 201 ? json(201, { entry: { id: (body as { id: string }).id } }) : answer
      },
    },
  })
}

describe('blind count screen', () => {
  it('scan + quantity sends one entry with its client id as Idempotency-Key; only my own figure shows', async () => {
    const { fetch, user } = start()
    await screen.findByText('Whole Milk 1 L')
    expect(document.body.textContent).not.toMatch(/expected/i)
    act(() => scan('4001234567890'))
    const qty = await screen.findByLabelText('Quantity found (this time)')
    await user.type(qty, '7')
    await user.click(screen.getByRole('button', { name: 'Add' }))
    expect(await screen.findByText('7 × Whole Milk 1 L added.')).toBeInTheDocument()
    await waitFor(() => expect(calls(fetch, 'POST', '/api/stores/st-1/counts/c-1/entries')).toHaveLength(1))
    const [sent] = calls(fetch, 'POST', '/api/stores/st-1/counts/c-1/entries')
    expect(sent!.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), itemId: 'it-1', locationId: 'loc-stock', quantity: 7 })
    expect(sent!.headers.get('Idempotency-Key')).toBe(sent!.body.id)
    const row = (await screen.findAllByTestId('sheet-line')).find((r) => r.textContent?.includes('Whole Milk'))!
    await waitFor(() => expect(within(row).getByText('7')).toBeInTheDocument())
  })

  it('offline: the entry waits in the outbox, shows as waiting, and is sent once when the connection returns', async () => {
    const online = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false)
    const { fetch, user } = start()
    await screen.findByText('Butter 250 g')
    act(() => scan('4001234567891'))
    await user.type(await screen.findByLabelText('Quantity found (this time)'), '4')
    await user.click(screen.getByRole('button', { name: 'Add' }))
    expect(await screen.findByRole('button', { name: 'Offline · 1 waiting to sync' })).toBeInTheDocument()
    const row = screen.getAllByTestId('sheet-line').find((r) => r.textContent?.includes('Butter'))!
    expect(within(row).getByText('Waiting to sync')).toBeInTheDocument()
    expect(within(row).getByText('4')).toBeInTheDocument()
    expect(calls(fetch, 'POST', '/api/stores/st-1/counts/c-1/entries')).toHaveLength(0)

    online.mockReturnValue(true)
    act(() => void window.dispatchEvent(new Event('online')))
    await waitFor(() => expect(screen.queryByTestId('sync-status')).not.toBeInTheDocument())
    expect(calls(fetch, 'POST', '/api/stores/st-1/counts/c-1/entries')).toHaveLength(1)
  })

  it('a refused entry (4xx) is explained in words (by its code) and can be discarded', async () => {
    const { user } = start([apiError(409, 'RECOUNT_SAME_COUNTER', 'You counted this line the first time; a recount must be done by someone else')])
    await screen.findByText('Whole Milk 1 L')
    act(() => scan('4001234567890'))
    await user.type(await screen.findByLabelText('Quantity found (this time)'), '2')
    await user.click(screen.getByRole('button', { name: 'Add' }))
    await user.click(await screen.findByRole('button', { name: '1 failed' }))
    const dialog = screen.getByRole('dialog', { name: 'Waiting to sync' })
    expect(within(dialog).getByText('A recount must be done by someone who did not count the first time.')).toBeInTheDocument()
    await user.click(within(dialog).getByRole('button', { name: 'Discard' }))
    await waitFor(() => expect(screen.queryByTestId('outbox-row')).not.toBeInTheDocument())
  })

  it('an unknown code says so and opens nothing', async () => {
    start()
    await screen.findByText('Whole Milk 1 L')
    act(() => scan('4009999999993'))
    expect(await screen.findByText(/Unknown barcode 4009999999993/)).toBeInTheDocument()
    expect(screen.queryByLabelText('Quantity found (this time)')).not.toBeInTheDocument()
  })
})
