import { useInfiniteQuery } from '@tanstack/react-query'
import { type ApiClient, seg, unwrap, useApiClient } from '../../../lib/api-client'
import { itemKeys } from './keys'

export const MOVEMENT_PAGE = 50

export const getMovements = (api: ApiClient, storeId: string, itemId: string, before: number | null, signal?: AbortSignal) =>
  unwrap(
    api.stores[':storeId'].items[':itemId'].movements.$get(
      {
        param: { storeId: seg(storeId), itemId: seg(itemId) },
        query: { limit: String(MOVEMENT_PAGE), before: before === null ? undefined : String(before) },
      },
      { init: { signal } },
    ),
  )

/** The item's ledger, newest first, page by page (only loaded when someone asks for more history). */
export function useItemMovements(storeId: string, itemId: string, enabled: boolean) {
  const api = useApiClient()
  return useInfiniteQuery({
    queryKey: itemKeys.movements(storeId, itemId),
    queryFn: ({ pageParam, signal }) => getMovements(api, storeId, itemId, pageParam, signal),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextBefore,
    enabled,
  })
}
