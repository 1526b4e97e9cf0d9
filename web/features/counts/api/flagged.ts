import { useQuery } from '@tanstack/react-query'
import type { InferResponseType } from 'hono/client'
import { type ApiClient, seg, unwrap, useApiClient } from '../../../lib/api-client'

type Counts = ApiClient['stores'][':storeId']['counts']
export type FlaggedItems = InferResponseType<Counts['flagged-items']['$get'], 200>
export type FlaggedItem = FlaggedItems['items'][number]
export type FlagReason = FlaggedItem['reasons'][number]

/** What a flagged count would cover now, and why each item is flagged (for planning a count). */
export function useFlaggedItems(storeId: string, enabled = true) {
  const api = useApiClient()
  return useQuery({
    queryKey: ['stores', storeId, 'counts', 'flagged-items'] as const,
    queryFn: ({ signal }) => unwrap(api.stores[':storeId'].counts['flagged-items'].$get({ param: { storeId: seg(storeId) } }, { init: { signal } })),
    enabled,
  })
}
