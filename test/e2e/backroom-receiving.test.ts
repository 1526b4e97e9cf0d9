import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIRST_STORE_ID, seedDemo } from '../../db/seed'
import { launchBrowser } from './support/browser'
import { startServer, type RunningServer } from './support/server'
import { smallTouchTargets } from './support/touch-targets'
import { apiAs, closeAll, json, seriousViolations, shot, signIn, sql, stockedItems, tablet, wedgeScan } from './support/workflows'

/** Receiving a delivery by wedge scan, with a short line, a damaged unit, an item nobody expected and mis-scans undone. */
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
const stockOf = async (itemId: string, kind: string) =>
  Number(
    (
      await sql<{ q: number }>(
        server,
        `SELECT COALESCE((SELECT quantity FROM balances WHERE item_id = ?1 AND location_id = (SELECT id FROM locations WHERE store_id = ?2 AND kind = ?3)), 0) AS q`,
        [itemId, STORE, kind],
      )
    )[0]!.q,
  )

describe('receiving a delivery', () => {
  it('scans against expected, flags damage and the unexpected, closes with a discrepancy summary', async () => {
    const [a, b, c] = await stockedItems(server, STORE)
    if (!a || !b || !c) throw new Error('seed has too few stocked items')
    const manager = await apiAs(server, 'E1004')
    const { delivery } = await json<{ delivery: { id: string } }>(
      await manager.post(`/api/stores/${STORE}/deliveries`, {
        data: { supplier: 'Nordmilch eG', reference: 'LS-4711', lines: [{ itemId: a.id, expectedQty: 3 }, { itemId: b.id, expectedQty: 2 }] },
      }),
      201,
    )
    const before = { a: await stockOf(a.id, 'stockroom'), b: await stockOf(b.id, 'stockroom'), c: await stockOf(c.id, 'stockroom'), bq: await stockOf(b.id, 'quarantine') }
    const { context, page, problems } = await tablet(browser)
    try {
      await signIn(page, server, 'E1002')
      await page.goto(`${server.url}/stores/${STORE}/backroom/receiving`)
      await page.getByTestId('delivery-row').filter({ hasText: 'Nordmilch eG' }).waitFor()
      await shot(page, 'backroom-deliveries-768x1024')
      await page.getByTestId('delivery-row').filter({ hasText: 'Nordmilch eG' }).click()
      await page.getByRole('heading', { name: 'Nordmilch eG' }).waitFor()

      // The camera: lazy-loaded scanner (ZXing here: headless chromium has no BarcodeDetector) and a
      // clear message when the device has no camera.
      await page.getByRole('button', { name: 'Camera' }).click()
      const camera = page.getByRole('dialog', { name: 'Scan with the camera' })
      await camera.getByText(/No camera|No access to the camera/).waitFor()
      await shot(page, 'backroom-camera-768x1024')
      await camera.getByRole('button', { name: 'Close' }).click()

      const total = page.getByTestId('received-total')
      const scan = async (code: string, expectTotal: number) => {
        await wedgeScan(page, code)
        await total.filter({ hasText: new RegExp(`^${expectTotal}$`) }).waitFor()
      }
      await scan(a.barcode, 1)
      await scan(a.barcode, 2) // one short of 3
      await scan(b.barcode, 3)
      await page.getByText('Damaged', { exact: true }).first().click() // the damaged switch
      await scan(b.barcode, 4) // arrived broken
      await page.getByText('Damaged', { exact: true }).first().click()
      await scan(c.barcode, 5) // nobody expected it
      // Mis-scans, undone before closing: one extra of a ("−1"), and c scanned 3 times too many ("Correct quantity…" to 1).
      await scan(a.barcode, 6)
      const lineA = page.getByTestId('delivery-line').filter({ hasText: a.name })
      const minusA = lineA.getByRole('button', { name: `Take back 1 × ${a.name}` })
      const box = await minusA.boundingBox()
      expect(box!.width).toBeGreaterThanOrEqual(44)
      expect(box!.height).toBeGreaterThanOrEqual(44)
      await minusA.click()
      await total.filter({ hasText: /^5$/ }).waitFor()
      for (const expectTotal of [6, 7, 8]) await scan(c.barcode, expectTotal)
      await page.getByTestId('delivery-line').filter({ hasText: c.name }).getByRole('button', { name: `Correct quantity of ${c.name}` }).click()
      const correct = page.getByRole('dialog', { name: `Correct quantity: ${c.name}` })
      await correct.getByLabel('Correct received quantity').fill('1')
      await correct.getByRole('button', { name: 'Set to 1' }).click()
      await total.filter({ hasText: /^5$/ }).waitFor()
      expect((await smallTouchTargets(page)).filter((t) => /Take back|Correct quantity/.test(t.what))).toEqual([])
      // An unknown code gets a clear message and counts nothing.
      await wedgeScan(page, '4009999999993')
      await page.getByText('Unknown barcode 4009999999993', { exact: false }).waitFor()
      await page.getByTestId('delivery-line').filter({ hasText: c.name }).getByText('Not expected').waitFor()
      await shot(page, 'backroom-receiving-768x1024')
      expect(await seriousViolations(page)).toEqual([])

      // Every scan reached the server before closing is offered.
      const close = page.getByRole('button', { name: 'Close delivery…' })
      await expect.poll(() => close.isEnabled(), { timeout: 20_000 }).toBe(true)
      await close.click()
      const dialog = page.getByRole('dialog')
      await dialog.getByText('These differences go to the supplier claim:').waitFor()
      await shot(page, 'backroom-receiving-close-768x1024')
      await dialog.getByRole('button', { name: 'Close and post the receipt' }).click()
      const claim = page.getByTestId('discrepancies')
      await claim.waitFor()
      await shot(page, 'backroom-receiving-closed-768x1024')

      const closed = await json<{
        delivery: { status: string; lines: Array<{ item: { id: string }; receivedQty: number; damagedQty: number }>; discrepancies: Array<{ item: { id: string }; kind: string; quantity: number }> }
      }>(
        await manager.get(`/api/stores/${STORE}/deliveries/${delivery.id}`),
        200,
      )
      expect(closed.delivery.status).toBe('closed')
      // The closed receipt's quantities are the corrected ones: the mis-scans left no trace but their take-backs.
      const lineOf = (id: string) => closed.delivery.lines.find((l) => l.item.id === id)
      expect([lineOf(a.id), lineOf(b.id), lineOf(c.id)].map((l) => l && [l.receivedQty, l.damagedQty])).toEqual([[2, 0], [1, 1], [1, 0]])
      const scans = await sql<{ itemId: string; quantity: number }>(server, `SELECT item_id AS itemId, quantity FROM delivery_scans WHERE delivery_id = ?1 AND quantity < 0`, [delivery.id])
      expect(scans.map((s) => `${s.itemId}:${Number(s.quantity)}`).sort()).toEqual([`${a.id}:-1`, `${c.id}:-3`].sort())
      const claimOf = closed.delivery.discrepancies.map((d) => `${d.item.id}:${d.kind}:${d.quantity}`).sort()
      expect(claimOf).toEqual([`${a.id}:short:1`, `${b.id}:damaged:1`, `${c.id}:unexpected:1`].sort())
      expect(await claim.locator('li').count()).toBe(3)
      // Good units into the stockroom, the broken one into quarantine — each scan counted once.
      expect(await stockOf(a.id, 'stockroom')).toBe(before.a + 2)
      expect(await stockOf(b.id, 'stockroom')).toBe(before.b + 1)
      expect(await stockOf(b.id, 'quarantine')).toBe(before.bq + 1)
      expect(await stockOf(c.id, 'stockroom')).toBe(before.c + 1)
      expect(problems).toEqual([])
    } finally {
      await closeAll(context, manager)
    }
  })
})
