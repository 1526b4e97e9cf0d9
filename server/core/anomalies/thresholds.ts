import { z } from 'zod'
import { THRESHOLD_NAMES, THRESHOLD_SPECS as SPECS, type Spec, type ThresholdName } from './rules'

export { applyThresholds, DEFAULT_THRESHOLDS, THRESHOLD_NAMES, type ThresholdName, type ThresholdSource } from './rules'

const shape = <T extends z.ZodType>(field: (spec: Spec) => T) =>
  Object.fromEntries(THRESHOLD_NAMES.map((name) => [name, field(SPECS[name])])) as { [K in ThresholdName]: T }

const inRange = (spec: Spec, n: z.ZodNumber) => (spec.int ? n.int() : n).min(spec.min).max(spec.max)

/** Every threshold, each a JSON number in its range (what the detectors get). */
export const AnomalyThresholds = z.object(shape((spec) => inRange(spec, z.number()))).strict()
export type AnomalyThresholds = z.output<typeof AnomalyThresholds>

/**
 * Some thresholds, as the chain stores them and the office sends them (PUT): JSON numbers only, no
 * unknown names. A name left out follows the default.
 */
export const ThresholdOverrides = z.object(shape((spec) => inRange(spec, z.number()).optional())).strict()
export type ThresholdOverrides = z.output<typeof ThresholdOverrides>

/** The same, as query parameters of GET /reports/anomalies (text, coerced to numbers). */
export const ThresholdQuery = z.object(shape((spec) => inRange(spec, z.coerce.number()).optional()))

/**
 * Reads stored overrides leniently, one threshold at a time: a value that no longer fits (a range
 * narrowed by a later release, a name since removed) is left out — its default applies — and named in
 * `ignored`, so one stale value never stops the anomaly report.
 */
export function parseStoredOverrides(json: string): { overrides: ThresholdOverrides; ignored: string[] } {
  let raw: unknown
  try {
    raw = JSON.parse(json)
  } catch {
    return { overrides: {}, ignored: ['*'] }
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { overrides: {}, ignored: ['*'] }
  const overrides: ThresholdOverrides = {}
  const ignored: string[] = []
  for (const [name, value] of Object.entries(raw)) {
    const known = (THRESHOLD_NAMES as string[]).includes(name)
    const parsed = known ? ThresholdOverrides.shape[name as ThresholdName].safeParse(value) : null
    if (parsed?.success && parsed.data !== undefined) overrides[name as ThresholdName] = parsed.data
    else ignored.push(name)
  }
  return { overrides, ignored }
}
