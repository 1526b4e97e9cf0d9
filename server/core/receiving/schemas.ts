import { z } from 'zod'
import { ClientId, exactlyOneRef, itemRefShape, ONE_REF_MESSAGE, Quantity, SignedQuantity, Text, Version } from '../store-refs'

export const Supplier = Text(1, 100)
export const Reference = Text(1, 64)
/** A date (2026-11-03) or a UTC time: when the truck is due. */
export const ExpectedAt = z.union([z.iso.date(), z.iso.datetime()])

export const DeliveryLineInput = z
  .object({ ...itemRefShape, expectedQty: Quantity })
  .strict()
  .refine(exactlyOneRef, ONE_REF_MESSAGE)

export const CreateDeliveryInput = z
  .object({
    /** Optional client id: the same id sent again answers the same delivery instead of a 409. */
    id: ClientId.optional(),
    supplier: Supplier,
    reference: Reference,
    expectedAt: ExpectedAt.optional(),
    lines: z.array(DeliveryLineInput).min(1).max(500),
  })
  .strict()
export type CreateDeliveryInput = z.infer<typeof CreateDeliveryInput>

/** The write guard takes JSON only, so a CSV file comes as the text of one field. */
export const ImportDeliveriesInput = z.object({ csv: z.string().min(1).max(1_000_000) }).strict()

export const ScanInput = z
  .object({
    /** Client id of the scan: the same scan sent twice counts once. */
    id: ClientId,
    ...itemRefShape,
    /** Units scanned; negative takes back a mis-scan (from the received, or with `damaged` the damaged units). */
    quantity: SignedQuantity(100_000).default(1),
    damaged: z.boolean().default(false),
    /** Which scanner/tablet, for the record (the session's device is used when omitted). */
    device: Text(1, 64).optional(),
  })
  .strict()
  .refine(exactlyOneRef, ONE_REF_MESSAGE)

export const CloseDeliveryInput = z.object({ version: Version }).strict()
export const CancelDeliveryInput = z.object({ version: Version }).strict()

export const ListDeliveriesQuery = z
  .object({
    status: z.enum(['expected', 'receiving', 'closed', 'cancelled', 'open']).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict()
export type ListDeliveriesQuery = z.infer<typeof ListDeliveriesQuery>
