import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { ClientResponse } from 'hono/client'
import type { UserView } from '../../../../server/core/admin/list-users'
import type { CreateUserInput, GrantInput } from '../../../../server/core/admin/schemas'
import { type ApiClient, seg, unwrap, useApiClient } from '../../../lib/api-client'

export type AdminUser = UserView
export type Grant = GrantInput
export type NewUser = CreateUserInput

type Json<T, S extends number = 200> = ClientResponse<T, S, 'json'>
/**
 * The administration routes as this client calls them, typed by hand from the server core while the
 * routes are being added to AppType; `hc` builds the same URLs.
 */
type AdminApi = {
  admin: {
    users: {
      $get: (args: { query: Record<string, string> }, opts?: { init?: RequestInit }) => Promise<Json<{ users: AdminUser[]; nextOffset: number | null }>>
      $post: (args: { json: NewUser }) => Promise<Json<{ id: string; employeeNo: string; name: string }, 201>>
      ':userId': {
        disable: { $post: (args: { param: { userId: string } }) => Promise<Json<unknown>> }
        pin: { $post: (args: { param: { userId: string }; json: { pin: string } }) => Promise<Json<{ id: string; hasPin: boolean }>> }
        roles: { $post: (args: { param: { userId: string }; json: Grant }) => Promise<Json<unknown, 201>> }
      }
    }
    roles: { ':assignmentId': { revoke: { $post: (args: { param: { assignmentId: string } }) => Promise<Json<unknown>> } } }
    'reason-codes': {
      $get: (args?: object, opts?: { init?: RequestInit }) => Promise<Json<{ reasonCodes: AdminReasonCode[] }>>
      $post: (args: { json: NewReasonCode }) => Promise<Json<AdminReasonCode, 201>>
      ':code': { $patch: (args: { param: { code: string }; json: Partial<Omit<AdminReasonCode, 'code'>> }) => Promise<Json<AdminReasonCode>> }
    }
    stores: {
      ':storeId': { items: { ':itemId': { settings: { $put: (args: { param: { storeId: string; itemId: string }; json: { shelfMin: number; shelfTarget: number } }) => Promise<Json<unknown>> } } } }
    }
  }
}
export const adminApi = (api: ApiClient) => (api as unknown as AdminApi).admin

export type AdminReasonCode = { code: string; labelEn: string; labelDe: string; requiresNote: boolean; active: boolean; sortOrder: number }
export type NewReasonCode = { code: string; labelEn: string; labelDe: string; requiresNote: boolean; sortOrder?: number }

const usersKey = ['admin', 'users'] as const

/** The people of my stores (a store manager) or of the chain (an administrator). */
export function useUsers(params: { storeId?: string; q: string; includeDisabled: boolean }) {
  const api = useApiClient()
  return useQuery({
    queryKey: [...usersKey, params],
    queryFn: ({ signal }) => {
      const query: Record<string, string> = { limit: '100', includeDisabled: String(params.includeDisabled) }
      if (params.storeId) query.storeId = params.storeId
      if (params.q.trim()) query.q = params.q.trim()
      return unwrap(adminApi(api).users.$get({ query }, { init: { signal } }))
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

export const useCreateUser = () => useUserMutation((api, json: NewUser) => unwrap(adminApi(api).users.$post({ json })))
export const useDisableUser = () => useUserMutation((api, userId: string) => unwrap(adminApi(api).users[':userId'].disable.$post({ param: { userId: seg(userId) } })))
export const useResetPin = () =>
  useUserMutation((api, { userId, pin }: { userId: string; pin: string }) => unwrap(adminApi(api).users[':userId'].pin.$post({ param: { userId: seg(userId) }, json: { pin } })))
export const useGrantRole = () =>
  useUserMutation((api, { userId, grant }: { userId: string; grant: Grant }) => unwrap(adminApi(api).users[':userId'].roles.$post({ param: { userId: seg(userId) }, json: grant })))
export const useRevokeRole = () =>
  useUserMutation((api, assignmentId: string) => unwrap(adminApi(api).roles[':assignmentId'].revoke.$post({ param: { assignmentId: seg(assignmentId) } })))

const reasonsKey = ['admin', 'reason-codes'] as const

export function useAdminReasonCodes() {
  const api = useApiClient()
  return useQuery({ queryKey: reasonsKey, queryFn: ({ signal }) => unwrap(adminApi(api)['reason-codes'].$get({}, { init: { signal } })) })
}

export function useSaveReasonCode() {
  const api = useApiClient()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: { create: NewReasonCode } | { code: string; patch: Partial<Omit<AdminReasonCode, 'code'>> }) =>
      'create' in input
        ? unwrap(adminApi(api)['reason-codes'].$post({ json: input.create }))
        : unwrap(adminApi(api)['reason-codes'][':code'].$patch({ param: { code: seg(input.code) }, json: input.patch })),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: reasonsKey }), queryClient.invalidateQueries({ predicate: (q) => q.queryKey.includes('reason-codes') })]),
  })
}

/** Shelf minimum and target of one item in one store (drives the floor's refill suggestions). */
export function useSetShelf(storeId: string) {
  const api = useApiClient()
  return useMutation({
    mutationFn: ({ itemId, shelfMin, shelfTarget }: { itemId: string; shelfMin: number; shelfTarget: number }) =>
      unwrap(adminApi(api).stores[':storeId'].items[':itemId'].settings.$put({ param: { storeId: seg(storeId), itemId: seg(itemId) }, json: { shelfMin, shelfTarget } })),
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
