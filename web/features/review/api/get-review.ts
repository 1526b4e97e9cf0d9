import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query'
import type { InferRequestType, InferResponseType } from 'hono/client'
import { type ApiClient, seg, unwrap, useApiClient } from '../../../lib/api-client'

type Queue = ApiClient['review']['corrections']
export type ReviewPage = InferResponseType<Queue['$get'], 200>
/** One row of the review queue (GET /review/corrections). */
export type ReviewRow = ReviewPage['corrections'][number]
type ReviewQuery = InferRequestType<Queue['$get']>['query']

/** The queue's filters exactly as the API takes them (query strings): report drill-downs are a subset. */
export type ReviewParams = Record<string, string>

export const reviewKeys = {
  all: ['review'] as const,
  queue: (params: ReviewParams) => ['review', 'queue', params] as const,
}

// The URL's filters are passed through as strings; the server validates them (400 on nonsense).
export const getReviewPage = (api: ApiClient, params: ReviewParams, signal?: AbortSignal) =>
  unwrap(api.review.corrections.$get({ query: params as ReviewQuery }, { init: { signal } }))

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
      unwrap(api.review.corrections[':id'].escalate.$post({ param: { id: seg(id) }, json: note ? { note } : {} })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: reviewKeys.all }),
  })
}
