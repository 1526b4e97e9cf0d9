import { z } from 'zod'
import { ClientId, exactlyOneRef, itemRefShape, ONE_REF_MESSAGE, Quantity, Text, Version } from '../store-refs'

export const RequestRefillInput = z
  .object({
    id: ClientId,
    ...itemRefShape,
    /** Omitted: fill the shelf up to its target. */
    quantity: Quantity.optional(),
    note: Text(0, 500).optional(),
  })
  .strict()
  .refine(exactlyOneRef, ONE_REF_MESSAGE)
export type RequestRefillInput = z.infer<typeof RequestRefillInput>

export const StartPickingInput = z.object({ version: Version }).strict()
export const CompletePickInput = z.object({ quantity: Quantity, version: Version }).strict()
export const CannotFillInput = z.object({ reason: Text(1, 200), version: Version }).strict()
export const CancelRequestInput = z.object({ version: Version }).strict()

export const REQUEST_FILTERS = ['open', 'picking', 'done', 'cannot_fill', 'cancelled', 'active'] as const
export const ListRequestsQuery = z
  .object({
    status: z.enum(REQUEST_FILTERS).optional(),
    mine: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict()
export type ListRequestsQuery = z.infer<typeof ListRequestsQuery>
