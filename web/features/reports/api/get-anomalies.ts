import { useQuery } from '@tanstack/react-query'
import type { ClientResponse } from 'hono/client'
import type { findAnomalies } from '../../../../server/core/anomalies/find-anomalies'
import { type ApiClient, unwrap, useApiClient } from '../../../lib/api-client'
import type { ReportParams } from './get-report'

/** Patterns worth a second look (GET /reports/anomalies), each with the corrections behind it. */
export type AnomalyReport = Awaited<ReturnType<typeof findAnomalies>>
export type Anomaly = AnomalyReport['anomalies'][number]

type AnomaliesApi = {
  reports: { anomalies: { $get: (args: { query: Record<string, string> }, opts?: { init?: RequestInit }) => Promise<ClientResponse<AnomalyReport, 200, 'json'>> } }
}
// Typed by hand from the core's return type while the route is mounted in AppType; `hc` builds the same URL.
const anomaliesApi = (api: ApiClient) => (api as unknown as AnomaliesApi).reports.anomalies

/** Anomalies look at single corrections: the API takes at most about six months. */
export const MAX_ANOMALY_DAYS = 186

export function useAnomalies(params: ReportParams, enabled: boolean) {
  const api = useApiClient()
  return useQuery({
    queryKey: ['reports', 'anomalies', params],
    queryFn: ({ signal }) => {
      const query: Record<string, string> = { from: params.from, to: params.to }
      if (params.storeIds) query.storeIds = params.storeIds
      return unwrap(anomaliesApi(api).$get({ query }, { init: { signal } }))
    },
    staleTime: 60_000,
    enabled,
  })
}
