import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { InferResponseType } from 'hono/client'
import { uuidv7 } from 'uuidv7'
import { type ApiClient, seg, unwrap, useApiClient } from '../../../lib/api-client'
import { useEnqueue } from '../../../lib/outbox-react'

type Transfers = ApiClient['stores'][':storeId']['transfers']
export type TransferSummary = InferResponseType<Transfers['$get'], 200>['transfers'][number]
export type Transfer = InferResponseType<Transfers[':transferId']['$get'], 200>['transfer']
export type Direction = 'outgoing' | 'incoming'

export const transferKeys = {
  all: (storeId: string) => ['stores', storeId, 'transfers'] as const,
  list: (storeId: string, direction: Direction) => ['stores', storeId, 'transfers', direction] as const,
  one: (storeId: string, id: string) => ['stores', storeId, 'transfers', 'id', id] as const,
}

export function useTransfers(storeId: string, direction: Direction) {
  const api = useApiClient()
  return useQuery({
    queryKey: transferKeys.list(storeId, direction),
    queryFn: ({ signal }) =>
      unwrap(api.stores[':storeId'].transfers.$get({ param: { storeId: seg(storeId) }, query: { direction, limit: '50' } }, { init: { signal } })),
    refetchInterval: 30_000,
    select: (d) => d.transfers,
  })
}

export function useTransfer(storeId: string, transferId: string) {
  const api = useApiClient()
  return useQuery({
    queryKey: transferKeys.one(storeId, transferId),
    queryFn: ({ signal }) =>
      unwrap(
        api.stores[':storeId'].transfers[':transferId'].$get({ param: { storeId: seg(storeId), transferId: seg(transferId) } }, { init: { signal } }),
      ).then((d) => d.transfer),
    refetchInterval: (q) => (q.state.data?.status === 'shipped' ? 5_000 : false),
  })
}

export type NewTransfer = { id: string; toStoreId: string; note?: string; lines: Array<{ itemId: string; quantity: number }> }

/** Drafting a transfer needs the server (the destination must accept it); the client id makes a retry safe. */
export function useCreateTransfer(storeId: string) {
  const api = useApiClient()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: NewTransfer) =>
      unwrap(api.stores[':storeId'].transfers.$post({ param: { storeId: seg(storeId) }, json: input })).then((d) => d.transfer),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: transferKeys.all(storeId) }),
  })
}

/** Ship a draft, cancel a draft, or close an incoming receipt: one step with the version seen. */
export function useTransferStep(storeId: string, transferId: string) {
  const api = useApiClient()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ step, version }: { step: 'ship' | 'cancel' | 'receive'; version: number }) => {
      const param = { storeId: seg(storeId), transferId: seg(transferId) }
      const t = api.stores[':storeId'].transfers[':transferId']
      const call = step === 'ship' ? t.ship!.$post({ param, json: { version } }) : step === 'cancel' ? t.cancel!.$post({ param, json: { version } }) : t.receive!.$post({ param, json: { version } })
      return unwrap(call).then((d) => d.transfer)
    },
    onSuccess: (transfer) => {
      queryClient.setQueryData(transferKeys.one(storeId, transferId), transfer)
      void queryClient.invalidateQueries({ queryKey: transferKeys.all(storeId) })
      void queryClient.invalidateQueries({ queryKey: ['stores', storeId, 'items'] })
    },
  })
}

/** A scan of what arrived, through the outbox (works offline, counts once). */
export function useTransferScan(storeId: string, transferId: string) {
  const enqueue = useEnqueue()
  return (ref: { itemId: string } | { barcode: string }, quantity: number, name: string) => {
    const id = uuidv7()
    return enqueue({
      id,
      kind: 'transfer.scan',
      storeId,
      request: { method: 'POST', path: `/stores/${seg(storeId)}/transfers/${seg(transferId)}/scans`, body: { id, ...ref, quantity } },
      meta: { transferId, itemId: 'itemId' in ref ? ref.itemId : null, barcode: 'barcode' in ref ? ref.barcode : null, name, quantity },
      invalidate: [[...transferKeys.one(storeId, transferId)]],
    })
  }
}
