import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type ApiClient, seg, unwrap, useApiClient } from '../../../lib/api-client'
import { itemKeysAll } from './item-keys'
import { replenishmentKeys } from './keys'

export type RefillInput = { id: string; itemId: string; quantity?: number; note?: string }

/** The id is made when the form opens: pressing "request" again after a lost answer asks once. */
export const requestRefill = (api: ApiClient, storeId: string, input: RefillInput) =>
  unwrap(api.stores[':storeId'].replenishment.requests.$post({ param: { storeId: seg(storeId) }, json: input }))

export function useRequestRefill(storeId: string) {
  const api = useApiClient()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: RefillInput) => requestRefill(api, storeId, input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: replenishmentKeys.all(storeId) })
      void queryClient.invalidateQueries({ queryKey: itemKeysAll(storeId) })
    },
  })
}
