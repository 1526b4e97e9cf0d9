import type { TFunction } from 'i18next'
import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { NETWORK_ERROR } from './api-client'

/**
 * A failed call in the screen's language. The server's `{ error: { code, message } }` message is
 * English and written for developers; the code is what the client translates (`errors.codes.<CODE>`
 * in web/i18n/{en,de}.json). Only a code without a key falls back to the server's message.
 *
 * Works on an ApiError, on an outbox item's stored error (same `status`/`code`/`message` shape) and on
 * anything else thrown (then the generic text — never the browser's "Failed to fetch").
 */

type ErrorLike = { status?: unknown; code?: unknown; message?: unknown; name?: unknown }

/** Per-screen wording for a code, where the general text would be vague (e.g. DUPLICATE on "new user"). */
export type ErrorOverrides = Partial<Record<string, string>>

const asErrorLike = (err: unknown): ErrorLike | null => (typeof err === 'object' && err !== null ? (err as ErrorLike) : null)

/** No answer at all: offline, server down, DNS, CORS — status 0 or the fetch TypeError itself. */
export function isNetworkFailure(err: unknown): boolean {
  const e = asErrorLike(err)
  if (!e) return false
  if (e.code === NETWORK_ERROR || e.status === 0) return true
  // A raw fetch that failed outside apiFetch: "Failed to fetch" (Chromium), "NetworkError …" (Firefox), "Load failed" (Safari).
  return e.name === 'TypeError' && typeof e.message === 'string' && /failed to fetch|networkerror|load failed/i.test(e.message)
}

export function errorText(t: TFunction, err: unknown, overrides: ErrorOverrides = {}): string {
  if (isNetworkFailure(err)) return overrides[NETWORK_ERROR] ?? t('errors.network')
  const e = asErrorLike(err)
  const code = typeof e?.code === 'string' ? e.code : null
  if (!code) return t('errors.generic')
  const override = overrides[code]
  if (override) return override
  const key = `errors.codes.${code}`
  if (t(key as 'errors.generic', { defaultValue: '' })) return t(key as 'errors.generic')
  const status = typeof e?.status === 'number' ? e.status : 0
  // Not our error shape (a proxy's HTML page, HTTP_502 …): its body is no message for a person.
  if (status >= 500 || code.startsWith('HTTP_')) return t('errors.generic')
  return typeof e?.message === 'string' && e.message.trim() ? e.message : t('errors.generic')
}

/** `const errorText = useErrorText()` then `errorText(mutation.error)` — follows the language switch. */
export function useErrorText(): (err: unknown, overrides?: ErrorOverrides) => string {
  const { t } = useTranslation()
  return useCallback((err: unknown, overrides?: ErrorOverrides) => errorText(t, err, overrides), [t])
}
