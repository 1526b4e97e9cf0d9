import { useMutation, useQueryClient } from '@tanstack/react-query'
import { seg, unwrap, useApiClient } from '../../../lib/api-client'
import { invalidateAfterDecision } from './decide-correction'

/** The enterer withdraws their own pending correction (to change it, they enter a new one). */
export function useWithdrawCorrection(storeId: string, id: string) {
  const api = useApiClient()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (version: number) =>
      unwrap(api.stores[':storeId'].corrections[':id'].cancel.$post({ param: { storeId: seg(storeId), id: seg(id) }, json: { version } })),
    onSettled: () => invalidateAfterDecision(queryClient, storeId),
  })
}
