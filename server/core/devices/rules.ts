/**
 * Telling store tablets apart by their browser: a short, readable summary of a User-Agent string.
 * Pure (no I/O); the server answers it with each device and the web client may use it too.
 */

export type AgentSummary = { browser: string | null; os: string | null }

const major = (version: string | undefined) => (version ? version.split(/[._]/)[0] : undefined)
const named = (name: string, version: string | undefined) => (version ? `${name} ${major(version)}` : name)

const BROWSERS: Array<[RegExp, string]> = [
  [/EdgA?\/([\d.]+)/, 'Edge'],
  [/EdgiOS\/([\d.]+)/, 'Edge'],
  [/SamsungBrowser\/([\d.]+)/, 'Samsung Internet'],
  [/OPR\/([\d.]+)/, 'Opera'],
  [/FxiOS\/([\d.]+)/, 'Firefox'],
  [/Firefox\/([\d.]+)/, 'Firefox'],
  [/CriOS\/([\d.]+)/, 'Chrome'],
  [/HeadlessChrome\/([\d.]+)/, 'Headless Chrome'],
  [/Chrom(?:e|ium)\/([\d.]+)/, 'Chrome'],
  [/Version\/([\d.]+).*Safari\//, 'Safari'],
]

function os(ua: string): string | null {
  let m: RegExpExecArray | null
  if ((m = /iPad.*? OS ([\d_]+)/.exec(ua))) return named('iPadOS', m[1])
  if ((m = /iPhone.*? OS ([\d_]+)/.exec(ua))) return named('iOS', m[1])
  if ((m = /Android ([\d.]+)/.exec(ua))) return named('Android', m[1])
  if (/Android/.test(ua)) return 'Android'
  if (/CrOS/.test(ua)) return 'ChromeOS'
  if (/Windows NT/.test(ua)) return 'Windows'
  if (/Mac OS X/.test(ua)) return 'macOS'
  if (/Linux/.test(ua)) return 'Linux'
  return null
}

/** `{ browser: 'Chrome 131', os: 'Android 14' }`; a part that cannot be told is null (the UI says "unknown"). */
export function summarizeUserAgent(userAgent: string | null | undefined): AgentSummary {
  const ua = (userAgent ?? '').slice(0, 400)
  if (!ua.trim()) return { browser: null, os: null }
  const browser = BROWSERS.map(([re, name]) => [re.exec(ua), name] as const).find(([m]) => m !== null)
  return { browser: browser ? named(browser[1], browser[0]![1]) : null, os: os(ua) }
}

/** The first characters of a device id: enough to tell a store's tablets apart on screen. */
export const shortDeviceId = (id: string) => id.slice(0, 8)
