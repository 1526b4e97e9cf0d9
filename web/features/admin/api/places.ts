import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { InferRequestType, InferResponseType } from 'hono/client'
import { type ApiClient, seg, unwrap, useApiClient } from '../../../lib/api-client'
import { meQueryKey } from '../../auth/api/get-me'

type Admin = ApiClient['admin']
export type Places = InferResponseType<Admin['places']['$get'], 200>
export type AdminRegion = Places['regions'][number]
export type AdminStore = Places['stores'][number]
export type NewRegion = InferRequestType<Admin['regions']['$post']>['json']
export type RegionPatch = InferRequestType<Admin['regions'][':regionId']['$patch']>['json']
export type NewStore = InferRequestType<Admin['stores']['$post']>['json']
export type StorePatch = InferRequestType<Admin['stores'][':id']['$patch']>['json']

const placesKey = ['admin', 'places'] as const

/** Every region and store of the chain, inactive stores included (chain administrators only). */
export function usePlaces() {
  const api = useApiClient()
  return useQuery({ queryKey: placesKey, queryFn: ({ signal }) => unwrap(api.admin.places.$get({}, { init: { signal } })) })
}

/**
 * Each change is audited on the server. Besides the list, `me` is refreshed: an administrator sees every
 * store, so a new or renamed store or region shows up in the store switcher and the top bar.
 */
function usePlaceMutation<T>(fn: (api: ApiClient, input: T) => Promise<unknown>) {
  const api = useApiClient()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: T) => fn(api, input),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: placesKey }), queryClient.invalidateQueries({ queryKey: meQueryKey })]),
  })
}

export const useCreateRegion = () => usePlaceMutation((api, json: NewRegion) => unwrap(api.admin.regions.$post({ json })))
export const useUpdateRegion = () =>
  usePlaceMutation((api, { regionId, patch }: { regionId: string; patch: RegionPatch }) => unwrap(api.admin.regions[':regionId'].$patch({ param: { regionId: seg(regionId) }, json: patch })))
/** The server adds the store's standard locations (floor, stockroom, receiving, quarantine, in transit). */
export const useCreateStore = () => usePlaceMutation((api, json: NewStore) => unwrap(api.admin.stores.$post({ json })))
/** Only the fields sent change; `active: false` closes a store (its history and people stay). */
export const useUpdateStore = () =>
  usePlaceMutation((api, { storeId, patch }: { storeId: string; patch: StorePatch }) => unwrap(api.admin.stores[':id'].$patch({ param: { id: seg(storeId) }, json: patch })))
