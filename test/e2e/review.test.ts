import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIRST_STORE_ID, seedDemoWithCorrections } from '../../db/seed'
import { enterCorrection, locationId, seriousViolations, signIn, stockroomItems, stockroomQuantity, untranslatedKeys } from './office-helpers'
import { launchBrowser, screenshotPath } from './support/browser'
import { startServer, type RunningServer } from './support/server'

/**
 * The regional side in chromium against the real app, on demo data with two weeks of four-eyes
 * history: the review queue across stores (filter, decide with PIN) and a report's drill-down.
 */
let server: RunningServer
let browser: Browser
const S = FIRST_STORE_ID

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startServer((db) => seedDemoWithCorrections(db, { stores: 2, items: 200, weeks: 2 })), launchBrowser()])
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

describe('regional review in the browser', () => {
  it('a large correction waits for the regional manager, who finds it by filter and confirms it from the queue with his PIN', async () => {
    const enterer = await browser.newContext({ viewport: { width: 768, height: 1024 }, locale: 'en-GB' })
    const regional = await browser.newContext({ viewport: { width: 768, height: 1024 }, locale: 'en-GB' })
    try {
      const back = await enterer.newPage()
      await signIn(back, server, 'E1002')
      const stockroom = await locationId(server, S, 'stockroom')
      const item = (await stockroomItems(server, S)).find((i) => i.quantity * i.unitCost > 50_000)!
      const units = Math.min(item.quantity, Math.ceil(50_001 / item.unitCost))
      const before = await stockroomQuantity(server, S, item.id)
      const entered = await enterCorrection(back, server, S, { reasonCode: 'theft', note: 'Pallet missing after the weekend', lines: [{ locationId: stockroom, itemId: item.id, quantityDelta: -units }] })
      expect(entered.tier).toBe('regional_manager')

      const page = await regional.newPage()
      await signIn(page, server, 'E2001')
      await page.goto(`${server.url}/stores/${S}/office/review`)
      await page.getByRole('heading', { level: 1, name: 'Review queue' }).waitFor()
      await page.getByLabel('Approval tier').selectOption('regional_manager')
      const list = page.getByRole('list', { name: 'Corrections in the review queue' })
      // The list shows the unfiltered rows until the filtered answer arrives: wait for the filtered ones.
      const rowTexts = () => list.getByTestId('review-row').evaluateAll((rows) => rows.map((r) => r.textContent ?? ''))
      await expect
        .poll(async () => {
          const texts = await rowTexts()
          return texts.length > 0 && texts.every((text) => text.includes('Large · regional manager'))
        }, { timeout: 10_000 })
        .toBe(true)
      const tiers = await rowTexts()
      expect(tiers.length).toBeGreaterThan(0)
      for (const text of tiers) expect(text).toContain('Large · regional manager')
      await page.screenshot({ path: screenshotPath('review-queue-768x1024') })
      expect(await seriousViolations(page)).toEqual([])

      const value = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(entered.value / 100)
      const code = String((await server.database.client.execute({ sql: 'SELECT code FROM stores WHERE id = ?', args: [S] })).rows[0]!.code)
      await page.getByRole('button', { name: `Confirm ${value} in ${code}` }).first().click()
      const dialog = page.getByRole('dialog')
      await dialog.getByText('Signed in as Thomas Brandt (E2001).', { exact: false }).waitFor()
      await dialog.getByLabel('PIN', { exact: true }).fill('2001')
      await page.screenshot({ path: screenshotPath('review-confirm-dialog-768x1024') })
      expect(await seriousViolations(page)).toEqual([])
      await dialog.getByRole('button', { name: 'Confirm correction' }).click()
      await page.getByText(`Confirmed: ${code} · ${value}`).waitFor()

      const res = await page.request.get(`${server.url}/api/stores/${S}/corrections/${entered.id}`)
      expect(await res.json()).toMatchObject({ status: 'confirmed', decidedByName: 'Thomas Brandt', decidedRole: 'regional_manager', enteredByName: 'Mehmet Yılmaz' })
      expect(await stockroomQuantity(server, S, item.id)).toBe(before - units)
    } finally {
      await enterer.close()
      await regional.close()
    }
  })

  it('a bar of the report opens exactly the corrections behind it; the German report has no untranslated keys', async () => {
    const context = await browser.newContext({ viewport: { width: 768, height: 1024 }, locale: 'en-GB' })
    const page = await context.newPage()
    try {
      await signIn(page, server, 'E2001')
      await page.goto(`${server.url}/stores/${S}/office/reports`)
      const byReason = page.getByRole('list', { name: 'By reason' })
      await byReason.waitFor()
      await page.waitForLoadState('networkidle')
      await page.screenshot({ path: screenshotPath('reports-768x1024') })
      expect(await seriousViolations(page)).toEqual([])

      const bar = byReason.getByTestId('report-bar').first()
      const count = Number(await bar.getAttribute('data-count'))
      expect(count).toBeGreaterThan(0)
      await bar.click()
      await page.waitForURL(/\/office\/review\?/)
      const url = new URL(page.url())
      expect(url.searchParams.get('status')).toBe('confirmed')
      const reason = url.searchParams.get('reason')
      expect(reason).toBeTruthy()
      const rows = page.getByRole('list', { name: 'Corrections in the review queue' }).getByTestId('review-row')
      await rows.first().waitFor()
      // All of them, and nothing else: the queue pages by 50.
      while (await page.getByRole('button', { name: 'Show more' }).count()) await page.getByRole('button', { name: 'Show more' }).click()
      await expect(rows.count()).resolves.toBe(count)
      for (const text of await rows.evaluateAll((els) => els.map((e) => e.textContent ?? ''))) expect(text).toContain('Confirmed')
      await page.screenshot({ path: screenshotPath('review-drilldown-768x1024') })
      expect(await seriousViolations(page)).toEqual([])

      await page.evaluate(() => localStorage.setItem('backstore.language', 'de'))
      await page.goto(`${server.url}/stores/${S}/office/reports`)
      await page.getByRole('heading', { level: 1, name: 'Berichte' }).waitFor()
      await page.getByRole('list', { name: 'Nach Grund' }).waitFor()
      await page.waitForLoadState('networkidle')
      expect(await untranslatedKeys(page)).toEqual([])
      await page.screenshot({ path: screenshotPath('reports-de-768x1024') })
    } finally {
      await context.close()
    }
  })

  it('an auditor-style export: segregation of duties held, CSV and printable report downloadable', async () => {
    const context = await browser.newContext({ viewport: { width: 768, height: 1024 }, locale: 'en-GB', acceptDownloads: true })
    const page = await context.newPage()
    try {
      await signIn(page, server, 'E2001')
      await page.goto(`${server.url}/stores/${S}/office/evidence`)
      await page.getByRole('button', { name: 'Check segregation of duties' }).click()
      await page.getByText('The four-eyes control held', { exact: true }).waitFor()
      const checks = page.getByRole('list', { name: 'Segregation-of-duties checks' })
      await checks.getByText('Confirmed by the person who entered it').waitFor()
      await page.screenshot({ path: screenshotPath('evidence-768x1024') })
      expect(await seriousViolations(page)).toEqual([])

      const csvHref = (await page.getByTestId('evidence-csv').getAttribute('href'))!
      const csv = await page.request.get(server.url + csvHref)
      expect(csv.status()).toBe(200)
      expect(csv.headers()['content-type']).toContain('text/csv')
      const { rows } = await server.database.client.execute({ sql: "SELECT id FROM corrections WHERE store_id = ? AND status = 'confirmed' ORDER BY decided_at DESC LIMIT 1", args: [S] })
      expect(await csv.text()).toContain(String(rows[0]!.id))
      const html = await page.request.get(server.url + (await page.getByTestId('evidence-html').getAttribute('href'))!)
      expect(html.status()).toBe(200)
      expect(html.headers()['content-type']).toContain('text/html')
    } finally {
      await context.close()
    }
  })
})
