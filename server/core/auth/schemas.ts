import { z } from 'zod'
import { PASSWORD_MAX_LENGTH, PIN_PATTERN } from './rules'

const Secret = z.string().min(1).max(PASSWORD_MAX_LENGTH)
const Pin = z.string().regex(PIN_PATTERN, 'A PIN has 4–8 digits')

/** Changing my password: the current one proves it is me; how strong the new one must be is `passwordProblem`. */
export const ChangePasswordInput = z.object({ currentPassword: Secret, newPassword: Secret }).strict()
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>

/** Changing my PIN: proven with my current PIN (if it is my own) or my password. */
export const ChangePinInput = z
  .object({ currentPin: Pin.optional(), currentPassword: Secret.optional(), newPin: Pin })
  .strict()
  .refine((b) => (b.currentPin === undefined) !== (b.currentPassword === undefined), 'Send either currentPin or currentPassword')
export type ChangePinInput = z.infer<typeof ChangePinInput>
