import { useMutation, useQueryClient } from '@tanstack/react-query'
import { seg, unwrap, useApiClient } from '../../../lib/api-client'
import { replenishmentKeys } from './keys'

export function useCancelRequest(storeId: string) {
  const api = useApiClient()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      unwrap(
        api.stores[':storeId'].replenishment.requests[':requestId'].cancel!.$post({
          param: { storeId: seg(storeId), requestId: seg(id) },
          json: { version },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: replenishmentKeys.all(storeId) }),
  })
}
