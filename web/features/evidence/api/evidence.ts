import { useQuery } from '@tanstack/react-query'
import type { ClientResponse } from 'hono/client'
import type { EvidenceReport } from '../../../../server/core/evidence/build-evidence'
import { type ApiClient, unwrap, useApiClient } from '../../../lib/api-client'

export type { EvidenceReport }
export type EvidenceParams = { from: string; to: string; storeIds?: string }

type EvidenceApi = {
  evidence: { $get: (args: { query: Record<string, string> }, opts?: { init?: RequestInit }) => Promise<ClientResponse<EvidenceReport, 200, 'json'>> }
}
// Typed by hand from the core's type (the route is being added to AppType alongside); same URL either way.
const evidenceApi = (api: ApiClient) => (api as unknown as EvidenceApi).evidence

const query = (p: EvidenceParams): Record<string, string> => ({ from: p.from, to: p.to, ...(p.storeIds ? { storeIds: p.storeIds } : {}) })

/** Where the browser downloads the CSV and opens the printable report (both record an export event). */
export const evidenceLinks = (p: EvidenceParams) => {
  const q = new URLSearchParams(query(p)).toString()
  return { csv: `/api/evidence/corrections.csv?${q}`, html: `/api/evidence/report.html?${q}` }
}

/**
 * The segregation-of-duties summary and chain check for a period. Fetched only when asked: every
 * export is itself recorded in the audit trail.
 */
export function useEvidence(p: EvidenceParams) {
  const api = useApiClient()
  return useQuery({
    queryKey: ['evidence', p],
    queryFn: ({ signal }) => unwrap(evidenceApi(api).$get({ query: query(p) }, { init: { signal } })),
    enabled: false,
    gcTime: 0,
  })
}
