import { useQuery } from '@tanstack/react-query'
import type { ClientResponse } from 'hono/client'
import type { correctionReport } from '../../../../server/core/reports/correction-report'
import { type ApiClient, unwrap, useApiClient } from '../../../lib/api-client'

/** The correction report for a period (GET /reports/corrections): figures plus a drill-down per figure. */
export type CorrectionReport = Awaited<ReturnType<typeof correctionReport>>
export type Figures = CorrectionReport['totals']
export type Drill = Record<string, string>

export type ReportParams = { from: string; to: string; storeIds?: string; regionId?: string }

export const reportKeys = {
  all: ['reports'] as const,
  corrections: (params: ReportParams) => ['reports', 'corrections', params] as const,
}

type ReportsApi = {
  reports: { corrections: { $get: (args: { query: Record<string, string> }, opts?: { init?: RequestInit }) => Promise<ClientResponse<CorrectionReport, 200, 'json'>> } }
}
// Typed by hand from the core's return type while the route is mounted in AppType; `hc` builds the same URL.
const reportsApi = (api: ApiClient) => (api as unknown as ReportsApi).reports

export const getCorrectionReport = (api: ApiClient, params: ReportParams, signal?: AbortSignal) => {
  const query: Record<string, string> = { from: params.from, to: params.to, topItems: '10' }
  if (params.storeIds) query.storeIds = params.storeIds
  if (params.regionId) query.regionId = params.regionId
  return unwrap(reportsApi(api).corrections.$get({ query }, { init: { signal } }))
}

export function useCorrectionReport(params: ReportParams) {
  const api = useApiClient()
  return useQuery({
    queryKey: reportKeys.corrections(params),
    queryFn: ({ signal }) => getCorrectionReport(api, params, signal),
    staleTime: 60_000,
  })
}
