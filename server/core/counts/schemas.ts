import { z } from 'zod'
import { ClientId, exactlyOneRef, itemRefShape, ONE_REF_MESSAGE, Text, Version } from '../store-refs'

/** Where counting happens (stock in transit is settled by receiving the transfer, not by counting). */
export const COUNT_LOCATIONS = ['floor', 'stockroom', 'receiving', 'quarantine'] as const
export type CountLocation = (typeof COUNT_LOCATIONS)[number]

const ItemRef = z.object(itemRefShape).strict().refine(exactlyOneRef, ONE_REF_MESSAGE)

export const CreateCountInput = z
  .object({
    /** Optional client id: the same id sent again answers the same count. */
    id: ClientId.optional(),
    kind: z.enum(['cycle', 'location', 'flagged', 'full']),
    /** cycle and location: the one location counted; flagged: optional (default floor and stockroom); full: not used. */
    location: z.enum(COUNT_LOCATIONS).optional(),
    /** cycle: the chosen items. */
    items: z.array(ItemRef).min(1).max(1000).optional(),
    note: Text(0, 500).optional(),
  })
  .strict()
  .superRefine((input, issue) => {
    const needsLocation = input.kind === 'cycle' || input.kind === 'location'
    if (needsLocation && !input.location) issue.addIssue({ code: 'custom', path: ['location'], message: `A ${input.kind} count names its location` })
    if (input.kind === 'full' && input.location) issue.addIssue({ code: 'custom', path: ['location'], message: 'A full count covers floor and stockroom' })
    if (input.kind === 'cycle' && !input.items) issue.addIssue({ code: 'custom', path: ['items'], message: 'A cycle count names its items' })
    if (input.kind !== 'cycle' && input.items) issue.addIssue({ code: 'custom', path: ['items'], message: 'Only a cycle count names its items' })
  })
export type CreateCountInput = z.infer<typeof CreateCountInput>

export const EntryInput = z
  .object({
    /** Client id of the entry: a retry counts once. */
    id: ClientId,
    ...itemRefShape,
    /** Which location of the count sheet; may be left out when the count has a single location. */
    locationId: z.string().min(1).max(64).optional(),
    /**
     * What this counter found in this go (entries add up: several devices, several shelves). Negative
     * corrects this counter's own earlier entries of the line (this round); their total never goes below 0.
     */
    quantity: z.number().int().safe().min(-1_000_000).max(1_000_000),
    device: Text(1, 64).optional(),
  })
  .strict()
  .refine(exactlyOneRef, ONE_REF_MESSAGE)

export const SubmitCountInput = z
  .object({
    version: Version,
    /** Lines nobody counted are counted as 0 (a stocktake where unseen means gone); otherwise they block. */
    uncountedAsZero: z.boolean().default(false),
  })
  .strict()

export const CancelCountInput = z.object({ version: Version, reason: Text(0, 200).optional() }).strict()

export const ListCountsQuery = z
  .object({
    status: z.enum(['open', 'recount', 'submitted', 'cancelled', 'active']).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict()
export type ListCountsQuery = z.infer<typeof ListCountsQuery>

export const SheetQuery = z
  .object({
    /** Only the lines that wait for a recount. */
    recount: z.enum(['true', 'false']).optional(),
    locationId: z.string().min(1).max(64).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  })
  .strict()
export type SheetQuery = z.infer<typeof SheetQuery>
