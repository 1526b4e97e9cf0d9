import { z } from 'zod'
import { ClientId, exactlyOneRef, itemRefShape, ONE_REF_MESSAGE, Quantity, SignedQuantity, Text, Version } from '../store-refs'

export const TransferLineInput = z
  .object({ ...itemRefShape, quantity: Quantity.max(1_000_000) })
  .strict()
  .refine(exactlyOneRef, ONE_REF_MESSAGE)

export const CreateTransferInput = z
  .object({
    /** Optional client id: the same id sent again answers the same transfer. */
    id: ClientId.optional(),
    toStoreId: z.string().min(1).max(64),
    note: Text(0, 500).optional(),
    lines: z.array(TransferLineInput).min(1).max(500),
  })
  .strict()
export type CreateTransferInput = z.infer<typeof CreateTransferInput>

export const TransferStepInput = z.object({ version: Version }).strict()

export const TransferScanInput = z
  .object({
    /** Client id of the scan: a retry counts once. */
    id: ClientId,
    ...itemRefShape,
    /** Units that arrived; negative takes back a mis-scan (never below 0 received). */
    quantity: SignedQuantity(100_000).default(1),
  })
  .strict()
  .refine(exactlyOneRef, ONE_REF_MESSAGE)

export const ListTransfersQuery = z
  .object({
    direction: z.enum(['outgoing', 'incoming', 'all']).default('all'),
    status: z.enum(['draft', 'shipped', 'received', 'cancelled']).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict()
export type ListTransfersQuery = z.infer<typeof ListTransfersQuery>
