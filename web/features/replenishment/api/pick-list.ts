import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type ApiClient, seg, unwrap, useApiClient } from '../../../lib/api-client'
import { useEnqueue } from '../../../lib/outbox-react'
import { itemKeysAll } from './item-keys'
import { replenishmentKeys } from './keys'

export const getPickList = (api: ApiClient, storeId: string, signal?: AbortSignal) =>
  unwrap(api.stores[':storeId'].replenishment['pick-list'].$get({ param: { storeId: seg(storeId) } }, { init: { signal } }))

/** Open and picking requests, in stockroom walking order; polled so new requests show up. */
export function usePickList(storeId: string, pollMs = 15_000) {
  const api = useApiClient()
  return useQuery({
    queryKey: replenishmentKeys.pickList(storeId),
    queryFn: ({ signal }) => getPickList(api, storeId, signal),
    refetchInterval: pollMs,
    select: (data) => data.lines,
  })
}

/** "I am on it": needs the server (it tells the floor at once), so it is not queued offline. */
export function useStartPicking(storeId: string) {
  const api = useApiClient()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      unwrap(
        api.stores[':storeId'].replenishment.requests[':requestId'].picking!.$post({
          param: { storeId: seg(storeId), requestId: seg(id) },
          json: { version },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: replenishmentKeys.all(storeId) }),
  })
}

export type PickOutcome = { kind: 'done'; quantity: number } | { kind: 'cannot_fill'; reason: string }

/**
 * Picked (all or part) or cannot fill: through the outbox, so it works in a back room without Wi-Fi.
 * No version is sent: the server's state rules (done once, with the same quantity) make a replay safe.
 */
export function usePick(storeId: string) {
  const enqueue = useEnqueue()
  return (line: { id: string; item: { name: string } }, outcome: PickOutcome) =>
    enqueue({
      kind: 'replenishment.pick',
      storeId,
      request:
        outcome.kind === 'done'
          ? { method: 'POST', path: `/stores/${seg(storeId)}/replenishment/requests/${seg(line.id)}/done`, body: { quantity: outcome.quantity } }
          : { method: 'POST', path: `/stores/${seg(storeId)}/replenishment/requests/${seg(line.id)}/cannot-fill`, body: { reason: outcome.reason } },
      meta: {
        requestId: line.id,
        itemName: line.item.name,
        outcome: outcome.kind,
        quantity: outcome.kind === 'done' ? outcome.quantity : null,
      },
      invalidate: [[...replenishmentKeys.all(storeId)], [...itemKeysAll(storeId)]],
    })
}
