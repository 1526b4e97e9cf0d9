import { useQuery } from '@tanstack/react-query'
import type { InferResponseType } from 'hono/client'
import { type ApiClient, seg, unwrap, useApiClient } from '../../../lib/api-client'
import { correctionKeys, type CorrectionFilters } from './keys'

type Endpoint = ApiClient['stores'][':storeId']['corrections']
export type CorrectionListItem = InferResponseType<Endpoint['$get'], 200>['corrections'][number]

export const getCorrections = (api: ApiClient, storeId: string, filters: CorrectionFilters, signal?: AbortSignal) =>
  unwrap(
    api.stores[':storeId'].corrections.$get(
      {
        param: { storeId: seg(storeId) },
        query: { ...(filters.status ? { status: filters.status } : {}), ...(filters.mine ? { mine: 'true' as const } : {}), limit: '200' },
      },
      { init: { signal } },
    ),
  )

/** A store's corrections, newest first; each carries the server's verdict on whether I may release it. */
export function useCorrections(storeId: string, filters: CorrectionFilters) {
  const api = useApiClient()
  return useQuery({
    queryKey: correctionKeys.list(storeId, filters),
    queryFn: ({ signal }) => getCorrections(api, storeId, filters, signal),
    // The age column and the queue itself move on while the screen is open.
    refetchInterval: 60_000,
    staleTime: 5_000,
  })
}
