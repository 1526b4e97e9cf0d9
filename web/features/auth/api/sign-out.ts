import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type ApiClient, unwrap, useApiClient } from '../../../lib/api-client'
import { forgetPersistedQueries } from '../../../lib/query-persist'
import { meQueryKey } from './get-me'

export const signOut = (api: ApiClient) => unwrap(api.auth.logout.$post())

export function useSignOut() {
  const api = useApiClient()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => signOut(api),
    // Whatever the answer, nothing of this person stays on screen or in the cache.
    onSettled: async () => {
      queryClient.removeQueries()
      queryClient.setQueryData(meQueryKey, null)
      await forgetPersistedQueries()
    },
  })
}
