import { useQuery } from '@tanstack/react-query'
import type { InferRequestType, InferResponseType } from 'hono/client'
import { type ApiClient, unwrap, useApiClient } from '../../../lib/api-client'
import type { ReportParams } from './get-report'

type Endpoint = ApiClient['reports']['anomalies']['$get']
/** Patterns worth a second look (GET /reports/anomalies), each with the corrections behind it. */
export type AnomalyReport = InferResponseType<Endpoint, 200>
export type Anomaly = AnomalyReport['anomalies'][number]
type AnomalyQuery = InferRequestType<Endpoint>['query']

/** Anomalies look at single corrections: the API takes at most about six months. */
export const MAX_ANOMALY_DAYS = 186

export function useAnomalies(params: ReportParams, enabled: boolean) {
  const api = useApiClient()
  return useQuery({
    queryKey: ['reports', 'anomalies', params],
    queryFn: ({ signal }) => {
      const query: AnomalyQuery = { from: params.from, to: params.to }
      if (params.storeIds) query.storeIds = params.storeIds
      if (params.regionId) query.regionId = params.regionId
      return unwrap(api.reports.anomalies.$get({ query }, { init: { signal } }))
    },
    staleTime: 60_000,
    enabled,
  })
}
