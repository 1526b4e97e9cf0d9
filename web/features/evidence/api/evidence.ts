import { useQuery } from '@tanstack/react-query'
import type { InferResponseType } from 'hono/client'
import { type ApiClient, unwrap, useApiClient } from '../../../lib/api-client'

export type EvidenceReport = InferResponseType<ApiClient['evidence']['$get'], 200>
export type EvidenceParams = { from: string; to: string; regionId?: string; storeIds?: string }

const query = (p: EvidenceParams) => ({
  from: p.from,
  to: p.to,
  ...(p.regionId ? { regionId: p.regionId } : {}),
  ...(p.storeIds ? { storeIds: p.storeIds } : {}),
})

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
    queryFn: ({ signal }) => unwrap(api.evidence.$get({ query: query(p) }, { init: { signal } })),
    enabled: false,
    gcTime: 0,
  })
}
