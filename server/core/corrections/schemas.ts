import { z } from 'zod'

/**
 * Inputs of the correction verbs. Objects are strict: a body that names `enteredBy`, `status` or any
 * other field we do not expect is refused (400), so nobody can smuggle in an actor or a state.
 */

/** Client-generated id (UUID v7 recommended): the same id sent twice enters one correction. */
export const CorrectionId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'Use 8–64 letters, digits, - or _')

const EntityId = z.string().min(1).max(64)

// Control characters (other than tab/newline) and bidi overrides make notes lie about what they say.
const UNSAFE_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Free text: NFC, trimmed, no control or bidi-override characters, no lone surrogates. */
export const Text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !LONE_SURROGATE.test(s), 'Text contains broken characters')
    .transform((s) => s.normalize('NFC').trim())
    .refine((s) => !UNSAFE_TEXT.test(s), 'Text contains control characters')
    .refine((s) => s.length <= max, `At most ${max} characters`)

/** Signed whole units; 0 (and -0) mean nothing and are refused. */
export const QuantityDelta = z
  .number()
  .int()
  .min(-1_000_000)
  .max(1_000_000)
  .refine((n) => n !== 0, 'A line must change the quantity (not 0)')

export const CorrectionLineInput = z
  .object({ locationId: EntityId, itemId: EntityId, quantityDelta: QuantityDelta })
  .strict()

export const CORRECTION_ENTRY_SOURCES = ['backroom', 'floor_report'] as const

/** What a tablet sends to enter a correction (the store comes from the path, the enterer from the session). */
export const CorrectionEntry = z
  .object({
    id: CorrectionId,
    source: z.enum(CORRECTION_ENTRY_SOURCES).default('backroom'),
    reasonCode: z.string().min(1).max(40),
    note: Text(500).optional(),
    lines: z.array(CorrectionLineInput).min(1).max(100),
  })
  .strict()
  .superRefine((entry, issue) => {
    const seen = new Set<string>()
    entry.lines.forEach((line, i) => {
      const key = `${line.locationId}\u0000${line.itemId}`
      if (seen.has(key)) issue.addIssue({ code: 'custom', path: ['lines', i], message: 'Each item may appear once per location' })
      seen.add(key)
    })
  })

export type CorrectionEntry = z.input<typeof CorrectionEntry>
export type EnterCorrectionInput = CorrectionEntry & { storeId: string }

const EmployeeNo = z.string().trim().min(1).max(32)

/** A second person's fresh proof of identity, typed on the tablet they were handed. */
export const Credentials = z.union([
  z.object({ employeeNo: EmployeeNo, pin: z.string().regex(/^[0-9]{4,8}$/, 'A PIN has 4–8 digits') }).strict(),
  z.object({ employeeNo: EmployeeNo, password: z.string().min(1).max(256) }).strict(),
])
export type Credentials = z.infer<typeof Credentials>

const Version = z.number().int().min(1).max(1_000_000)

export const ConfirmBody = z.object({ version: Version, credentials: Credentials.optional() }).strict()
export const RejectBody = z.object({ version: Version, reason: Text(500).pipe(z.string().min(1, 'Give a reason')), credentials: Credentials.optional() }).strict()
export const CancelBody = z.object({ version: Version.optional(), reason: Text(500).optional() }).strict()

export type ConfirmInput = z.input<typeof ConfirmBody> & { storeId: string; id: string }
export type RejectInput = z.input<typeof RejectBody> & { storeId: string; id: string }
export type CancelInput = z.input<typeof CancelBody> & { storeId: string; id: string }

const Money = z.number().int().min(0).max(1_000_000_000_000)

/** A tier policy (chain default or one store's override). */
export const TierPolicyBody = z
  .object({
    leadMax: Money,
    storeManagerMax: Money,
    allowNegativeStockroom: z.boolean(),
    recountUnits: z.number().int().min(0).max(1_000_000).optional(),
    recountValue: Money.optional(),
    escalateAfterHours: z.number().int().min(1).max(24 * 90).optional(),
  })
  .strict()
  .refine((p) => p.storeManagerMax >= p.leadMax, { message: 'storeManagerMax must be at least leadMax', path: ['storeManagerMax'] })

export type TierPolicyInput = z.input<typeof TierPolicyBody> & { storeId: string | null }

export const CORRECTION_LIST_STATUSES = ['pending', 'confirmed', 'rejected', 'cancelled'] as const
