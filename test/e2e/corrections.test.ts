import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIRST_STORE_ID, seedDemo } from '../../db/seed'
import { enterCorrection, locationId, seriousViolations, signIn, stockroomItems, stockroomQuantity, untranslatedKeys } from './office-helpers'
import { apiAs, json, wedgeScan } from './support/workflows'
import { launchBrowser, screenshotPath } from './support/browser'
import { startServer, type RunningServer } from './support/server'

/**
 * The four-eyes control on a shared tablet, in chromium against the real app: the back-room worker enters
 * a correction through the back-room form and cannot confirm it, a store manager confirms it with their
 * PIN on the same page, and the stock moves exactly once.
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
  it('E1002 enters a correction in the back-room form (online), sees it waiting and cannot confirm; a manager confirms with their PIN on the same tablet; stock moves once', async () => {
    const context = await browser.newContext({ viewport: { width: 768, height: 1024 }, locale: 'en-GB' })
    const page = await context.newPage()
    const pageErrors: string[] = []
    page.on('pageerror', (err) => pageErrors.push(err.message))
    const manager = await apiAs(server, 'E1004')
    try {
      // A small write-off (lead tier): two units of an item with stock in the stockroom and a barcode.
      const item = (await stockroomItems(server, S)).find((i) => i.unitCost * 2 <= 5_000 && i.barcode !== null)!
      // Stock as the API reports it (asked as the manager, who is not counting anything blind).
      const stockroomStock = async () =>
        (await json<{ stock: { stockroom: number } }>(await manager.get(`/api/stores/${S}/items/lookup?code=${item.barcode}`), 200)).stock.stockroom
      const before = await stockroomStock()

      // Stockroom staff land in the back room; the form is reached the way a person would.
      await signIn(page, server, 'E1002')
      expect(new URL(page.url()).pathname).toBe(`/stores/${S}/backroom`)
      await page.getByRole('link', { name: /Corrections/ }).click()
      await page.getByRole('link', { name: 'New correction' }).click()
      await page.getByRole('radio', { name: 'Damaged' }).waitFor()
      // Scanned twice: one line (stockroom, missing) with two units.
      await wedgeScan(page, item.barcode!)
      const line = page.getByTestId('correction-line').filter({ hasText: item.name })
      await line.waitFor()
      await wedgeScan(page, item.barcode!)
      await expect.poll(() => line.getByLabel('Quantity').inputValue()).toBe('2')
      await line.getByText(/^Stock change: [−-]2$/).waitFor()
      await page.getByRole('radio', { name: 'Damaged' }).check()
      const note = `Crushed by a pallet truck (${Date.now()})`
      await page.getByLabel('Note (optional)').fill(note)
      const sent = page.waitForResponse((r) => r.url().endsWith(`/api/stores/${S}/corrections`) && r.request().method() === 'POST')
      await page.getByRole('button', { name: 'Enter correction' }).click()
      expect((await sent).status()).toBe(201)
      await page.getByText('It waits for a second person to confirm it.').waitFor()
      await page.screenshot({ path: screenshotPath('corrections-entered-form-768x1024'), fullPage: true })

      const [entered] = await server.database.client
        .execute({ sql: 'SELECT id, value FROM corrections WHERE note = ?', args: [note] })
        .then((r) => r.rows.map((row) => ({ id: String(row.id), value: Number(row.value) })))
      expect(entered).toBeDefined()
      expect(entered!.value).toBe(item.unitCost * 2)
      expect(await stockroomStock()).toBe(before) // entering changes no stock

      // "My corrections" lists it as waiting; it opens the correction on the back-room path.
      await page.getByRole('link', { name: 'Back', exact: true }).click()
      const row = page.getByTestId('my-correction').filter({ has: page.locator(`a[href$="/backroom/corrections/${entered!.id}"]`) })
      await row.getByText('Waiting for confirmation').waitFor()
      await row.getByRole('link').click()
      await page.getByRole('heading', { level: 1, name: /^Correction: / }).waitFor()
      await page.getByText('You entered this correction — another person must confirm it').waitFor()
      await expect(page.getByRole('button', { name: 'Confirm', exact: true }).count()).resolves.toBe(0)
      await expect(page.getByRole('button', { name: 'Reject', exact: true }).count()).resolves.toBe(0)
      await page.screenshot({ path: screenshotPath('corrections-enterer-768x1024'), fullPage: true })
      expect(await seriousViolations(page)).toEqual([])
      // The server refuses the enterer too, whatever the page shows.
      const pending = await json<{ status: string; version: number; canConfirm: { ok: boolean; code?: string } }>(
        await page.request.get(`${server.url}/api/stores/${S}/corrections/${entered!.id}`),
        200,
      )
      expect(pending).toMatchObject({ status: 'pending', canConfirm: { ok: false, code: 'SELF_CONFIRMATION' } })
      const own = await page.request.post(`${server.url}/api/stores/${S}/corrections/${entered!.id}/confirm`, {
        data: { version: pending.version, credentials: { employeeNo: 'E1002', pin: '1002' } },
      })
      expect(own.status()).toBe(403)
      expect((await own.json()) as unknown).toMatchObject({ error: { code: 'SELF_CONFIRMATION' } })
      expect(await stockroomStock()).toBe(before)

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
      const answer = page.waitForResponse((r) => r.url().endsWith(`/corrections/${entered!.id}/confirm`))
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

      // Stock moved once, as the API reports it, and a second confirmation changes nothing.
      expect(await stockroomStock()).toBe(before - 2)
      expect(await stockroomQuantity(server, S, item.id)).toBe(before - 2) // the ledger agrees
      const body = await json<{ status: string; decidedByName: string; enteredByName: string; movements: unknown[]; version: number }>(
        await page.request.get(`${server.url}/api/stores/${S}/corrections/${entered!.id}`),
        200,
      )
      expect(body).toMatchObject({ status: 'confirmed', decidedByName: 'Sabine Krüger', enteredByName: 'Mehmet Yılmaz' })
      expect(body.movements).toHaveLength(1)
      const again = await page.request.post(`${server.url}/api/stores/${S}/corrections/${entered!.id}/confirm`, {
        data: { version: body.version, credentials: { employeeNo: 'E1004', pin: '1004' } },
      })
      expect(again.status()).toBe(409)
      expect(await stockroomStock()).toBe(before - 2)
      expect(pageErrors).toEqual([])
    } finally {
      await manager.dispose()
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
