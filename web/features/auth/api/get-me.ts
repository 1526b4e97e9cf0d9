import { queryOptions, useQuery } from '@tanstack/react-query'
import { type ApiClient, isApiError, unwrap, useApiClient } from '../../../lib/api-client'
import type { Me } from '../../../types/api'

export const meQueryKey = ['me'] as const

/** The signed-in person with their stores and actions; `null` when nobody is signed in. */
export async function getMe(api: ApiClient): Promise<Me | null> {
  try {
    return await unwrap(api.me.$get())
  } catch (err) {
    if (isApiError(err) && err.status === 401) return null
    throw err
  }
}

export const meQueryOptions = (api: ApiClient) =>
  queryOptions({ queryKey: meQueryKey, queryFn: () => getMe(api), staleTime: 60_000 })

export const useMe = () => useQuery(meQueryOptions(useApiClient()))
