import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { type ApiClient, seg, unwrap, useApiClient } from '../../../lib/api-client'
import { correctionKeys } from './keys'

/** Fresh proof of who decides: typed on this tablet, sent with the decision, never stored. */
export type Credentials = { employeeNo: string; pin: string } | { employeeNo: string; password: string }

export type DecisionInput =
  | { kind: 'confirm'; version: number; credentials: Credentials }
  | { kind: 'reject'; version: number; reason: string; credentials: Credentials }

export function decideCorrection(api: ApiClient, storeId: string, id: string, input: DecisionInput) {
  const param = { storeId: seg(storeId), id: seg(id) }
  const endpoint = api.stores[':storeId'].corrections[':id']
  return input.kind === 'confirm'
    ? unwrap(endpoint.confirm.$post({ param, json: { version: input.version, credentials: input.credentials } }))
    : unwrap(endpoint.reject.$post({ param, json: { version: input.version, reason: input.reason, credentials: input.credentials } }))
}

/** What a decision changes: this store's corrections, the regional queue, the reports and stock figures. */
export function invalidateAfterDecision(queryClient: QueryClient, storeId: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: correctionKeys.all(storeId) }),
    queryClient.invalidateQueries({ queryKey: ['review'] }),
    queryClient.invalidateQueries({ queryKey: ['reports'] }),
    queryClient.invalidateQueries({ queryKey: ['stores', storeId, 'items'] }),
  ])
}

/**
 * Confirm or reject one correction with the decider's credentials in the request (the corrections
 * API re-checks four eyes, tier and version inside its transaction). Failures come back as ApiError.
 */
export function useDecideCorrection(storeId: string, id: string) {
  const api = useApiClient()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: DecisionInput) => decideCorrection(api, storeId, id, input),
    onSettled: () => invalidateAfterDecision(queryClient, storeId),
  })
}
