import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { InferRequestType, InferResponseType } from 'hono/client'
import { type ApiClient, seg, unwrap, useApiClient } from '../../../lib/api-client'

type Admin = ApiClient['admin']
export type AdminUser = InferResponseType<Admin['users']['$get'], 200>['users'][number]
export type NewUser = InferRequestType<Admin['users']['$post']>['json']
export type Grant = InferRequestType<Admin['users'][':userId']['roles']['$post']>['json']
export type AdminReasonCode = InferResponseType<Admin['reason-codes']['$get'], 200>['reasonCodes'][number]
export type NewReasonCode = InferRequestType<Admin['reason-codes']['$post']>['json']
type ReasonPatch = InferRequestType<Admin['reason-codes'][':code']['$patch']>['json']
type UsersQuery = InferRequestType<Admin['users']['$get']>['query']

const usersKey = ['admin', 'users'] as const

/** The people of my stores (a store manager) or of the chain (an administrator). */
export function useUsers(params: { storeId?: string; q: string; includeDisabled: boolean }) {
  const api = useApiClient()
  return useQuery({
    queryKey: [...usersKey, params],
    queryFn: ({ signal }) => {
      const query: UsersQuery = { limit: '100', includeDisabled: params.includeDisabled ? 'true' : 'false' }
      if (params.storeId) query.storeId = params.storeId
      if (params.q.trim()) query.q = params.q.trim()
      return unwrap(api.admin.users.$get({ query }, { init: { signal } }))
    },
    placeholderData: (previous) => previous,
  })
}

/** Every user change is audited on the server (role grants included); here it refreshes the list. */
function useUserMutation<T>(fn: (api: ApiClient, input: T) => Promise<unknown>) {
  const api = useApiClient()
  const queryClient = useQueryClient()
  return useMutation({ mutationFn: (input: T) => fn(api, input), onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }) })
}

export const useCreateUser = () => useUserMutation((api, json: NewUser) => unwrap(api.admin.users.$post({ json })))
export const useDisableUser = () => useUserMutation((api, userId: string) => unwrap(api.admin.users[':userId'].disable.$post({ param: { userId: seg(userId) } })))
export const useResetPin = () =>
  useUserMutation((api, { userId, pin }: { userId: string; pin: string }) => unwrap(api.admin.users[':userId'].pin.$post({ param: { userId: seg(userId) }, json: { pin } })))
/** A temporary password: the person's sessions end, and they choose their own at the next sign-in. */
export const useResetPassword = () =>
  useUserMutation((api, { userId, password }: { userId: string; password: string }) =>
    unwrap(api.admin.users[':userId'].password.$post({ param: { userId: seg(userId) }, json: { password } })),
  )
export const useGrantRole = () =>
  useUserMutation((api, { userId, grant }: { userId: string; grant: Grant }) => unwrap(api.admin.users[':userId'].roles.$post({ param: { userId: seg(userId) }, json: grant })))
export const useRevokeRole = () =>
  useUserMutation((api, assignmentId: string) => unwrap(api.admin.roles[':assignmentId'].revoke.$post({ param: { assignmentId: seg(assignmentId) } })))

const reasonsKey = ['admin', 'reason-codes'] as const

export function useAdminReasonCodes() {
  const api = useApiClient()
  return useQuery({ queryKey: reasonsKey, queryFn: ({ signal }) => unwrap(api.admin['reason-codes'].$get({}, { init: { signal } })) })
}

export function useSaveReasonCode() {
  const api = useApiClient()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: { create: NewReasonCode } | { code: string; patch: ReasonPatch }) =>
      'create' in input
        ? unwrap(api.admin['reason-codes'].$post({ json: input.create }))
        : unwrap(api.admin['reason-codes'][':code'].$patch({ param: { code: seg(input.code) }, json: input.patch })),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: reasonsKey }), queryClient.invalidateQueries({ predicate: (q) => q.queryKey.includes('reason-codes') })]),
  })
}

/** Shelf minimum and target of one item in one store (drives the floor's refill suggestions). */
export function useSetShelf(storeId: string) {
  const api = useApiClient()
  return useMutation({
    mutationFn: ({ itemId, shelfMin, shelfTarget }: { itemId: string; shelfMin: number; shelfTarget: number }) =>
      unwrap(api.admin.stores[':storeId'].items[':itemId'].settings.$put({ param: { storeId: seg(storeId), itemId: seg(itemId) }, json: { shelfMin, shelfTarget } })),
  })
}

/** Items by name, SKU or barcode in this store (the same search the floor uses). */
export function useItemFinder(storeId: string, q: string) {
  const api = useApiClient()
  return useQuery({
    queryKey: ['stores', storeId, 'items', 'search', q],
    queryFn: ({ signal }) => unwrap(api.stores[':storeId'].items.search.$get({ param: { storeId: seg(storeId) }, query: { q } }, { init: { signal } })),
    enabled: q.trim().length >= 2,
    staleTime: 30_000,
  })
}
