import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, FIRST_STORE_ID, seedDemo } from '../../db/seed'
import { launchBrowser, screenshotPath } from './support/browser'
import { startServer, type RunningServer } from './support/server'
import { smallTouchTargets } from './support/touch-targets'

/**
 * The floor look-up from the outside: the real app on a seeded database, Debian's chromium, a clerk
 * signing in and "scanning" a real barcode the way a keyboard-wedge scanner types it.
 */
let server: RunningServer
let browser: Browser

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startServer((db) => seedDemo(db, { stores: 2, items: 200, weeks: 1 })), launchBrowser()])
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

/** A barcode of the first store whose item has stock on the floor and in the stockroom. */
async function barcodeWithStock(): Promise<string> {
  const { rows } = await server.database.client.execute({
    sql: `SELECT b.barcode
            FROM item_barcodes b
            JOIN balances f ON f.item_id = b.item_id AND f.store_id = ?1
            JOIN locations fl ON fl.id = f.location_id AND fl.kind = 'floor'
            JOIN balances s ON s.item_id = b.item_id AND s.store_id = ?1
            JOIN locations sl ON sl.id = s.location_id AND sl.kind = 'stockroom'
           WHERE f.quantity > 0 AND s.quantity > 0
           ORDER BY b.barcode LIMIT 1`,
    args: [FIRST_STORE_ID],
  })
  const code = rows[0]?.barcode
  if (typeof code !== 'string') throw new Error('the seed has no item with floor and stockroom stock in the first store')
  return code
}

async function signIn(page: Page, employeeNo: string) {
  await page.goto(server.url + '/')
  await page.getByLabel('Employee number').fill(employeeNo)
  await page.getByLabel('Password').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL(/\/stores\/[^/]+\/(floor|backroom|office)/)
}

/** A clerk lands on the floor; it is its own chunk, so scans count once its screen is up. */
async function signInToFloor(page: Page, employeeNo: string) {
  await signIn(page, employeeNo)
  await page.getByPlaceholder('Name, SKU or barcode').waitFor()
}

const statValue = (page: Page, label: string) =>
  page.getByTestId('item-card').locator('.stat', { has: page.locator('.stat-label', { hasText: new RegExp(`^${label}$`) }) }).locator('.stat-value')

describe('floor look-up in a real browser', () => {
  it('a clerk scans a barcode and sees floor and stockroom stock as the API reports it', async () => {
    const code = await barcodeWithStock()
    const context = await browser.newContext({ viewport: { width: 768, height: 1024 }, locale: 'en-GB' })
    const page = await context.newPage()
    const pageErrors: string[] = []
    page.on('pageerror', (err) => pageErrors.push(err.message))
    try {
      await signInToFloor(page, 'E1001')
      expect(page.url()).toContain(`/stores/${FIRST_STORE_ID}/floor`)
      await expect(page.getByRole('banner').getByText('E1001', { exact: false }).first().isVisible()).resolves.toBe(true)

      // A wedge scanner: digits a few ms apart, then Enter, with the focus anywhere on the page.
      const answer = page.waitForResponse((r) => r.url().includes('/items/lookup?') && r.request().method() === 'GET')
      await page.keyboard.type(code, { delay: 5 })
      await page.keyboard.press('Enter')
      expect((await answer).status()).toBe(200)
      await page.getByTestId('item-card').waitFor()

      // The same question asked of the API on the same session, independently of the page.
      const res = await page.request.get(`${server.url}/api/stores/${FIRST_STORE_ID}/items/lookup?code=${code}`)
      expect(res.status()).toBe(200)
      const api = (await res.json()) as { item: { name: string; barcodes: string[] }; stock: { floor: number; stockroom: number; inTransit: number } }
      expect(api.item.barcodes).toContain(code)

      const number = (n: number) => new Intl.NumberFormat('en-GB').format(n)
      await expect(page.getByTestId('item-card').getByRole('heading', { level: 2 }).first().textContent()).resolves.toBe(api.item.name)
      await expect(statValue(page, 'Floor').textContent()).resolves.toBe(number(api.stock.floor))
      await expect(statValue(page, 'Stockroom').textContent()).resolves.toBe(number(api.stock.stockroom))
      await expect(statValue(page, 'In transit').textContent()).resolves.toBe(number(api.stock.inTransit))
      expect(new URL(page.url()).searchParams.get('code')).toBe(code)

      await page.screenshot({ path: screenshotPath('floor-lookup-768x1024'), fullPage: false })

      // Tablet-first: every button, link and field of the floor is at least 44×44 CSS px — the item card,
      // the damage report dialog (its close button beside a long title), and on a phone (the home link).
      expect(await smallTouchTargets(page)).toEqual([])
      await page.getByRole('button', { name: 'Report damaged / missing' }).click()
      await page.getByRole('dialog').getByRole('radio').first().waitFor()
      expect(await smallTouchTargets(page)).toEqual([])
      await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click()
      await page.setViewportSize({ width: 390, height: 844 })
      expect(await smallTouchTargets(page)).toEqual([])
      await page.setViewportSize({ width: 768, height: 1024 })

      // An unknown code gets a clear message, not an empty card.
      await page.keyboard.type('4009999999993', { delay: 5 })
      await page.keyboard.press('Enter')
      await page.getByRole('alert').filter({ hasText: 'Unknown barcode 4009999999993' }).waitFor()
      await page.screenshot({ path: screenshotPath('floor-unknown-768x1024') })

      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('a clerk sees only the sales floor; a store manager lands in the office and gets all three workspaces', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' })
    const page = await context.newPage()
    try {
      await signIn(page, 'E1004')
      await page.getByRole('heading', { name: 'Office', level: 1 }).waitFor()
      expect(new URL(page.url()).pathname).toBe(`/stores/${FIRST_STORE_ID}/office`)
      const nav = page.getByRole('navigation', { name: 'Workspaces' }).first()
      await expect(nav.getByRole('link').allTextContents()).resolves.toEqual(['Sales floor', 'Back room', 'Office'])
      // Every control is at least 44×44 CSS px in the office, the back room and the review queue's
      // filter chips, on a desktop and on a phone.
      for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
        await page.setViewportSize(viewport)
        await page.goto(`${server.url}/stores/${FIRST_STORE_ID}/office`)
        await page.getByRole('heading', { name: 'Office', level: 1 }).waitFor()
        expect(await smallTouchTargets(page), `office ${viewport.width}`).toEqual([])
        await page.goto(`${server.url}/stores/${FIRST_STORE_ID}/backroom`)
        await page.locator('.tile-link').first().waitFor()
        expect(await smallTouchTargets(page), `back room ${viewport.width}`).toEqual([])
        await page.goto(`${server.url}/stores/${FIRST_STORE_ID}/office/review?category=dairy`)
        await page.getByRole('button', { name: /^Remove filter/ }).waitFor()
        expect(await smallTouchTargets(page), `review ${viewport.width}`).toEqual([])
      }
      await page.setViewportSize({ width: 1280, height: 800 })
      await page.goto(`${server.url}/stores/${FIRST_STORE_ID}/office`)
      await page.getByRole('heading', { name: 'Office', level: 1 }).waitFor()

      await nav.getByRole('link', { name: 'Back room' }).click()
      await page.waitForURL(/\/backroom$/)
      await nav.getByRole('link', { name: 'Office' }).click()
      await page.getByRole('heading', { name: 'Office', level: 1 }).waitFor()
      await page.screenshot({ path: screenshotPath('office-1280x800') })

      // Switch user signs the manager out and offers the PIN on this (now registered) browser.
      await page.getByRole('banner').getByRole('button', { name: 'Switch user' }).click()
      await page.getByRole('radio', { name: 'PIN' }).waitFor()
      await page.getByLabel('Employee number').fill('E1001')
      await page.getByLabel('PIN').fill('1001')
      await page.getByRole('button', { name: 'Switch user' }).click()
      await page.getByPlaceholder('Name, SKU or barcode').waitFor()
      await expect(page.getByRole('navigation', { name: 'Workspaces' }).count()).resolves.toBe(0)
      await page.goto(`${server.url}/stores/${FIRST_STORE_ID}/office`)
      await page.getByPlaceholder('Name, SKU or barcode').waitFor()
      expect(new URL(page.url()).pathname).toBe(`/stores/${FIRST_STORE_ID}/floor`)
    } finally {
      await context.close()
    }
  })
})
