import { useQuery } from '@tanstack/react-query'
import type { InferResponseType } from 'hono/client'
import { type ApiClient, seg, unwrap, useApiClient } from '../../../lib/api-client'
import { correctionKeys } from './keys'

type Endpoint = ApiClient['stores'][':storeId']['corrections'][':id']
export type CorrectionDetail = InferResponseType<Endpoint['$get'], 200>
export type CorrectionLine = CorrectionDetail['lines'][number]
export type CorrectionEvent = CorrectionDetail['history'][number]

export const getCorrection = (api: ApiClient, storeId: string, id: string, signal?: AbortSignal) =>
  unwrap(api.stores[':storeId'].corrections[':id'].$get({ param: { storeId: seg(storeId), id: seg(id) } }, { init: { signal } }))

/** One correction with lines, movements, audit history and the verdict for the signed-in person. */
export function useCorrection(storeId: string, id: string) {
  const api = useApiClient()
  return useQuery({
    queryKey: correctionKeys.detail(storeId, id),
    queryFn: ({ signal }) => getCorrection(api, storeId, id, signal),
    staleTime: 0,
  })
}
