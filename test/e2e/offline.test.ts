import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIRST_STORE_ID, seedDemo } from '../../db/seed'
import { launchBrowser } from './support/browser'
import { startServer, type RunningServer } from './support/server'
import { apiAs, closeAll, json, seriousViolations, shot, signIn, sql, tablet, waitForServiceWorker, wedgeScan } from './support/workflows'

/**
 * Bad back-room Wi-Fi: the tablet goes offline, the person counts and enters a correction, the page
 * is reloaded (the service worker serves the app, the outbox survives in IndexedDB), the connection
 * returns, and everything reaches the server exactly once.
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

describe('offline in the back room', () => {
  it('counts and enters a correction offline, survives a reload, and syncs once when back online', async () => {
    const [a, b] = await sql<{ id: string; name: string; barcode: string; q: number }>(
      server,
      `SELECT i.id, i.name, (SELECT MIN(barcode) FROM item_barcodes WHERE item_id = i.id) AS barcode, s.quantity AS q
         FROM items i JOIN balances s ON s.item_id = i.id AND s.location_id = (SELECT id FROM locations WHERE store_id = ?1 AND kind = 'stockroom')
        WHERE s.quantity BETWEEN 5 AND 200 AND i.unit_cost < 2000 AND EXISTS (SELECT 1 FROM item_barcodes WHERE item_id = i.id)
        ORDER BY i.sku DESC LIMIT 2`,
      [STORE],
    )
    if (!a || !b) throw new Error('seed has too few items')
    const manager = await apiAs(server, 'E1004')
    const { count } = await json<{ count: { id: string } }>(
      await manager.post(`/api/stores/${STORE}/counts`, { data: { kind: 'cycle', location: 'stockroom', items: [{ itemId: a.id }, { itemId: b.id }] } }),
      201,
    )
    const { context, page, problems } = await tablet(browser)
    try {
      // Online first: sign in, open the count and the correction form (what the tablet keeps).
      await signIn(page, server, 'E1002')
      await page.goto(`${server.url}/stores/${STORE}/backroom/corrections/new`)
      await page.getByRole('radio', { name: 'Damaged' }).waitFor()
      await page.goto(`${server.url}/stores/${STORE}/backroom/counts/${count.id}`)
      await page.getByTestId('sheet-line').first().waitFor()
      await waitForServiceWorker(page)
      // The query cache is saved a second after changes: wait until the stored copy holds the count sheet,
      // the reason codes and the locations (a fixed sleep was a guess on a loaded machine).
      const storedKeys = () =>
        page.evaluate(async () => {
          const db = await new Promise<IDBDatabase>((resolve, reject) => {
            const req = indexedDB.open('backstore-cache')
            req.onsuccess = () => resolve(req.result)
            req.onerror = () => reject(req.error)
          })
          try {
            if (!db.objectStoreNames.contains('kv')) return []
            const stored = await new Promise<{ state?: { queries?: Array<{ queryKey: unknown[] }> } } | undefined>((resolve, reject) => {
              const req = db.transaction('kv').objectStore('kv').get('queries')
              req.onsuccess = () => resolve(req.result)
              req.onerror = () => reject(req.error)
            })
            return (stored?.state?.queries ?? []).map((q) => q.queryKey)
          } finally {
            db.close()
          }
        })
      const missing = async (parts: string[]) => {
        const keys = await storedKeys()
        return parts.filter((part) => !keys.some((key) => key.includes(part)))
      }
      await expect.poll(() => missing(['reason-codes', 'locations', count.id]), { timeout: 15_000 }).toEqual([])

      // The Wi-Fi drops.
      await context.setOffline(true)
      await page.getByRole('button', { name: 'Offline' }).waitFor()
      for (const [item, qty] of [
        [a, a.q - 1],
        [b, b.q],
      ] as const) {
        await wedgeScan(page, item.barcode)
        await page.getByLabel('Quantity found (this time)').fill(String(qty))
        await page.getByRole('button', { name: 'Add', exact: true }).click()
        await page.getByText(`${qty} × ${item.name} added.`).waitFor()
      }
      await page.getByRole('button', { name: 'Offline · 2 waiting to sync' }).waitFor()
      await shot(page, 'offline-count-768x1024')

      // A correction, still offline: the item is known from the sheet, so a scan finds it.
      await page.getByRole('link', { name: 'Back', exact: true }).click() // counts
      await page.getByRole('link', { name: 'Back', exact: true }).click() // back room
      await page.getByRole('link', { name: /Corrections/ }).click()
      await page.getByRole('link', { name: 'New correction' }).click()
      await page.getByRole('radio', { name: 'Damaged' }).waitFor()
      await wedgeScan(page, a.barcode)
      await page.getByTestId('correction-line').filter({ hasText: a.name }).waitFor()
      await page.getByRole('radio', { name: 'Damaged' }).check()
      await page.getByLabel('Note (optional)').fill('Dropped a carton')
      await page.getByRole('button', { name: 'Enter correction' }).click()
      await page.getByText('Saved on this tablet', { exact: false }).waitFor()
      await page.getByRole('button', { name: 'Offline · 3 waiting to sync' }).waitFor()
      await shot(page, 'offline-correction-768x1024')

      // Reload without network: the service worker serves the app, the outbox is still there.
      const reloaded = await page.reload()
      expect(reloaded?.status()).toBe(200)
      expect(reloaded?.fromServiceWorker()).toBe(true)
      await page.getByRole('button', { name: 'Offline · 3 waiting to sync' }).waitFor()
      await page.getByTestId('sync-status').click()
      await page.getByRole('dialog').getByTestId('outbox-row').nth(2).waitFor()
      await shot(page, 'offline-reloaded-outbox-768x1024')
      expect(await seriousViolations(page)).toEqual([])
      await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click()
      // Nothing reached the server so far.
      expect(await sql(server, 'SELECT id FROM count_entries WHERE count_id = ?', [count.id])).toHaveLength(0)

      // Back online: everything goes out, once.
      await context.setOffline(false)
      await page.getByTestId('sync-status').waitFor({ state: 'detached', timeout: 30_000 })
      await shot(page, 'offline-synced-768x1024')

      const entries = await sql<{ itemId: string; quantity: number }>(
        server,
        'SELECT item_id AS itemId, quantity FROM count_entries WHERE count_id = ? ORDER BY item_id',
        [count.id],
      )
      expect(entries.map((e) => `${e.itemId}:${e.quantity}`).sort()).toEqual([`${a.id}:${a.q - 1}`, `${b.id}:${b.q}`].sort())
      const corrections = await sql<{ id: string; status: string; note: string }>(
        server,
        `SELECT c.id, c.status, c.note FROM corrections c JOIN users u ON u.id = c.entered_by
          WHERE u.employee_no = 'E1002' AND c.note = 'Dropped a carton'`,
      )
      expect(corrections).toHaveLength(1)
      expect(corrections[0]!.status).toBe('pending')
      const lines = await sql<{ itemId: string; delta: number }>(server, 'SELECT item_id AS itemId, quantity_delta AS delta FROM correction_lines WHERE correction_id = ?', [
        corrections[0]!.id,
      ])
      expect(lines).toEqual([{ itemId: a.id, delta: -1 }])

      // A reload now sends nothing again (the outbox is empty) — still exactly once.
      await page.reload()
      await page.getByRole('heading', { name: 'New correction' }).waitFor()
      await page.waitForTimeout(1000)
      expect(await sql(server, 'SELECT id FROM count_entries WHERE count_id = ?', [count.id])).toHaveLength(2)
      expect(problems).toEqual([])
    } catch (err) {
      await shot(page, 'offline-FAILED')
      throw err
    } finally {
      await closeAll(context, manager)
    }
  })
})
