import { z } from 'zod'

/**
 * Every threshold of the anomaly detectors, with its default. Each may be overridden per request
 * (query parameter of the same name), so an office can tune a noisy detector without a release.
 */
export const AnomalyThresholds = z
  .object({
    /** Same enterer–confirmer pair: flagged above this share of a store's confirmed corrections… */
    pairMaxShare: z.coerce.number().min(0).max(1).default(0.5),
    /** …if the store has at least this many confirmed corrections in the period… */
    pairMinStoreCorrections: z.coerce.number().int().min(1).max(100_000).default(10),
    /** …and the pair at least this many. */
    pairMinPairCorrections: z.coerce.number().int().min(1).max(100_000).default(5),
    /** Just under a tier threshold: within this fraction below lead_max or store_manager_max… */
    nearBand: z.coerce.number().min(0).max(0.5).default(0.1),
    /** …at least this many times by one person in one store. */
    nearMinCount: z.coerce.number().int().min(1).max(10_000).default(3),
    /** The same item written off by the same person in at least this many corrections. */
    repeatMinCount: z.coerce.number().int().min(2).max(10_000).default(3),
    /** A correction entered within this many hours after the enterer counted one of its items. */
    countWindowHours: z.coerce.number().min(0).max(24 * 30).default(24),
    /** Confirmations more than this many minutes before opening or after closing (store local time). */
    hoursGraceMinutes: z.coerce.number().int().min(0).max(12 * 60).default(30),
    /** A store's shrink above this multiple of the median of the other stores of its region… */
    shrinkFactor: z.coerce.number().min(1).max(100).default(2),
    /** …compared only when the region has at least this many other stores in the report. */
    shrinkMinPeers: z.coerce.number().int().min(1).max(1000).default(2),
  })
  .strict()

export type AnomalyThresholds = z.output<typeof AnomalyThresholds>
export const DEFAULT_THRESHOLDS: AnomalyThresholds = AnomalyThresholds.parse({})
