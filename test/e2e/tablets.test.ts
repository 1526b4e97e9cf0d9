import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIRST_STORE_ID, seedDemo } from '../../db/seed'
import { seriousViolations, signIn, untranslatedKeys } from './office-helpers'
import { launchBrowser, screenshotPath } from './support/browser'
import { startServer, type RunningServer } from './support/server'

/**
 * Store tablets in chromium: a stockroom worker's password sign-in registers the back-room tablet;
 * the store manager removes it in the office; on the tablet the person is signed out and the PIN
 * switch is refused.
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

async function check(page: Page, name: string) {
  await page.waitForLoadState('networkidle')
  expect(await untranslatedKeys(page), name).toEqual([])
  expect(await seriousViolations(page), name).toEqual([])
  await page.screenshot({ path: screenshotPath(name) })
}

describe('store tablets', () => {
  it('a store manager removes a lost tablet: the person on it is signed out and its PIN no longer works', async () => {
    const tabletContext = await browser.newContext({ viewport: { width: 768, height: 1024 }, locale: 'en-GB' })
    const officeContext = await browser.newContext({ viewport: { width: 768, height: 1024 }, locale: 'en-GB' })
    try {
      const tablet = await tabletContext.newPage()
      await signIn(tablet, server, 'E1002')
      const office = await officeContext.newPage()
      await signIn(office, server, 'E1004')
      await office.goto(`${server.url}/stores/${S}/office/admin`)
      const list = office.getByRole('list', { name: 'Tablets' })
      await list.waitFor()
      // The manager's own browser is a tablet of the store too, marked as the one in use.
      await list.getByTestId('tablet').filter({ hasText: 'This tablet' }).waitFor()
      const lost = list.getByTestId('tablet').filter({ hasText: 'Registered by Mehmet Yılmaz' })
      await expect(lost.textContent()).resolves.toMatch(/Chrome \d+ on Linux · [0-9a-f]{8}/)
      await check(office, 'office-tablets-768x1024')

      const remove = lost.getByRole('button', { name: /^Remove the tablet/ })
      expect((await remove.boundingBox())!.height).toBeGreaterThanOrEqual(48)
      await remove.click()
      const dialog = office.getByRole('dialog')
      await dialog.getByLabel('Reason (optional)').fill('Lost in the car park')
      await dialog.getByRole('button', { name: 'Remove tablet' }).click()
      await lost.getByText('Removed', { exact: true }).waitFor()
      await expect(lost.getByRole('button').count()).resolves.toBe(0)

      const { rows } = await server.database.client.execute({ sql: `SELECT after FROM audit_events WHERE action = 'device.revoked'`, args: [] })
      expect(rows).toHaveLength(1)
      expect(JSON.parse(String(rows[0]!.after))).toMatchObject({ reason: 'Lost in the car park', sessionsEnded: 1 })

      // On the tablet: the session is gone; the PIN is still offered (remembered here) but refused.
      await tablet.reload()
      await tablet.waitForURL(/\/sign-in/)
      await tablet.getByRole('radio', { name: 'PIN' }).click()
      await tablet.getByLabel('Employee number').fill('E1003')
      await tablet.getByLabel('PIN').fill('1003')
      await tablet.getByRole('button', { name: 'Switch user' }).click()
      await tablet.getByRole('alert').getByText('PIN switching only works on a store tablet. Sign in with your password.').waitFor()
      await expect(tablet.evaluate(() => localStorage.getItem('backstore.deviceStoreId'))).resolves.toBeNull()
    } finally {
      await tabletContext.close()
      await officeContext.close()
    }
  })
})
