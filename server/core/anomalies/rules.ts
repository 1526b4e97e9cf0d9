/**
 * The anomaly detectors' thresholds as plain data and pure functions, shared by the server (which
 * enforces them with the zod schemas in thresholds.ts) and the office form (which checks as you type).
 */

export type Spec = { int: boolean; min: number; max: number; default: number }

/**
 * Every threshold of the anomaly detectors: its range and its default. The defaults live here, in
 * code; the chain may store its own values for some of them (anomaly_thresholds, set by an
 * administrator), and a request may override any of them by a query parameter of the same name.
 */
const SPECS = {
  /** Same enterer–confirmer pair: flagged above this share of a store's confirmed corrections… */
  pairMaxShare: { int: false, min: 0, max: 1, default: 0.5 },
  /** …if the store has at least this many confirmed corrections in the period… */
  pairMinStoreCorrections: { int: true, min: 1, max: 100_000, default: 10 },
  /** …and the pair at least this many. */
  pairMinPairCorrections: { int: true, min: 1, max: 100_000, default: 5 },
  /** Just under a tier threshold: within this fraction below lead_max or store_manager_max… */
  nearBand: { int: false, min: 0, max: 0.5, default: 0.1 },
  /** …at least this many times by one person in one store. */
  nearMinCount: { int: true, min: 1, max: 10_000, default: 3 },
  /** The same item written off by the same person in at least this many corrections. */
  repeatMinCount: { int: true, min: 2, max: 10_000, default: 3 },
  /** A correction entered within this many hours after the enterer counted one of its items. */
  countWindowHours: { int: false, min: 0, max: 24 * 30, default: 24 },
  /** Confirmations more than this many minutes before opening or after closing (store local time). */
  hoursGraceMinutes: { int: true, min: 0, max: 12 * 60, default: 30 },
  /** A store's shrink above this multiple of the median of the other stores of its region… */
  shrinkFactor: { int: false, min: 1, max: 100, default: 2 },
  /** …compared only when the region has at least this many other stores in the report. */
  shrinkMinPeers: { int: true, min: 1, max: 1000, default: 2 },
} as const satisfies Record<string, Spec>

export type ThresholdName = keyof typeof SPECS
export const THRESHOLD_NAMES = Object.keys(SPECS) as ThresholdName[]
/** Ranges and defaults, for the office form (the server checks them again). */
export const THRESHOLD_SPECS: Readonly<Record<ThresholdName, Spec>> = SPECS

export type ThresholdValues = Record<ThresholdName, number>
export const DEFAULT_THRESHOLDS = Object.fromEntries(THRESHOLD_NAMES.map((name) => [name, SPECS[name].default])) as ThresholdValues

/** Whether a value is allowed for a threshold (its range, and a whole number where one is needed). */
export const validThreshold = (name: ThresholdName, value: number) => {
  const spec = SPECS[name]
  return Number.isFinite(value) && (!spec.int || Number.isSafeInteger(value)) && value >= spec.min && value <= spec.max
}

/** Where a threshold in force came from: the code, the chain's stored values, or the request. */
export type ThresholdSource = 'default' | 'chain' | 'request'

/** The thresholds in force: the defaults, overridden by the chain's, overridden by the request's. */
export function applyThresholds(chain: Partial<ThresholdValues>, request: Partial<ThresholdValues> = {}) {
  const values = { ...DEFAULT_THRESHOLDS }
  const sources = {} as Record<ThresholdName, ThresholdSource>
  for (const name of THRESHOLD_NAMES) {
    const fromRequest = request[name]
    const fromChain = chain[name]
    values[name] = fromRequest ?? fromChain ?? DEFAULT_THRESHOLDS[name]
    sources[name] = fromRequest !== undefined ? 'request' : fromChain !== undefined ? 'chain' : 'default'
  }
  return { values, sources }
}
