import { z } from 'zod'

/** Revoking a tablet; the reason (lost, replaced…) is kept in the audit trail. */
export const RevokeDeviceInput = z.object({ reason: z.string().trim().min(1).max(200).optional() }).strict()
