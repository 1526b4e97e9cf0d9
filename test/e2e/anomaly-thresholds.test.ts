import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIRST_STORE_ID, seedDemo } from '../../db/seed'
import { seriousViolations, signIn, untranslatedKeys } from './office-helpers'
import { launchBrowser, screenshotPath } from './support/browser'
import { startServer, type RunningServer } from './support/server'
import { smallTouchTargets } from './support/touch-targets'

/**
 * The chain's anomaly thresholds in the office: an administrator changes one and goes back to the
 * defaults; a store manager reads them in German. Real server, chromium, axe and touch targets.
 */
let server: RunningServer
let browser: Browser
const S = FIRST_STORE_ID

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startServer((db) => seedDemo(db, { stores: 2, items: 50, weeks: 1 })), launchBrowser()])
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const stored = async () => {
  const { rows } = await server.database.client.execute('SELECT overrides FROM anomaly_thresholds')
  return rows.map((r) => JSON.parse(String(r.overrides)) as unknown)
}

describe('anomaly thresholds in the office', () => {
  it('an administrator changes one threshold and goes back to the defaults', async () => {
    const context = await browser.newContext({ viewport: { width: 768, height: 1024 }, locale: 'en-GB' })
    const page = await context.newPage()
    const pageErrors: string[] = []
    page.on('pageerror', (err) => pageErrors.push(err.message))
    try {
      await signIn(page, server, 'E9001')
      await page.goto(`${server.url}/stores/${S}/office/admin`)
      const form = page.getByRole('form', { name: 'Anomaly thresholds' })
      const repeat = form.getByLabel('Flag one item written off by one person in at least this many corrections')
      await expect(repeat.inputValue()).resolves.toBe('3')
      await form.getByText('Every threshold is at its default.').waitFor()
      await page.waitForLoadState('networkidle')
      expect(await untranslatedKeys(page)).toEqual([])
      expect(await seriousViolations(page)).toEqual([])
      expect(await smallTouchTargets(page)).toEqual([])

      await repeat.fill('5')
      await form.getByLabel("Flag one pair above this share of a store's confirmed corrections (%)").fill('40')
      await form.getByRole('button', { name: 'Save', exact: true }).click()
      await form.getByText('The anomaly reports use the new thresholds from now on.').waitFor()
      expect(await stored()).toEqual([{ pairMaxShare: 0.4, repeatMinCount: 5 }])
      await page.screenshot({ path: screenshotPath('office-anomaly-thresholds-768x1024'), fullPage: true })

      // Stored: a new page load shows them.
      await page.reload()
      await expect(form.getByLabel('Flag one item written off by one person in at least this many corrections').inputValue()).resolves.toBe('5')

      page.once('dialog', (d) => void d.accept())
      await form.getByRole('button', { name: 'Back to the defaults' }).click()
      await form.getByText('Every anomaly threshold is back at its default.').waitFor()
      expect(await stored()).toEqual([])
      await expect(repeat.inputValue()).resolves.toBe('3')
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('a store manager reads them, in German, without a form', async () => {
    await server.database.client.execute(`INSERT INTO anomaly_thresholds (id, overrides, updated_at) VALUES ('chain', '{"shrinkFactor":2.5}', '2026-11-20T09:00:00.000Z')`)
    const context = await browser.newContext({ viewport: { width: 768, height: 1024 }, locale: 'en-GB' })
    const page = await context.newPage()
    try {
      await signIn(page, server, 'E1004')
      // The language chosen on this device wins over the profile's.
      await page.evaluate(() => localStorage.setItem('backstore.language', 'de'))
      await page.goto(`${server.url}/stores/${S}/office/admin`)
      await page.getByText('1 Schwelle ist für die Kette festgelegt; die übrigen stehen auf ihrem Standardwert.').waitFor()
      await page.locator('dd', { hasText: '2,5× für die Kette festgelegt' }).waitFor()
      await page.getByText('Nur Administratoren ändern die Schwellen für Auffälligkeiten.').waitFor()
      await expect(page.getByRole('form', { name: 'Schwellen für Auffälligkeiten' }).count()).resolves.toBe(0)
      await page.waitForLoadState('networkidle')
      expect(await untranslatedKeys(page)).toEqual([])
      expect(await seriousViolations(page)).toEqual([])
      await page.screenshot({ path: screenshotPath('office-anomaly-thresholds-de-768x1024'), fullPage: true })
    } finally {
      await context.close()
    }
  })
})
