/** Report periods: whole UTC days, both ends inclusive (as the reports API takes them). */

const DAY = 86_400_000
export const isoDay = (d: Date) => d.toISOString().slice(0, 10)
export const addDays = (day: string, n: number) => isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY))
const isDay = (s: string | null): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`))

export const PRESETS = ['7', '28', '91', '365'] as const
export type Preset = (typeof PRESETS)[number]

/** The last n days up to today. */
export const presetPeriod = (days: number, today: string = isoDay(new Date())) => ({ from: addDays(today, -(days - 1)), to: today })

/** From the URL, or the last four weeks. */
export function periodFrom(search: URLSearchParams, today: string = isoDay(new Date())): { from: string; to: string } {
  const from = search.get('from')
  const to = search.get('to')
  if (isDay(from) && isDay(to) && from <= to) return { from, to }
  return presetPeriod(28, today)
}

/** Which preset a period is, if any. */
export function presetOf(period: { from: string; to: string }, today: string = isoDay(new Date())): Preset | null {
  return PRESETS.find((p) => {
    const q = presetPeriod(Number(p), today)
    return q.from === period.from && q.to === period.to
  }) ?? null
}
