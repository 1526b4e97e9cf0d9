import { z } from 'zod'
import { ROLES } from '../../../db/schema/index'

const Id = z.string().min(1).max(64)
const Text = (max: number) => z.string().trim().min(1).max(max)
export const Pin = z.string().regex(/^[0-9]{4,8}$/, 'A PIN has 4–8 digits')
export const Password = z.string().min(8, 'At least 8 characters').max(256)
const HHMM = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'Use HH:MM (24 h)')
const TimeZone = z.string().min(1).max(64).refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz })
    return true
  } catch {
    return false
  }
}, 'Not a known IANA time zone (e.g. Europe/Berlin)')
/** Region and store codes: a letter, then up to 15 upper-case letters, digits, - or _ ("NORD", "F1001"). */
const PlaceCode = z.string().trim().regex(/^[A-Z][A-Z0-9_-]{0,15}$/, 'A letter, then upper-case letters, digits, - or _')
const ClientId = z.string().regex(/^[A-Za-z0-9_-]{3,64}$/, 'Use 3–64 letters, digits, - or _')

/** A role in a scope: store roles at one store, the regional manager in one region, admin and auditor chain-wide. */
export const GrantInput = z
  .object({ role: z.enum(ROLES), storeId: Id.optional(), regionId: Id.optional() })
  .strict()
export type GrantInput = z.infer<typeof GrantInput>

export const CreateUserInput = z
  .object({
    employeeNo: z.string().min(1).max(64),
    name: Text(100),
    password: Password,
    pin: Pin.optional(),
    locale: z.enum(['en', 'de']).default('en'),
    /** Store managers must give one at their store: a user they create is a user of their store. */
    role: GrantInput.optional(),
  })
  .strict()
export type CreateUserInput = z.input<typeof CreateUserInput>

export const ResetPinInput = z.object({ pin: Pin }).strict()
/** A temporary password for someone: they must replace it when they next sign in. */
export const ResetPasswordInput = z.object({ password: Password }).strict()

export const ListUsersQuery = z
  .object({
    storeId: Id.optional(),
    q: z.string().trim().max(100).optional(),
    includeDisabled: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).default(false),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
  })
  .strict()

export const RegionInput = z.object({ code: PlaceCode, name: Text(100), id: ClientId.optional() }).strict()
export const RegionPatch = RegionInput.omit({ id: true }).partial().strict()

const storeFields = {
  regionId: Id,
  code: PlaceCode,
  name: Text(100),
  city: Text(100),
  timezone: TimeZone,
  opensAt: HHMM,
  closesAt: HHMM,
}
export const StoreInput = z
  .object({
    ...storeFields,
    id: ClientId.optional(),
    timezone: TimeZone.default('Europe/Berlin'),
    opensAt: HHMM.default('08:00'),
    closesAt: HHMM.default('20:00'),
  })
  .strict()
/** Only what is sent changes (no defaults here: a missing field keeps its value). */
export const StorePatch = z.object(storeFields).partial().extend({ active: z.boolean().optional() }).strict()

export const ReasonCodeInput = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9_]{1,31}$/, 'Lower-case letters, digits and _'),
    labelEn: Text(100),
    labelDe: Text(100),
    requiresNote: z.boolean().default(false),
    sortOrder: z.number().int().min(0).max(10_000).default(100),
  })
  .strict()
export const ReasonCodePatch = z
  .object({ labelEn: Text(100), labelDe: Text(100), requiresNote: z.boolean(), sortOrder: z.number().int().min(0).max(10_000), active: z.boolean() })
  .partial()
  .strict()

const Units = z.number().int().min(0).max(1_000_000)
export const ShelfSettingsInput = z
  .object({ shelfMin: Units, shelfTarget: Units })
  .strict()
  .refine((s) => s.shelfTarget >= s.shelfMin, { message: 'The shelf target cannot be below the minimum', path: ['shelfTarget'] })
