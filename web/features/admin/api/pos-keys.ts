import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { InferResponseType } from 'hono/client'
import { type ApiClient, seg, unwrap, useApiClient } from '../../../lib/api-client'

type Keys = ApiClient['stores'][':storeId']['pos-keys']
export type PosKey = InferResponseType<Keys['$get'], 200>['keys'][number]

const keysKey = (storeId: string) => ['stores', storeId, 'pos-keys'] as const

export function usePosKeys(storeId: string) {
  const api = useApiClient()
  return useQuery({
    queryKey: keysKey(storeId),
    queryFn: ({ signal }) => unwrap(api.stores[':storeId']['pos-keys'].$get({ param: { storeId: seg(storeId) } }, { init: { signal } })),
  })
}

/** Creates a till key; the secret is in this answer only (the server keeps a hash). */
export function useCreatePosKey(storeId: string) {
  const api = useApiClient()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (name: string) => unwrap(api.stores[':storeId']['pos-keys'].$post({ param: { storeId: seg(storeId) }, json: { name } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keysKey(storeId) }),
  })
}

export function useRevokePosKey(storeId: string) {
  const api = useApiClient()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (keyId: string) =>
      unwrap(api.stores[':storeId']['pos-keys'][':keyId'].revoke.$post({ param: { storeId: seg(storeId), keyId: seg(keyId) }, json: {} })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keysKey(storeId) }),
  })
}
