import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { type APIRequestContext, type Browser, type BrowserContext, type Page, request as pwRequest } from 'playwright-core'
import { DEMO_PASSWORD } from '../../../db/seed'
import { screenshotPath } from './browser'
import type { RunningServer } from './server'

/** Shared steps of the floor, back-room, offline and language browser tests. */

const require = createRequire(import.meta.url)
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

export const TABLET = { width: 768, height: 1024 }

/** A tablet-sized context that records page errors and console errors. */
export async function tablet(browser: Browser, locale = 'en-GB') {
  const context = await browser.newContext({ viewport: TABLET, locale, deviceScaleFactor: 1 })
  const page = await context.newPage()
  const problems: string[] = []
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`))
  page.on('console', (msg) => {
    const text = msg.text()
    if (msg.type() === 'error' && !/Failed to load resource|net::ERR_INTERNET_DISCONNECTED|status of (401|404|409|422)/.test(text)) problems.push(`console: ${text}`)
    if (/missingKey/i.test(text)) problems.push(`i18n: ${text}`)
  })
  return { context, page, problems }
}

export async function signIn(page: Page, server: RunningServer, employeeNo: string, { label = 'Employee number', password = 'Password', submit = 'Sign in' } = {}) {
  await page.goto(server.url + '/sign-in')
  await page.getByLabel(label).fill(employeeNo)
  await page.getByLabel(password, { exact: true }).fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: submit }).click()
  await page.waitForURL(/\/stores\/[^/]+\/(floor|backroom|office)/)
}

/**
 * A keyboard-wedge scan: the scanner's key presses and Enter as one burst at the focused element.
 * Dispatched inside the page, so a busy CI machine cannot stretch the burst into "typing"
 * (test/e2e/lookup.test.ts drives the same listener with real key presses).
 */
export async function wedgeScan(page: Page, code: string) {
  await page.evaluate((value) => {
    const target = document.activeElement ?? document.body
    for (const key of [...value, 'Enter']) target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }))
  }, code)
}

export async function shot(page: Page, name: string) {
  await page.screenshot({ path: screenshotPath(name), fullPage: false })
}

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }

/** axe-core (WCAG 2.1 A/AA) on the page as it is: serious and critical violations only. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // The CSP forbids inline <script>: evaluating the source over the DevTools protocol defines window.axe
  // just as page.addScriptTag({ content }) would.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE)
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })) }))
  })
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

/** The API as one person (its own cookie jar), for arranging and for checking effects. */
export async function apiAs(server: RunningServer, employeeNo: string): Promise<APIRequestContext> {
  const api = await pwRequest.newContext({ baseURL: server.url })
  const res = await api.post('/api/auth/login', { data: { employeeNo, password: DEMO_PASSWORD } })
  if (res.status() !== 200) throw new Error(`sign-in of ${employeeNo} failed: ${res.status()} ${await res.text()}`)
  return api
}

export async function json<T = any>(res: Awaited<ReturnType<APIRequestContext['get']>>, status?: number): Promise<T> {
  if (status !== undefined && res.status() !== status) throw new Error(`expected ${status}, got ${res.status()}: ${await res.text()}`)
  return (await res.json()) as T
}

export async function sql<T = Record<string, unknown>>(server: RunningServer, text: string, args: Array<string | number> = []): Promise<T[]> {
  const { rows } = await server.database.client.execute({ sql: text, args })
  return rows as unknown as T[]
}

/** Items of the store with stock in both places and a barcode, for scanning. */
export async function stockedItems(server: RunningServer, storeId: string, min = 5) {
  return sql<{ id: string; name: string; sku: string; barcode: string; floor: number; stockroom: number }>(
    server,
    `SELECT i.id, i.name, i.sku, (SELECT MIN(barcode) FROM item_barcodes WHERE item_id = i.id) AS barcode,
            f.quantity AS floor, s.quantity AS stockroom
       FROM items i
       JOIN balances f ON f.item_id = i.id AND f.store_id = ?1 AND f.location_id = (SELECT id FROM locations WHERE store_id = ?1 AND kind = 'floor')
       JOIN balances s ON s.item_id = i.id AND s.store_id = ?1 AND s.location_id = (SELECT id FROM locations WHERE store_id = ?1 AND kind = 'stockroom')
      WHERE f.quantity >= ?2 AND s.quantity >= ?2 AND i.active = 1
        AND EXISTS (SELECT 1 FROM item_barcodes WHERE item_id = i.id)
        AND NOT EXISTS (SELECT 1 FROM replenishment_requests r WHERE r.item_id = i.id AND r.store_id = ?1 AND r.status IN ('open', 'picking'))
      ORDER BY i.sku`,
    [storeId, min],
  )
}

/** Waits until the service worker controls the page (so a reload works without network). */
export async function waitForServiceWorker(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready
    if (!navigator.serviceWorker.controller) {
      await new Promise<void>((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }))
    }
  })
}

export async function closeAll(...contexts: Array<BrowserContext | APIRequestContext | undefined>) {
  for (const c of contexts) {
    if (!c) continue
    await ('dispose' in c ? c.dispose() : c.close()).catch(() => {})
  }
}
