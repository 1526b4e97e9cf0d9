import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { routes } from '../../../web/app/router'
import { apiError, fakeFetch, json, me, store } from '../support/fake-api'
import { renderRoutes } from '../support/render'

const managerMe = me({
  user: { id: 'u-mgr', name: 'Sabine Krüger', employeeNo: 'E1004', locale: 'en' },
  stores: [store({ roles: ['store_manager'], actions: ['item.read', 'movement.read', 'count.read', 'count.manage', 'count.review', 'delivery.read'] })],
})

const flagged = {
  items: [
    { item: { id: 'it-milk', sku: 'SKU-0001', name: 'Whole Milk 1 L', category: 'Dairy' }, reasons: [{ kind: 'high_shrink', writeOffUnits: 12, writeOffValue: 1068, days: 30, since: '2026-10-28' }] },
    {
      item: { id: 'it-tv', sku: 'SKU-0005', name: 'Television 55 inch', category: 'Electronics' },
      reasons: [
        { kind: 'count_flag', flag: 'negative_floor', flaggedAt: '2026-11-26T09:30:00.000Z' },
        { kind: 'high_shrink', writeOffUnits: 1, writeOffValue: 39900, days: 30, since: '2026-10-28' },
      ],
    },
  ],
  shrinkPolicy: { days: 30, units: 10, value: 10000 },
}

function start() {
  const fetch = fakeFetch({
    'GET /api/me': json(200, managerMe),
    'GET /api/stores/st-1/counts': json(200, { counts: [] }),
    'GET /api/stores/st-1/deliveries': json(200, { deliveries: [] }),
    'GET /api/stores/st-1/counts/flagged-items': json(200, flagged),
    'POST /api/stores/st-1/counts': apiError(409, 'COUNT_OVERLAP', 'SKU-0005 in floor is already on open count c-1', {
      overlaps: [{ locationId: 'st-1-floor', locationKind: 'floor', itemId: 'it-tv', sku: 'SKU-0005', name: 'Television 55 inch', blockedBy: { type: 'count', id: 'c-1' } }],
      truncated: false,
      counts: ['c-1'],
      corrections: [],
    }),
  })
  const user = userEvent.setup()
  return { ...renderRoutes(routes, { fetch, path: '/stores/st-1/office/stock' }), fetch, user }
}

describe('planning a flagged count', () => {
  it('shows what a flagged count covers and why each item is flagged; an overlap names the blocked items', async () => {
    const { user } = start()
    await user.click(await screen.findByRole('button', { name: 'Plan a count' }))
    const dialog = screen.getByRole('dialog')
    await user.selectOptions(within(dialog).getByLabelText('Kind of count'), 'flagged')
    const preview = await within(dialog).findByTestId('flagged-preview')
    expect(within(preview).getByText('2 items flagged for a count')).toBeInTheDocument()
    const rows = within(preview).getAllByTestId('flagged-item')
    expect(rows[0]).toHaveTextContent('Whole Milk 1 L')
    expect(rows[0]).toHaveTextContent(/high shrink: 12 units \(€10\.68\) written off in 30 days/)
    expect(rows[1]).toHaveTextContent(/floor stock went below zero · high shrink: 1 unit \(€399\.00\)/)
    expect(within(preview).getByText(/more than 10 units or more than €100\.00 of confirmed write-offs in the last 30 days/)).toBeInTheDocument()

    await user.click(within(dialog).getByRole('button', { name: 'Open count' }))
    const overlaps = await within(dialog).findByTestId('count-overlaps')
    expect(overlaps).toHaveTextContent('SKU-0005 Television 55 inch (Floor) is on another open count.')
    await waitFor(() => expect(within(dialog).getByText(/already on another open count, or the correction from their last count waits/)).toBeInTheDocument())
  })
})
