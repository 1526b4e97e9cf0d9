import { useMutation } from '@tanstack/react-query'
import type { InferRequestType } from 'hono/client'
import { type ApiClient, seg, unwrap, useApiClient } from '../../../lib/api-client'

export type TierPolicyInput = InferRequestType<ApiClient['tier-policy']['$put']>['json']

/** Sets the approval thresholds of one store (or, without a store, the chain's defaults). Admins only. */
export function useSetTierPolicy() {
  const api = useApiClient()
  return useMutation({
    mutationFn: ({ storeId, policy }: { storeId: string | null; policy: TierPolicyInput }) =>
      storeId === null
        ? unwrap(api['tier-policy'].$put({ json: policy }))
        : unwrap(api.stores[':storeId']['tier-policy'].$put({ param: { storeId: seg(storeId) }, json: policy })),
  })
}
