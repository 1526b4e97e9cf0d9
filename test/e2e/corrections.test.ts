import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIRST_STORE_ID, seedDemo } from '../../db/seed'
import { enterCorrection, locationId, seriousViolations, signIn, stockroomItems, stockroomQuantity, untranslatedKeys } from './office-helpers'
import { launchBrowser, screenshotPath } from './support/browser'
import { startServer, type RunningServer } from './support/server'

/**
 * The four-eyes control on a shared tablet, in chromium against the real app: the back-room worker who
 * entered a correction cannot confirm it, a store manager confirms it with their PIN on the same page,
 * and the stock moves exactly once.
 */
let server: RunningServer
let browser: Browser
const S = FIRST_STORE_ID

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startServer((db) => seedDemo(db, { stores: 2, items: 200, weeks: 1 })), launchBrowser()])
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

describe('corrections in the browser', () => {
  it('the enterer cannot confirm; a manager confirms with their PIN on the same tablet; stock moves once', async () => {
    const context = await browser.newContext({ viewport: { width: 768, height: 1024 }, locale: 'en-GB' })
    const page = await context.newPage()
    const pageErrors: string[] = []
    page.on('pageerror', (err) => pageErrors.push(err.message))
    try {
      await signIn(page, server, 'E1002')
      const stockroom = await locationId(server, S, 'stockroom')
      // A small write-off (lead tier): two units of an item with stock in the stockroom.
      const item = (await stockroomItems(server, S)).find((i) => i.unitCost * 2 <= 5_000)!
      const before = await stockroomQuantity(server, S, item.id)
      const entered = await enterCorrection(page, server, S, {
        reasonCode: 'damaged',
        note: 'Crushed by a pallet truck',
        lines: [{ locationId: stockroom, itemId: item.id, quantityDelta: -2 }],
      })
      expect(entered.value).toBe(item.unitCost * 2)
      expect(await stockroomQuantity(server, S, item.id)).toBe(before) // entering changes no stock

      await page.goto(`${server.url}/stores/${S}/backroom/corrections/${entered.id}`)
      await page.getByRole('heading', { level: 1, name: /^Correction: / }).waitFor({ timeout: 10_000 }).catch(async (err) => {
        await page.screenshot({ path: screenshotPath('corrections-debug') })
        console.log('DEBUG url', page.url(), JSON.stringify(await context.cookies()))
        throw err
      })
      await page.getByText('You entered this correction — another person must confirm it').waitFor()
      await expect(page.getByRole('button', { name: 'Confirm', exact: true }).count()).resolves.toBe(0)
      await expect(page.getByRole('button', { name: 'Reject', exact: true }).count()).resolves.toBe(0)
      await page.screenshot({ path: screenshotPath('corrections-enterer-768x1024'), fullPage: true })
      expect(await seriousViolations(page)).toEqual([])

      // Hand-over: the manager types their own employee number and PIN on this tablet.
      await page.getByRole('button', { name: 'Hand the tablet to a shift lead or store manager' }).click()
      const dialog = page.getByRole('dialog')
      await dialog.getByLabel('Employee number of the person deciding').fill('E1004')
      await dialog.getByLabel('PIN', { exact: true }).fill('9999')
      await dialog.getByRole('button', { name: 'Confirm correction' }).click()
      await dialog.getByText('Wrong employee number or PIN').waitFor()
      await page.screenshot({ path: screenshotPath('corrections-handover-wrong-pin-768x1024') })
      expect(await seriousViolations(page)).toEqual([])
      await dialog.getByLabel('PIN', { exact: true }).fill('1004')
      const answer = page.waitForResponse((r) => r.url().endsWith(`/corrections/${entered.id}/confirm`))
      await dialog.getByRole('button', { name: 'Confirm correction' }).click()
      expect((await answer).status()).toBe(200)
      await page.getByText('Please hand the tablet back to Mehmet Yılmaz.', { exact: false }).waitFor()
      await page.getByText('Confirmed by Sabine Krüger').first().waitFor()

      // The history says who entered, who confirmed, on whose session.
      const history = page.getByTestId('correction-history')
      await history.getByText('Entered by Mehmet Yılmaz').waitFor()
      await history.getByText('Confirmed by Sabine Krüger').waitFor()
      await history.getByText("With their PIN on Mehmet Yılmaz's tablet session").waitFor()
      await page.screenshot({ path: screenshotPath('corrections-confirmed-768x1024'), fullPage: true })

      // Stock moved once: the API and the ledger agree, and a second confirmation changes nothing.
      expect(await stockroomQuantity(server, S, item.id)).toBe(before - 2)
      const detail = await page.request.get(`${server.url}/api/stores/${S}/corrections/${entered.id}`)
      const body = (await detail.json()) as { status: string; decidedByName: string; enteredByName: string; movements: unknown[]; version: number }
      expect(body).toMatchObject({ status: 'confirmed', decidedByName: 'Sabine Krüger', enteredByName: 'Mehmet Yılmaz' })
      expect(body.movements).toHaveLength(1)
      const again = await page.request.post(`${server.url}/api/stores/${S}/corrections/${entered.id}/confirm`, {
        data: { version: body.version, credentials: { employeeNo: 'E1004', pin: '1004' } },
      })
      expect(again.status()).toBe(409)
      expect(await stockroomQuantity(server, S, item.id)).toBe(before - 2)
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('a large correction waits for the regional manager: the store manager sees why and has no button', async () => {
    const enterer = await browser.newContext({ viewport: { width: 768, height: 1024 }, locale: 'en-GB' })
    const manager = await browser.newContext({ viewport: { width: 768, height: 1024 }, locale: 'en-GB' })
    try {
      const page = await enterer.newPage()
      await signIn(page, server, 'E1002')
      const stockroom = await locationId(server, S, 'stockroom')
      const item = (await stockroomItems(server, S)).find((i) => i.quantity * i.unitCost > 50_000)!
      const units = Math.min(item.quantity, Math.ceil(50_001 / item.unitCost))
      const entered = await enterCorrection(page, server, S, { reasonCode: 'theft', lines: [{ locationId: stockroom, itemId: item.id, quantityDelta: -units }] })
      expect(entered.tier).toBe('regional_manager')

      const office = await manager.newPage()
      await signIn(office, server, 'E1004')
      await office.goto(`${server.url}/stores/${S}/office/corrections`)
      const others = office.getByRole('list', { name: 'Pending corrections for others to decide' })
      const row = others.getByTestId('correction-row').filter({ hasText: 'Needs a higher role' }).first()
      await row.waitFor()
      await office.screenshot({ path: screenshotPath('office-corrections-waiting-768x1024'), fullPage: true })
      expect(await seriousViolations(office)).toEqual([])
      await office.goto(`${server.url}/stores/${S}/office/corrections/${entered.id}`)
      await office.getByText('This correction is above your approval limit').waitFor()
      await expect(office.getByRole('button', { name: 'Confirm', exact: true }).count()).resolves.toBe(0)
      await office.getByRole('button', { name: 'Hand the tablet to the regional manager' }).waitFor()
    } finally {
      await enterer.close()
      await manager.close()
    }
  })

  it('the German office renders with no untranslated keys', async () => {
    const context = await browser.newContext({ viewport: { width: 768, height: 1024 }, locale: 'en-GB' })
    const page = await context.newPage()
    try {
      await signIn(page, server, 'E1004')
      await page.evaluate(() => localStorage.setItem('backstore.language', 'de'))
      for (const [path, heading] of [
        ['office', 'Büro'],
        ['office/corrections', 'Korrekturen'],
        ['office/corrections?view=history', 'Korrekturen'],
      ] as const) {
        await page.goto(`${server.url}/stores/${S}/${path}`)
        await page.getByRole('heading', { level: 1, name: heading }).waitFor()
        await page.waitForLoadState('networkidle')
        expect(await untranslatedKeys(page), path).toEqual([])
      }
      await page.getByTestId('correction-row').first().click()
      await page.getByRole('heading', { level: 1, name: /^Korrektur: / }).waitFor()
      await page.getByText('Verlauf').first().waitFor()
      expect(await untranslatedKeys(page)).toEqual([])
      await page.screenshot({ path: screenshotPath('office-correction-de-768x1024'), fullPage: true })
    } finally {
      await context.close()
    }
  })
})
