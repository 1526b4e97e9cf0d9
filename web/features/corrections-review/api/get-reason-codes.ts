import { useQuery } from '@tanstack/react-query'
import type { InferResponseType } from 'hono/client'
import { type ApiClient, seg, unwrap, useApiClient } from '../../../lib/api-client'
import { correctionKeys } from './keys'

type Endpoint = ApiClient['stores'][':storeId']['reason-codes']
export type ReasonCode = InferResponseType<Endpoint['$get'], 200>['reasonCodes'][number]

export const getReasonCodes = (api: ApiClient, storeId: string, signal?: AbortSignal) =>
  unwrap(api.stores[':storeId']['reason-codes'].$get({ param: { storeId: seg(storeId) } }, { init: { signal } }))

/** Reason codes change rarely (an administrator edits them): cached for the session. */
export function useReasonCodes(storeId: string, enabled = true) {
  const api = useApiClient()
  return useQuery({
    queryKey: correctionKeys.reasonCodes(storeId),
    queryFn: ({ signal }) => getReasonCodes(api, storeId, signal),
    staleTime: 10 * 60_000,
    enabled,
  })
}
