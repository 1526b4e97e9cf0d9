import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIRST_STORE_ID, seedDemo } from '../../db/seed'
import { launchBrowser } from './support/browser'
import { startServer, type RunningServer } from './support/server'
import { apiAs, closeAll, json, seriousViolations, shot, signIn, stockedItems, tablet, wedgeScan } from './support/workflows'

/**
 * Sales floor → back room: a clerk scans an item and asks for a refill; a stockroom colleague on
 * another tablet sees it on the pick list, picks it, and the floor stock goes up.
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

describe('refill from the floor, picked in the back room', () => {
  it('clerk requests by wedge scan; stockroom picks it; floor stock changes', async () => {
    const [item] = await stockedItems(server, STORE)
    if (!item) throw new Error('no stocked item in the seed')
    const clerk = await tablet(browser)
    const stock = await tablet(browser)
    const api = await apiAs(server, 'E1001')
    try {
      // Clerk: scan anywhere, the card shows, two taps send the request.
      await signIn(clerk.page, server, 'E1001')
      await clerk.page.getByPlaceholder('Name, SKU or barcode').waitFor()
      await wedgeScan(clerk.page, item.barcode)
      await clerk.page.getByTestId('item-card').waitFor()
      await clerk.page.getByRole('button', { name: 'Get it from the back' }).click()
      const dialog = clerk.page.getByRole('dialog')
      await dialog.getByText(`Refill: ${item.name}`).waitFor()
      await shot(clerk.page, 'floor-refill-dialog-768x1024')
      expect(await seriousViolations(clerk.page)).toEqual([])
      await dialog.getByRole('button', { name: 'Send to the back room' }).click()
      await dialog.getByText('Sent to the back room').waitFor()
      await dialog.getByRole('button', { name: 'Done' }).click()
      // Newest first: the row of this request is the first one naming the item.
      const mine = clerk.page.locator('.my-requests .request-row').filter({ hasText: item.name }).first()
      await mine.getByText('Open', { exact: true }).waitFor()
      await shot(clerk.page, 'floor-refill-requested-768x1024')
      expect(await seriousViolations(clerk.page)).toEqual([])

      // Back room, another tablet: the request is on the pick list.
      await signIn(stock.page, server, 'E1002')
      await stock.page.goto(`${server.url}/stores/${STORE}/backroom`)
      await stock.page.getByRole('link', { name: /Pick list/ }).click()
      const line = stock.page.getByTestId('pick-line').filter({ hasText: item.name })
      await line.waitFor()
      await shot(stock.page, 'backroom-picklist-768x1024')
      expect(await seriousViolations(stock.page)).toEqual([])
      await line.getByRole('button', { name: "I'm on it" }).click()
      await line.getByText('On the way').waitFor()

      // The clerk sees it is on its way (the list refreshes by itself).
      await mine.getByText('On the way').waitFor({ timeout: 30_000 })

      await line.getByRole('button', { name: 'Picked…' }).click()
      const pick = stock.page.getByRole('dialog')
      const qty = Number(await pick.getByLabel('Quantity brought to the floor').inputValue())
      expect(qty).toBeGreaterThan(0)
      await shot(stock.page, 'backroom-pick-dialog-768x1024')
      const done = stock.page.waitForResponse((r) => r.url().includes('/done') && r.request().method() === 'POST')
      await pick.getByRole('button', { name: `Picked ${qty}` }).click()
      expect((await done).status()).toBe(200)
      await line.waitFor({ state: 'detached' })

      // The effect, asked of the API: request done, floor up by what was picked, stockroom down.
      const { requests } = await json<{ requests: Array<{ item: { id: string }; status: string; pickedQty: number }> }>(
        await api.get(`/api/stores/${STORE}/replenishment/requests?mine=true`),
        200,
      )
      expect(requests.find((r) => r.item.id === item.id)).toMatchObject({ status: 'done', pickedQty: qty })
      const after = await json<{ stock: { floor: number; stockroom: number } }>(await api.get(`/api/stores/${STORE}/items/${item.id}`), 200)
      expect(after.stock.floor).toBe(item.floor + qty)
      expect(after.stock.stockroom).toBe(item.stockroom - qty)

      // The clerk's list says done; a new scan shows the new floor figure.
      await mine.getByText('Done', { exact: true }).waitFor({ timeout: 30_000 })
      await wedgeScan(clerk.page, item.barcode)
      await clerk.page
        .getByTestId('item-card')
        .locator('.stat', { has: clerk.page.locator('.stat-label', { hasText: /^Floor$/ }) })
        .locator('.stat-value', { hasText: new Intl.NumberFormat('en-GB').format(item.floor + qty) })
        .waitFor()
      await shot(clerk.page, 'floor-refill-done-768x1024')

      expect(clerk.problems).toEqual([])
      expect(stock.problems).toEqual([])
    } finally {
      await closeAll(clerk.context, stock.context, api)
    }
  })
})
