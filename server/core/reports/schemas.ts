import { z } from 'zod'
import { IdList } from '../review/schemas'
import { DateOnly } from './period'

/** A period (whole UTC days, both inclusive) and a selection of stores within the caller's scope. */
export const PeriodQuery = z
  .object({
    from: DateOnly,
    to: DateOnly,
    regionId: z.string().min(1).max(64).optional(),
    storeIds: IdList.optional(),
  })
  .strict()

export const ReportQuery = PeriodQuery.extend({
  topItems: z.coerce.number().int().min(1).max(100).default(10),
}).strict()

export type ReportQueryInput = z.input<typeof ReportQuery>
