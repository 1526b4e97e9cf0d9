import { useQuery } from '@tanstack/react-query'
import type { InferResponseType } from 'hono/client'
import { type ApiClient, seg, unwrap, useApiClient } from '../../../lib/api-client'
import { correctionEntryKeys } from './keys'

export type MyCorrection = InferResponseType<ApiClient['stores'][':storeId']['corrections']['$get'], 200>['corrections'][number]

/** The corrections I entered, newest first, with their state (pending → confirmed / rejected). */
export function useMyCorrections(storeId: string) {
  const api = useApiClient()
  return useQuery({
    queryKey: correctionEntryKeys.mine(storeId),
    queryFn: ({ signal }) =>
      unwrap(api.stores[':storeId'].corrections.$get({ param: { storeId: seg(storeId) }, query: { mine: 'true', limit: '50' } }, { init: { signal } })),
    refetchInterval: 30_000,
    select: (d) => d.corrections,
  })
}
