import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query'
import { isApiError } from '../lib/api-client'
import { meQueryKey } from '../features/auth/api/get-me'

/**
 * A session that ended (idle timeout, disabled user, sign-out elsewhere), or that must first replace a
 * password or PIN someone else set (a reset meanwhile): ask who is here again — the guard then shows the
 * sign-in or the "choose your own" screen.
 */
const SESSION_GONE = new Set(['UNAUTHENTICATED', 'SESSION_EXPIRED', 'PASSWORD_CHANGE_REQUIRED', 'PIN_CHANGE_REQUIRED'])

export function createQueryClient() {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (err, query) => {
        if (query.queryKey[0] !== meQueryKey[0] && isApiError(err) && SESSION_GONE.has(err.code)) {
          void client.invalidateQueries({ queryKey: meQueryKey })
        }
      },
    }),
    mutationCache: new MutationCache({
      onError: (err) => {
        if (isApiError(err) && SESSION_GONE.has(err.code)) void client.invalidateQueries({ queryKey: meQueryKey })
      },
    }),
    defaultOptions: {
      queries: {
        // 4xx answers are final; retry only network trouble and 5xx, briefly.
        retry: (failures, err) => !(isApiError(err) && err.status >= 400 && err.status < 500) && failures < 2,
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  })
  return client
}
