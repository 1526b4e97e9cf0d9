import { useQuery } from '@tanstack/react-query'
import type { InferRequestType, InferResponseType } from 'hono/client'
import { type ApiClient, unwrap, useApiClient } from '../../../lib/api-client'

type Endpoint = ApiClient['reports']['corrections']['$get']
/** The correction report for a period (GET /reports/corrections): figures plus a drill-down per figure. */
export type CorrectionReport = InferResponseType<Endpoint, 200>
type ReportQuery = InferRequestType<Endpoint>['query']
export type Figures = CorrectionReport['totals']
export type Drill = Record<string, string>

export type ReportParams = { from: string; to: string; storeIds?: string; regionId?: string }

export const reportKeys = {
  all: ['reports'] as const,
  corrections: (params: ReportParams) => ['reports', 'corrections', params] as const,
}

export const getCorrectionReport = (api: ApiClient, params: ReportParams, signal?: AbortSignal) => {
  const query: ReportQuery = { from: params.from, to: params.to, topItems: '10' }
  if (params.storeIds) query.storeIds = params.storeIds
  if (params.regionId) query.regionId = params.regionId
  return unwrap(api.reports.corrections.$get({ query }, { init: { signal } }))
}

export function useCorrectionReport(params: ReportParams) {
  const api = useApiClient()
  return useQuery({
    queryKey: reportKeys.corrections(params),
    queryFn: ({ signal }) => getCorrectionReport(api, params, signal),
    staleTime: 60_000,
  })
}
