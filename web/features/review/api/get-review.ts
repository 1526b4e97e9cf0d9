import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query'
import type { ClientResponse } from 'hono/client'
import type { ReviewRow as ServerReviewRow } from '../../../../server/core/review/list-corrections'
import { type ApiClient, seg, unwrap, useApiClient } from '../../../lib/api-client'

/** One row of the review queue (GET /review/corrections). */
export type ReviewRow = ServerReviewRow
export type ReviewPage = { corrections: ReviewRow[]; nextCursor: string | null }

/** The queue's filters exactly as the API takes them (query strings): report drill-downs are a subset. */
export type ReviewParams = Record<string, string>

export const reviewKeys = {
  all: ['review'] as const,
  queue: (params: ReviewParams) => ['review', 'queue', params] as const,
}

type Json<T> = ClientResponse<T, 200, 'json'>
/**
 * The review routes as this client calls them. Typed by hand from the core's row type while the route
 * is being mounted in AppType; `hc` builds the same URL either way.
 */
type ReviewApi = {
  review: {
    corrections: {
      $get: (args: { query: ReviewParams }, opts?: { init?: RequestInit }) => Promise<Json<ReviewPage>>
      ':id': { escalate: { $post: (args: { param: { id: string }; json: { note?: string } }) => Promise<Json<{ id: string; escalatedAt: string }>> } }
    }
  }
}
const reviewApi = (api: ApiClient) => (api as unknown as ReviewApi).review

export const getReviewPage = (api: ApiClient, params: ReviewParams, signal?: AbortSignal) =>
  unwrap(reviewApi(api).corrections.$get({ query: params }, { init: { signal } }))

/** The queue across my stores, one page of 50 at a time (keyset cursor). */
export function useReviewQueue(params: ReviewParams) {
  const api = useApiClient()
  return useInfiniteQuery({
    queryKey: reviewKeys.queue(params),
    queryFn: ({ signal, pageParam }) => getReviewPage(api, pageParam ? { ...params, cursor: pageParam } : params, signal),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 5_000,
    refetchInterval: 60_000,
  })
}

/** Escalate an overdue pending correction to the region (an audit event; nothing else changes). */
export function useEscalate() {
  const api = useApiClient()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, note }: { id: string; note?: string }) =>
      unwrap(reviewApi(api).corrections[':id'].escalate.$post({ param: { id: seg(id) }, json: note ? { note } : {} })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: reviewKeys.all }),
  })
}
