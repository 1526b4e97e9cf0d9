import { useQuery } from '@tanstack/react-query'
import type { InferResponseType } from 'hono/client'
import { uuidv7 } from 'uuidv7'
import { type ApiClient, seg, unwrap, useApiClient } from '../../../lib/api-client'
import { rememberItems } from '../../../lib/known-items'
import { useEnqueue } from '../../../lib/outbox-react'

type Counts = ApiClient['stores'][':storeId']['counts']
export type Count = InferResponseType<Counts['$get'], 200>['counts'][number]
export type Sheet = InferResponseType<Counts[':countId']['sheet']['$get'], 200>
export type SheetLine = Sheet['lines'][number]

export const countKeys = {
  all: (storeId: string) => ['stores', storeId, 'counts'] as const,
  active: (storeId: string) => ['stores', storeId, 'counts', 'active'] as const,
  sheet: (storeId: string, countId: string) => ['stores', storeId, 'counts', 'id', countId, 'sheet'] as const,
}

/** Counts to work on (open, or waiting for a recount), with their progress — never expected figures. */
export function useActiveCounts(storeId: string) {
  const api = useApiClient()
  return useQuery({
    queryKey: countKeys.active(storeId),
    queryFn: ({ signal }) =>
      unwrap(api.stores[':storeId'].counts.$get({ param: { storeId: seg(storeId) }, query: { status: 'active', limit: '50' } }, { init: { signal } })),
    refetchInterval: 30_000,
    select: (d) => d.counts,
  })
}

/** The blind sheet (what to count where, and what I entered), refreshed so recount requests show up. */
export function useCountSheet(storeId: string, countId: string) {
  const api = useApiClient()
  return useQuery({
    queryKey: countKeys.sheet(storeId, countId),
    queryFn: async ({ signal }) => {
      const sheet = await unwrap(
        api.stores[':storeId'].counts[':countId'].sheet.$get(
          { param: { storeId: seg(storeId), countId: seg(countId) }, query: { limit: '1000' } },
          { init: { signal } },
        ),
      )
      // The sheet's items (with barcodes) become scannable offline elsewhere too (corrections).
      rememberItems(sheet.lines.map((l) => ({ id: l.item.id, sku: l.item.sku, name: l.item.name, barcodes: l.item.barcodes })))
      return sheet
    },
    refetchInterval: 15_000,
  })
}

/** One entry ("I found n here"), through the outbox; entries add up across devices and people. */
export function useCountEntry(storeId: string, countId: string) {
  const enqueue = useEnqueue()
  return (line: { locationId: string; item: { id: string; name: string } }, quantity: number) => {
    const id = uuidv7()
    return enqueue({
      id,
      kind: 'count.entry',
      storeId,
      request: {
        method: 'POST',
        path: `/stores/${seg(storeId)}/counts/${seg(countId)}/entries`,
        body: { id, itemId: line.item.id, locationId: line.locationId, quantity },
      },
      meta: { countId, locationId: line.locationId, itemId: line.item.id, name: line.item.name, quantity },
      invalidate: [[...countKeys.sheet(storeId, countId)], [...countKeys.active(storeId)]],
    })
  }
}
