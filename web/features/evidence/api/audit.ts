import { useQuery } from '@tanstack/react-query'
import type { InferResponseType } from 'hono/client'
import { type ApiClient, unwrap, useApiClient } from '../../../lib/api-client'

export type Verification = InferResponseType<ApiClient['audit']['verify']['$get'], 200>

/**
 * Recomputes the audit hash chain on the server; with an anchor exported earlier (`seq:hash`) a
 * removed tail is detected too. Runs when asked (it reads every event).
 */
export function useVerifyChain(anchor: string | null) {
  const api = useApiClient()
  return useQuery({
    queryKey: ['audit', 'verify', anchor],
    queryFn: ({ signal }) => unwrap(api.audit.verify.$get({ query: anchor ? { anchor } : {} }, { init: { signal } })),
    enabled: false,
    staleTime: 0,
    gcTime: 0,
  })
}
