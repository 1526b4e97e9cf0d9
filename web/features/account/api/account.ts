import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type ApiClient, unwrap, useApiClient } from '../../../lib/api-client'
import { meQueryKey } from '../../auth/api/get-me'

export type ChangePasswordInput = { currentPassword: string; newPassword: string }
export type ChangePinInput = { currentPin: string; newPin: string } | { currentPassword: string; newPin: string }

export const changePassword = (api: ApiClient, input: ChangePasswordInput) => unwrap(api.me.password.$post({ json: input }))
export const changePin = (api: ApiClient, input: ChangePinInput) => unwrap(api.me.pin.$post({ json: input }))

/**
 * Changing my own secrets. Afterwards `me` is asked again: it says whether anything is still to be replaced
 * (and the forced screen gives way once nothing is).
 */
export function useChangePassword() {
  const api = useApiClient()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: ChangePasswordInput) => changePassword(api, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  })
}

export function useChangePin() {
  const api = useApiClient()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: ChangePinInput) => changePin(api, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  })
}
