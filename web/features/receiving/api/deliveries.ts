import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { InferResponseType } from 'hono/client'
import { uuidv7 } from 'uuidv7'
import { type ApiClient, seg, unwrap, useApiClient } from '../../../lib/api-client'
import { useEnqueue } from '../../../lib/outbox-react'

type Deliveries = ApiClient['stores'][':storeId']['deliveries']
export type DeliverySummary = InferResponseType<Deliveries['$get'], 200>['deliveries'][number]
export type Delivery = InferResponseType<Deliveries[':deliveryId']['$get'], 200>['delivery']
export type DeliveryLine = Delivery['lines'][number]

export const deliveryKeys = {
  all: (storeId: string) => ['stores', storeId, 'deliveries'] as const,
  open: (storeId: string) => ['stores', storeId, 'deliveries', 'open'] as const,
  one: (storeId: string, id: string) => ['stores', storeId, 'deliveries', 'id', id] as const,
}

/** Deliveries still to receive (expected or being received), due first. */
export function useOpenDeliveries(storeId: string) {
  const api = useApiClient()
  return useQuery({
    queryKey: deliveryKeys.open(storeId),
    queryFn: ({ signal }) =>
      unwrap(api.stores[':storeId'].deliveries.$get({ param: { storeId: seg(storeId) }, query: { status: 'open', limit: '50' } }, { init: { signal } })),
    refetchInterval: 30_000,
    select: (d) => d.deliveries,
  })
}

/** One delivery with expected vs received per line, refreshed every few seconds (other scanners). */
export function useDelivery(storeId: string, deliveryId: string) {
  const api = useApiClient()
  return useQuery({
    queryKey: deliveryKeys.one(storeId, deliveryId),
    queryFn: ({ signal }) =>
      unwrap(
        api.stores[':storeId'].deliveries[':deliveryId'].$get({ param: { storeId: seg(storeId), deliveryId: seg(deliveryId) } }, { init: { signal } }),
      ).then((d) => d.delivery),
    refetchInterval: (q) => (q.state.data?.status === 'closed' || q.state.data?.status === 'cancelled' ? false : 5_000),
  })
}

export type ScanRef = { itemId: string } | { barcode: string }

/** One scan (+1, or a quantity; damaged apart), through the outbox: the receiving door has bad Wi-Fi. */
export function useRecordScan(storeId: string, deliveryId: string) {
  const enqueue = useEnqueue()
  return (ref: ScanRef, quantity: number, damaged: boolean, display: { name: string; sku?: string }) => {
    // The scan's client id is the outbox item's id: a resend counts once.
    const id = uuidv7()
    return enqueue({
      id,
      kind: 'delivery.scan',
      storeId,
      request: {
        method: 'POST',
        path: `/stores/${seg(storeId)}/deliveries/${seg(deliveryId)}/scans`,
        body: { id, ...ref, quantity, damaged },
      },
      meta: { deliveryId, itemId: 'itemId' in ref ? ref.itemId : null, barcode: 'barcode' in ref ? ref.barcode : null, name: display.name, quantity, damaged },
      invalidate: [[...deliveryKeys.one(storeId, deliveryId)], [...deliveryKeys.open(storeId)]],
    })
  }
}

/** Closing posts the receipt: it needs the server and every scan of this delivery synced first. */
export function useCloseDelivery(storeId: string, deliveryId: string) {
  const api = useApiClient()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (version: number) =>
      unwrap(
        api.stores[':storeId'].deliveries[':deliveryId'].close.$post({
          param: { storeId: seg(storeId), deliveryId: seg(deliveryId) },
          json: { version },
        }),
      ).then((d) => d.delivery),
    onSuccess: (delivery) => {
      queryClient.setQueryData(deliveryKeys.one(storeId, deliveryId), delivery)
      void queryClient.invalidateQueries({ queryKey: deliveryKeys.all(storeId) })
      void queryClient.invalidateQueries({ queryKey: ['stores', storeId, 'items'] })
    },
  })
}
