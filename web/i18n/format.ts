import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'

/** Money is integer minor units; the chain trades in one currency. */
export const CURRENCY = 'EUR'

const localeFor = (language: string) => (language === 'de' ? 'de-DE' : 'en-GB')

export function createFormatters(language: string) {
  const locale = localeFor(language)
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })
  const signed = new Intl.NumberFormat(locale, { maximumFractionDigits: 0, signDisplay: 'exceptZero' })
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency: CURRENCY })
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' })
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
  return {
    locale,
    number: (n: number) => integer.format(n),
    signedNumber: (n: number) => signed.format(n),
    /** `cents` is an integer number of minor units. */
    money: (cents: number) => money.format(cents / 100),
    dateTime: (iso: string | Date) => dateTime.format(typeof iso === 'string' ? new Date(iso) : iso),
    date: (iso: string | Date) => date.format(typeof iso === 'string' ? new Date(iso) : iso),
    /** "5 minutes ago", "yesterday"… for recent times; the full date beyond a week. */
    relative: (iso: string | Date, now: Date = new Date()) => {
      const then = typeof iso === 'string' ? new Date(iso) : iso
      const seconds = Math.round((then.getTime() - now.getTime()) / 1000)
      const abs = Math.abs(seconds)
      if (abs < 60) return relative.format(seconds, 'second')
      if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute')
      if (abs < 86_400) return relative.format(Math.round(seconds / 3600), 'hour')
      if (abs < 7 * 86_400) return relative.format(Math.round(seconds / 86_400), 'day')
      return dateTime.format(then)
    },
  }
}

export type Formatters = ReturnType<typeof createFormatters>

export function useFormat(): Formatters {
  const { i18n } = useTranslation()
  return useMemo(() => createFormatters(i18n.language), [i18n.language])
}
