import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { type ApiClient, isApiError, unwrap, useApiClient } from '../../../lib/api-client'
import type { Me } from '../../../types/api'
import { forgetPersistedQueries } from '../../../lib/query-persist'
import { rememberDevice } from '../lib/device'
import { meQueryOptions } from './get-me'

export type PasswordSignIn = { employeeNo: string; password: string }
export type PinSignIn = { employeeNo: string; pin: string }

export const signInWithPassword = (api: ApiClient, input: PasswordSignIn) => unwrap(api.auth.login.$post({ json: input }))

export const signInWithPin = (api: ApiClient, input: PinSignIn) => unwrap(api.auth.pin.$post({ json: input }))

/** A new person: nothing cached for the previous one may show, then load who is here now. */
async function startSession(api: ApiClient, queryClient: QueryClient): Promise<Me | null> {
  queryClient.removeQueries()
  await forgetPersistedQueries()
  const me = await queryClient.fetchQuery(meQueryOptions(api))
  rememberDevice(me?.device?.storeId ?? null)
  return me
}

export function useSignIn() {
  const api = useApiClient()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (input: PasswordSignIn) => {
      await signInWithPassword(api, input)
      return startSession(api, queryClient)
    },
  })
}

export function usePinSignIn() {
  const api = useApiClient()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (input: PinSignIn) => {
      await signInWithPin(api, input)
      return startSession(api, queryClient)
    },
    // The office removed this tablet: stop offering the PIN here (a password sign-in registers it again).
    onError: (err) => {
      if (isApiError(err, 'DEVICE_REVOKED')) rememberDevice(null)
    },
  })
}
