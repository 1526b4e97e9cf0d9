import { describe, expect, it } from 'vitest'
import { shortDeviceId, summarizeUserAgent } from '../../server/core/devices/rules'

describe('summarizeUserAgent: telling a store’s tablets apart', () => {
  it.each([
    ['Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.39 Safari/537.36', 'Chrome 131', 'Android 14'],
    ['Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1', 'Safari 17', 'iPadOS 17'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1', 'Chrome 131', 'iOS 18'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.70', 'Edge 131', 'Windows'],
    ['Mozilla/5.0 (Linux; Android 13; SM-T220) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Safari/537.36', 'Samsung Internet 26', 'Android 13'],
    ['Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0', 'Firefox 133', 'Linux'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15', 'Safari 18', 'macOS'],
    ['Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', 'Chrome 131', 'ChromeOS'],
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36', 'Headless Chrome 131', 'Linux'],
    ['curl/8.5.0', null, null],
    ['', null, null],
  ])('%s', (ua, browser, os) => {
    expect(summarizeUserAgent(ua)).toEqual({ browser, os })
  })

  it('no User-Agent at all is unknown, not an error', () => {
    expect(summarizeUserAgent(null)).toEqual({ browser: null, os: null })
    expect(summarizeUserAgent(undefined)).toEqual({ browser: null, os: null })
  })

  it('a short id is the first 8 characters of the device id', () => {
    expect(shortDeviceId('3f2a9c1e'.padEnd(64, '0'))).toBe('3f2a9c1e')
  })
})
