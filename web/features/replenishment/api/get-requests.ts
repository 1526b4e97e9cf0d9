import { useQuery } from '@tanstack/react-query'
import { type ApiClient, seg, unwrap, useApiClient } from '../../../lib/api-client'
import { replenishmentKeys } from './keys'

export const getMyRequests = (api: ApiClient, storeId: string, signal?: AbortSignal) =>
  unwrap(
    api.stores[':storeId'].replenishment.requests.$get({ param: { storeId: seg(storeId) }, query: { mine: 'true', limit: '30' } }, { init: { signal } }),
  )

/** My requests, newest first, kept live: polled while the screen is open and refetched on focus. */
export function useMyRequests(storeId: string, pollMs = 15_000) {
  const api = useApiClient()
  return useQuery({
    queryKey: replenishmentKeys.mine(storeId),
    queryFn: ({ signal }) => getMyRequests(api, storeId, signal),
    refetchInterval: pollMs,
    refetchOnWindowFocus: 'always',
    select: (data) => data.requests,
  })
}
