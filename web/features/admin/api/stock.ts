import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { InferRequestType, InferResponseType } from 'hono/client'
import { type ApiClient, seg, unwrap, useApiClient } from '../../../lib/api-client'

/**
 * The office side of counts and deliveries: plan a count, announce an expected delivery (or import a
 * supplier's CSV). Counting and receiving themselves happen in the back room.
 */
type Store = ApiClient['stores'][':storeId']
export type DeliverySummary = InferResponseType<Store['deliveries']['$get'], 200>['deliveries'][number]
export type CountSummary = InferResponseType<Store['counts']['$get'], 200>['counts'][number]
export type NewDelivery = InferRequestType<Store['deliveries']['$post']>['json']
export type NewCount = InferRequestType<Store['counts']['$post']>['json']

export const stockKeys = {
  deliveries: (storeId: string) => ['stores', storeId, 'deliveries'] as const,
  counts: (storeId: string) => ['stores', storeId, 'counts'] as const,
}

const param = (storeId: string) => ({ param: { storeId: seg(storeId) } })

export function useDeliveries(storeId: string) {
  const api = useApiClient()
  return useQuery({
    queryKey: [...stockKeys.deliveries(storeId), 'office'],
    queryFn: ({ signal }) => unwrap(api.stores[':storeId'].deliveries.$get({ ...param(storeId), query: { limit: '100' } }, { init: { signal } })),
  })
}

export function useCounts(storeId: string) {
  const api = useApiClient()
  return useQuery({
    queryKey: [...stockKeys.counts(storeId), 'office'],
    queryFn: ({ signal }) => unwrap(api.stores[':storeId'].counts.$get({ ...param(storeId), query: { limit: '100' } }, { init: { signal } })),
  })
}

export function useCreateDelivery(storeId: string) {
  const api = useApiClient()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (json: NewDelivery) => unwrap(api.stores[':storeId'].deliveries.$post({ ...param(storeId), json })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: stockKeys.deliveries(storeId) }),
  })
}

export function useImportDeliveries(storeId: string) {
  const api = useApiClient()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (csv: string) => unwrap(api.stores[':storeId'].deliveries.import.$post({ ...param(storeId), json: { csv } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: stockKeys.deliveries(storeId) }),
  })
}

export function useCreateCount(storeId: string) {
  const api = useApiClient()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (json: NewCount) => unwrap(api.stores[':storeId'].counts.$post({ ...param(storeId), json })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: stockKeys.counts(storeId) }),
  })
}

/** "4001234567890" is a barcode, anything else a SKU: how people paste item lists. */
export const itemRef = (text: string) => (/^\d{8,14}$/.test(text) ? { barcode: text } : { sku: text })

/** Lines of "SKU-or-barcode[;, \t]quantity" → delivery lines; unreadable lines are reported by number. */
export function parseLines(text: string): { lines: Array<{ sku?: string; barcode?: string; expectedQty: number }>; bad: number[] } {
  const lines: Array<{ sku?: string; barcode?: string; expectedQty: number }> = []
  const bad: number[] = []
  text.split(/\r?\n/).forEach((raw, i) => {
    const row = raw.trim()
    if (!row) return
    const m = /^(\S+)[\s;,]+(\d+)$/.exec(row)
    if (!m || Number(m[2]) <= 0) return void bad.push(i + 1)
    lines.push({ ...itemRef(m[1]!), expectedQty: Number(m[2]) })
  })
  return { lines, bad }
}

type OneCount = ApiClient['stores'][':storeId']['counts'][':countId']
export type CountReview = InferResponseType<OneCount['review']['$get'], 200>
export type CountSubmitted = InferResponseType<OneCount['submit']['$post'], 200>

const countParam = (storeId: string, countId: string) => ({ param: { storeId: seg(storeId), countId: seg(countId) } })

/** Variances as of counting time: refused (403 COUNTER_CANNOT_REVIEW) to anyone who counted. */
export function useCountReview(storeId: string, countId: string) {
  const api = useApiClient()
  return useQuery({
    queryKey: [...stockKeys.counts(storeId), countId, 'review'],
    queryFn: ({ signal }) => unwrap(api.stores[':storeId'].counts[':countId'].review.$get(countParam(storeId, countId), { init: { signal } })),
    staleTime: 0,
  })
}

/** Submit: big variances go to a recount first; otherwise one pending correction for a second person. */
export function useSubmitCount(storeId: string, countId: string) {
  const api = useApiClient()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: { version: number; uncountedAsZero: boolean }) =>
      unwrap(api.stores[':storeId'].counts[':countId'].submit.$post({ ...countParam(storeId, countId), json: input })),
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: stockKeys.counts(storeId) }), queryClient.invalidateQueries({ queryKey: ['stores', storeId, 'corrections'] })]),
  })
}

export function useCancelCount(storeId: string, countId: string) {
  const api = useApiClient()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (version: number) => unwrap(api.stores[':storeId'].counts[':countId'].cancel.$post({ ...countParam(storeId, countId), json: { version } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: stockKeys.counts(storeId) }),
  })
}
