import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query'
import { type ApiClient, seg, unwrap, useApiClient } from '../../../lib/api-client'
import { rememberItems } from '../../../lib/known-items'
import { itemKeys } from './keys'

export const lookupItem = (api: ApiClient, storeId: string, code: string, signal?: AbortSignal) =>
  unwrap(api.stores[':storeId'].items.lookup.$get({ param: { storeId: seg(storeId) }, query: { code } }, { init: { signal } }))

export const getItem = (api: ApiClient, storeId: string, itemId: string, signal?: AbortSignal) =>
  unwrap(api.stores[':storeId'].items[':itemId'].$get({ param: { storeId: seg(storeId), itemId: seg(itemId) } }, { init: { signal } }))

export const itemQueryOptions = (api: ApiClient, storeId: string, itemId: string) =>
  queryOptions({
    queryKey: itemKeys.byId(storeId, itemId),
    queryFn: ({ signal }) => getItem(api, storeId, itemId, signal),
    staleTime: 10_000,
  })

/** A scanned or typed barcode → the item with its stock. Unknown codes fail with ApiError NOT_FOUND. */
export function useItemByCode(storeId: string, code: string | null) {
  const api = useApiClient()
  const queryClient = useQueryClient()
  return useQuery({
    queryKey: itemKeys.byCode(storeId, code ?? ''),
    queryFn: async ({ signal }) => {
      const detail = await lookupItem(api, storeId, code ?? '', signal)
      // The same body as by id: opening the item from elsewhere needs no second request.
      queryClient.setQueryData(itemKeys.byId(storeId, detail.item.id), detail)
      // Scans of this item keep working offline (counts, corrections, receiving).
      rememberItems([{ id: detail.item.id, sku: detail.item.sku, name: detail.item.name, barcodes: detail.item.barcodes }])
      return detail
    },
    enabled: !!code,
    // Stock changes all day; a new scan of the same code should show fresh numbers.
    staleTime: 0,
  })
}

export function useItem(storeId: string, itemId: string | null) {
  const api = useApiClient()
  return useQuery({ ...itemQueryOptions(api, storeId, itemId ?? ''), enabled: !!itemId })
}
