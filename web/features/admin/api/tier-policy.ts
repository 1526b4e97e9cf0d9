import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { InferRequestType, InferResponseType } from 'hono/client'
import { type ApiClient, seg, unwrap, useApiClient } from '../../../lib/api-client'

export type TierPolicyInput = InferRequestType<ApiClient['tier-policy']['$put']>['json']
export type StoreTierPolicy = InferResponseType<ApiClient['stores'][':storeId']['tier-policy']['$get'], 200>
export type TierPolicyValues = StoreTierPolicy['effective']

const policyKey = (storeId: string) => ['stores', storeId, 'tier-policy'] as const

/**
 * The thresholds in force at a store and where they come from (its own row, the chain's, the
 * defaults), with the chain row beside it. The form starts from these — never from made-up numbers.
 */
export function useStoreTierPolicy(storeId: string) {
  const api = useApiClient()
  return useQuery({
    queryKey: policyKey(storeId),
    queryFn: ({ signal }) => unwrap(api.stores[':storeId']['tier-policy'].$get({ param: { storeId: seg(storeId) } }, { init: { signal } })),
  })
}

/** Sets the approval thresholds of one store (or, without a store, the chain's defaults). Admins only. */
export function useSetTierPolicy() {
  const api = useApiClient()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ storeId, policy }: { storeId: string | null; policy: TierPolicyInput }) =>
      storeId === null
        ? unwrap(api['tier-policy'].$put({ json: policy }))
        : unwrap(api.stores[':storeId']['tier-policy'].$put({ param: { storeId: seg(storeId) }, json: policy })),
    // A chain change may change what every store reads.
    onSuccess: () => queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'stores' && q.queryKey[2] === 'tier-policy' }),
  })
}

/** Removes the store's own thresholds: the chain's apply again. Admins only. */
export function useRemoveStoreTierPolicy(storeId: string) {
  const api = useApiClient()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => unwrap(api.stores[':storeId']['tier-policy'].$delete({ param: { storeId: seg(storeId) } })),
    onSuccess: (answer) => queryClient.setQueryData(policyKey(storeId), answer),
  })
}
