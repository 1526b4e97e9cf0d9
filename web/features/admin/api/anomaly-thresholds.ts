import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { InferRequestType, InferResponseType } from 'hono/client'
import { type ApiClient, unwrap, useApiClient } from '../../../lib/api-client'

type Endpoint = ApiClient['admin']['anomaly-thresholds']
export type AnomalyThresholdSettings = InferResponseType<Endpoint['$get'], 200>
export type AnomalyThresholdInput = InferRequestType<Endpoint['$put']>['json']

const thresholdsKey = ['admin', 'anomaly-thresholds'] as const

/** The chain's anomaly thresholds: what applies, which are the chain's own, and the defaults. */
export function useAnomalyThresholds() {
  const api = useApiClient()
  return useQuery({
    queryKey: thresholdsKey,
    queryFn: ({ signal }) => unwrap(api.admin['anomaly-thresholds'].$get({}, { init: { signal } })),
  })
}

/** What changed here changes every anomaly report, so those are refetched too. */
function useOnChanged() {
  const queryClient = useQueryClient()
  return (answer: AnomalyThresholdSettings) => {
    queryClient.setQueryData(thresholdsKey, answer)
    void queryClient.invalidateQueries({ queryKey: ['reports', 'anomalies'] })
  }
}

/** Stores the chain's thresholds (replacing the stored ones; a threshold left out follows its default). Admins only. */
export function useSetAnomalyThresholds() {
  const api = useApiClient()
  const onChanged = useOnChanged()
  return useMutation({
    mutationFn: (thresholds: AnomalyThresholdInput) => unwrap(api.admin['anomaly-thresholds'].$put({ json: thresholds })),
    onSuccess: onChanged,
  })
}

/** Back to the built-in defaults. Admins only. */
export function useResetAnomalyThresholds() {
  const api = useApiClient()
  const onChanged = useOnChanged()
  return useMutation({
    mutationFn: () => unwrap(api.admin['anomaly-thresholds'].$delete()),
    onSuccess: onChanged,
  })
}
