import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIRST_STORE_ID, seedDemo } from '../../db/seed'
import { launchBrowser } from './support/browser'
import { startServer, type RunningServer } from './support/server'
import { apiAs, closeAll, json, seriousViolations, shot, signIn, sql, stockedItems, tablet, wedgeScan } from './support/workflows'

/** A transfer between two stores of one region: drafted and shipped by scan, received short by scan. */
let server: RunningServer
let browser: Browser

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startServer((db) => seedDemo(db, { stores: 3, items: 200, weeks: 1 })), launchBrowser()])
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const A = FIRST_STORE_ID

describe('transfer between stores', () => {
  it('ships two units by scan; the receiving store scans one and closes with a difference', async () => {
    const [storeB] = await sql<{ id: string; code: string }>(
      server,
      'SELECT id, code FROM stores WHERE region_id = (SELECT region_id FROM stores WHERE id = ?1) AND id <> ?1 ORDER BY code LIMIT 1',
      [A],
    )
    const [userB] = await sql<{ employeeNo: string }>(
      server,
      `SELECT u.employee_no AS employeeNo FROM users u JOIN role_assignments r ON r.user_id = u.id WHERE r.store_id = ? AND r.role = 'stockroom' LIMIT 1`,
      [storeB!.id],
    )
    const [item] = await stockedItems(server, A)
    const sender = await tablet(browser)
    const receiver = await tablet(browser)
    try {
      await signIn(sender.page, server, 'E1002')
      await sender.page.goto(`${server.url}/stores/${A}/backroom/transfers/new`)
      await sender.page.getByRole('button', { name: 'Save draft' }).waitFor()
      await wedgeScan(sender.page, item!.barcode)
      const line = sender.page.locator('.line-card').filter({ hasText: item!.name })
      await line.waitFor()
      await wedgeScan(sender.page, item!.barcode)
      await expect.poll(() => line.getByLabel('Quantity').inputValue()).toBe('2')
      const destination = sender.page.getByLabel('Send to')
      await destination.selectOption(storeB!.id)
      await shot(sender.page, 'backroom-transfer-new-768x1024')
      expect(await seriousViolations(sender.page)).toEqual([])
      await sender.page.getByRole('button', { name: 'Save draft' }).click()
      await sender.page.getByRole('button', { name: 'Ship now' }).click()
      await sender.page.getByText('On the way').first().waitFor()
      await shot(sender.page, 'backroom-transfer-shipped-768x1024')

      await signIn(receiver.page, server, userB!.employeeNo)
      await receiver.page.goto(`${server.url}/stores/${storeB!.id}/backroom/transfers`)
      await receiver.page.getByTestId('transfer-row').first().click()
      await receiver.page.getByRole('button', { name: 'Close receipt' }).waitFor()
      await wedgeScan(receiver.page, item!.barcode)
      await receiver.page.locator('.big-figures .figure-value').nth(1).filter({ hasText: /^1$/ }).waitFor()
      const close = receiver.page.getByRole('button', { name: 'Close receipt' })
      await expect.poll(() => close.isEnabled(), { timeout: 20_000 }).toBe(true)
      await shot(receiver.page, 'backroom-transfer-receiving-768x1024')
      expect(await seriousViolations(receiver.page)).toEqual([])
      await close.click()
      await receiver.page.getByText('What arrived differs from what was shipped', { exact: false }).waitFor()

      const [transfer] = await sql<{ status: string; correctionId: string | null }>(
        server,
        `SELECT status, correction_id AS correctionId FROM transfers WHERE from_store_id = ? AND to_store_id = ?`,
        [A, storeB!.id],
      )
      expect(transfer!.status).toBe('received')
      expect(transfer!.correctionId).not.toBeNull()
      const api = await apiAs(server, userB!.employeeNo)
      const { transfers } = await json<{ transfers: Array<{ totals: { quantity: number; received: number } }> }>(
        await api.get(`/api/stores/${storeB!.id}/transfers?direction=incoming`),
        200,
      )
      expect(transfers[0]!.totals).toMatchObject({ quantity: 2, received: 1 })
      await api.dispose()
      expect(sender.problems).toEqual([])
      expect(receiver.problems).toEqual([])
    } catch (err) {
      await shot(sender.page, 'transfer-FAILED-sender')
      await shot(receiver.page, 'transfer-FAILED-receiver')
      throw err
    } finally {
      await closeAll(sender.context, receiver.context)
    }
  })
})
