import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { InferResponseType } from 'hono/client'
import { type ApiClient, seg, unwrap, useApiClient } from '../../../lib/api-client'

type Devices = ApiClient['stores'][':storeId']['devices']
export type StoreDevice = InferResponseType<Devices['$get'], 200>['devices'][number]

const devicesKey = (storeId: string) => ['stores', storeId, 'devices'] as const

/** The store's tablets (browsers registered for PIN switching), registered ones first. */
export function useStoreDevices(storeId: string) {
  const api = useApiClient()
  return useQuery({
    queryKey: devicesKey(storeId),
    queryFn: ({ signal }) => unwrap(api.stores[':storeId'].devices.$get({ param: { storeId: seg(storeId) } }, { init: { signal } })),
  })
}

/** Revokes a tablet: its sessions end and its PIN switch is refused from now on. */
export function useRevokeDevice(storeId: string) {
  const api = useApiClient()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ deviceId, reason }: { deviceId: string; reason?: string }) =>
      unwrap(
        api.stores[':storeId'].devices[':deviceId'].revoke.$post({
          param: { storeId: seg(storeId), deviceId: seg(deviceId) },
          json: reason ? { reason } : {},
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: devicesKey(storeId) }),
  })
}
