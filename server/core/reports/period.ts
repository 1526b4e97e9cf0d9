import { z } from 'zod'
import { DomainError } from '../errors'

/** A calendar day (UTC), YYYY-MM-DD. */
export const DateOnly = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'Not a calendar day')

export type Period = {
  from: string
  to: string
  /** Inclusive lower bound as stored timestamps compare (ISO, UTC). */
  fromTs: string
  /** Exclusive upper bound: the start of the day after `to`. */
  toTs: string
  days: number
}

const DAY_MS = 86_400_000

export const dayStart = (day: string) => `${day}T00:00:00.000Z`
export const nextDayStart = (day: string) => new Date(Date.parse(dayStart(day)) + DAY_MS).toISOString()
export const addDays = (day: string, n: number) => new Date(Date.parse(dayStart(day)) + n * DAY_MS).toISOString().slice(0, 10)

/** Monday (UTC) of the week containing `day`. */
export function weekStart(day: string) {
  const weekday = new Date(dayStart(day)).getUTCDay() // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7))
}

/** Both ends inclusive, whole UTC days; refuses reversed or overlong periods. */
export function toPeriod(from: string, to: string, maxDays = 731): Period {
  if (to < from) throw new DomainError('VALIDATION_FAILED', 'The period ends before it starts', { from, to })
  const days = Math.round((Date.parse(dayStart(to)) - Date.parse(dayStart(from))) / DAY_MS) + 1
  if (days > maxDays) throw new DomainError('VALIDATION_FAILED', `A period may cover at most ${maxDays} days`, { from, to, days })
  return { from, to, fromTs: dayStart(from), toTs: nextDayStart(to), days }
}
