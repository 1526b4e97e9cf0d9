import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { type ApiClient, seg, unwrap, useApiClient } from '../../../lib/api-client'
import { itemKeys } from './keys'

export const SEARCH_LIMIT = 20
export const MIN_QUERY_LENGTH = 2

export const searchItems = (api: ApiClient, storeId: string, q: string, signal?: AbortSignal) =>
  unwrap(
    api.stores[':storeId'].items.search.$get({ param: { storeId: seg(storeId) }, query: { q, limit: String(SEARCH_LIMIT) } }, { init: { signal } }),
  )

/** Search by name or SKU; `q` should already be debounced by the caller. */
export function useItemSearch(storeId: string, q: string) {
  const api = useApiClient()
  const query = q.trim()
  return useQuery({
    queryKey: itemKeys.search(storeId, query),
    queryFn: ({ signal }) => searchItems(api, storeId, query, signal),
    enabled: query.length >= MIN_QUERY_LENGTH,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  })
}
