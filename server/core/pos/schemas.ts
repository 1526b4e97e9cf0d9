import { z } from 'zod'
import { Barcode, Sku, Text } from '../store-refs'

export const CreateKeyInput = z.object({ name: Text(1, 60) }).strict()
export const RevokeKeyInput = z.object({}).strict()

/** A till's own receipt number: letters, digits and . _ : / - */
export const ReceiptId = z.string().regex(/^[A-Za-z0-9._:/-]{1,64}$/, 'A receipt id has 1–64 letters, digits or . _ : / -')

export const ReceiptLine = z
  .object({
    barcode: Barcode.optional(),
    sku: Sku.optional(),
    /** Units, always positive: `kind` says which way they go. */
    quantity: z.number().int().safe().min(1).max(100_000),
    kind: z.enum(['sale', 'return']).default('sale'),
    /** What the till charged per unit (minor units); the item's price when omitted. */
    unitPrice: z.number().int().safe().min(0).max(100_000_000).optional(),
  })
  .strict()
  .refine((l) => (l.barcode === undefined) !== (l.sku === undefined), 'Name the item by exactly one of barcode or sku')

export const ReceiptInput = z
  .object({
    receiptId: ReceiptId,
    /** When the till rang it up (UTC or with offset); the server's time when omitted. */
    at: z.iso.datetime({ offset: true }).optional(),
    lines: z.array(ReceiptLine).min(1).max(200),
    /** Where returned goods go: back on the floor (default) or to quarantine (opened, damaged). */
    returnsTo: z.enum(['floor', 'quarantine']).default('floor'),
  })
  .strict()
export type ReceiptInput = z.infer<typeof ReceiptInput>

export const CatalogQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(1000).default(200),
    after: z.string().max(64).optional(),
  })
  .strict()
