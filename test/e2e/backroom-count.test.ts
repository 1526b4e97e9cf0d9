import type { Page } from 'playwright-core'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIRST_STORE_ID, seedDemo } from '../../db/seed'
import { launchBrowser } from './support/browser'
import { startServer, type RunningServer } from './support/server'
import { apiAs, closeAll, json, seriousViolations, shot, signIn, sql, tablet, wedgeScan } from './support/workflows'

/**
 * A blind cycle count done by two people on two tablets at the same time: their entries add up, each
 * sees only what they entered, nobody sees the expected quantity; the submitted count becomes one
 * pending correction for the variance.
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

const STORE = FIRST_STORE_ID

async function openCount(page: Page) {
  await page.goto(`${server.url}/stores/${STORE}/backroom/counts`)
  await page.getByTestId('count-row').first().click()
  await page.getByRole('heading', { name: /Cycle count/ }).waitFor()
}

async function enter(page: Page, barcode: string, quantity: number) {
  await wedgeScan(page, barcode)
  const field = page.getByLabel('Quantity found (this time)')
  await field.waitFor()
  await field.fill(String(quantity))
  await page.getByRole('button', { name: 'Add', exact: true }).click()
  await page.getByText(/added\.$/).waitFor()
}

describe('blind count on two tablets', () => {
  it('adds up both counters, shows each only their own entries, and submits a pending variance correction', async () => {
    // Two cheap items with stock in the stockroom (a variance of one unit stays under the recount rule).
    const [a, b] = await sql<{ id: string; name: string; barcode: string; q: number }>(
      server,
      `SELECT i.id, i.name, (SELECT MIN(barcode) FROM item_barcodes WHERE item_id = i.id) AS barcode, s.quantity AS q
         FROM items i JOIN balances s ON s.item_id = i.id AND s.location_id = (SELECT id FROM locations WHERE store_id = ?1 AND kind = 'stockroom')
        WHERE s.quantity BETWEEN 5 AND 200 AND i.unit_cost < 2000 AND EXISTS (SELECT 1 FROM item_barcodes WHERE item_id = i.id)
        ORDER BY i.sku LIMIT 2`,
      [STORE],
    )
    if (!a || !b) throw new Error('seed has too few items')
    const manager = await apiAs(server, 'E1004')
    const { count } = await json<{ count: { id: string } }>(
      await manager.post(`/api/stores/${STORE}/counts`, { data: { kind: 'cycle', location: 'stockroom', items: [{ itemId: a.id }, { itemId: b.id }], note: 'Shelf 4' } }),
      201,
    )
    const first = await tablet(browser)
    const second = await tablet(browser)
    try {
      await Promise.all([signIn(first.page, server, 'E1002'), signIn(second.page, server, 'E1005')])
      await Promise.all([openCount(first.page), openCount(second.page)])
      await shot(first.page, 'backroom-count-sheet-768x1024')
      expect(await seriousViolations(first.page)).toEqual([])

      // Item a sits on two shelves: each counter counts one of them, at the same time.
      const part = 2
      await Promise.all([enter(first.page, a.barcode, part), enter(second.page, a.barcode, a.q - 1 - part)])
      await enter(second.page, b.barcode, b.q)

      // Each tablet shows what THIS person entered; the expected figure is nowhere.
      const mine = (page: Page, name: string) => page.getByTestId('sheet-line').filter({ hasText: name }).locator('.sheet-mine .figure-value')
      await expect.poll(() => mine(first.page, a.name).textContent()).toBe(String(part))
      await expect.poll(() => mine(second.page, a.name).textContent()).toBe(String(a.q - 1 - part))
      await expect.poll(() => mine(first.page, b.name).textContent()).toBe('–')
      await wedgeScan(first.page, a.barcode)
      await first.page.getByTestId('entry-mine').filter({ hasText: String(part) }).waitFor()
      await shot(first.page, 'backroom-count-entry-768x1024')
      expect(await seriousViolations(first.page)).toEqual([])
      const sheet = await first.page.request.get(`${server.url}/api/stores/${STORE}/counts/${count.id}/sheet`)
      expect(JSON.stringify(await sheet.json())).not.toMatch(/expected|variance|balance/i)
      await shot(second.page, 'backroom-count-second-768x1024')

      // Both entries of item a reached the server once each.
      const entries = await sql<{ user: string; quantity: number }>(
        server,
        `SELECT u.employee_no AS user, e.quantity FROM count_entries e JOIN users u ON u.id = e.user_id WHERE e.count_id = ? AND e.item_id = ? ORDER BY u.employee_no`,
        [count.id, a.id],
      )
      expect(entries.map((e) => `${e.user}:${e.quantity}`)).toEqual([`E1002:${part}`, `E1005:${a.q - 1 - part}`])

      // The manager submits: one pending correction for the variance (−1 on item a).
      const current = await json<{ count: { version: number } }>(await manager.get(`/api/stores/${STORE}/counts/${count.id}`), 200)
      const submitted = await json<{ outcome: string; correctionId: string }>(
        await manager.post(`/api/stores/${STORE}/counts/${count.id}/submit`, { data: { version: current.count.version } }),
        200,
      )
      expect(submitted.outcome).toBe('submitted')
      const correction = await json<{ status: string; source: string; lines: Array<{ itemId: string; quantityDelta: number }> }>(
        await manager.get(`/api/stores/${STORE}/corrections/${submitted.correctionId}`),
        200,
      )
      expect(correction.status).toBe('pending')
      expect(correction.lines.map((l) => `${l.itemId}:${l.quantityDelta}`)).toEqual([`${a.id}:-1`])

      // The counters' screens say the count is closed.
      await first.page.reload()
      await first.page.getByText('This count takes no more entries.').waitFor()
      expect(first.problems).toEqual([])
      expect(second.problems).toEqual([])
    } finally {
      await closeAll(first.context, second.context, manager)
    }
  })
})
