import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'
import { DEMO_PASSWORD } from '../../db/seed'
import { newId } from '../../server/core/ids'
import type { RunningServer } from './support/server'

/** Shared steps of the office browser tests (corrections, review, reports). */

const require = createRequire(import.meta.url)
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

export async function signIn(page: Page, server: RunningServer, employeeNo: string) {
  await page.goto(server.url + '/sign-in')
  await page.getByLabel('Employee number').fill(employeeNo)
  await page.getByLabel('Password').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL(/\/stores\/[^/]+\/(floor|backroom|office)/)
}

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }

/** axe-core on the page as it is now: the serious and critical violations (there should be none). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // The app's CSP refuses inline <script> tags; evaluating the source over the DevTools protocol is not
  // subject to it, and defines window.axe the same way page.addScriptTag({ content }) would.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE)
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })) }))
  })
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

export async function locationId(server: RunningServer, storeId: string, kind: 'floor' | 'stockroom') {
  const { rows } = await server.database.client.execute({ sql: 'SELECT id FROM locations WHERE store_id = ? AND kind = ? LIMIT 1', args: [storeId, kind] })
  return String(rows[0]!.id)
}

export type StockedItem = { id: string; name: string; unitCost: number; quantity: number; barcode: string | null }

/** Items with stock in the store's stockroom, most valuable stock first (with a barcode to scan, if any). */
export async function stockroomItems(server: RunningServer, storeId: string): Promise<StockedItem[]> {
  const { rows } = await server.database.client.execute({
    sql: `SELECT i.id, i.name, i.unit_cost AS unitCost, b.quantity, (SELECT MIN(barcode) FROM item_barcodes WHERE item_id = i.id) AS barcode
            FROM balances b JOIN locations l ON l.id = b.location_id AND l.kind = 'stockroom'
            JOIN items i ON i.id = b.item_id
           WHERE b.store_id = ? AND b.quantity >= 3 AND i.unit_cost > 0
           ORDER BY b.quantity * i.unit_cost DESC`,
    args: [storeId],
  })
  return rows.map((r) => ({ id: String(r.id), name: String(r.name), unitCost: Number(r.unitCost), quantity: Number(r.quantity), barcode: r.barcode === null ? null : String(r.barcode) }))
}

export async function stockroomQuantity(server: RunningServer, storeId: string, itemId: string) {
  const { rows } = await server.database.client.execute({
    sql: `SELECT COALESCE(SUM(b.quantity), 0) AS q FROM balances b JOIN locations l ON l.id = b.location_id AND l.kind = 'stockroom'
           WHERE b.store_id = ? AND b.item_id = ?`,
    args: [storeId, itemId],
  })
  return Number(rows[0]!.q)
}

/**
 * Enters a correction through the API on the page's own session (as the back-room screen would), for
 * tests about deciding; entering through the back-room form itself is covered in corrections.test.ts.
 */
export async function enterCorrection(
  page: Page,
  server: RunningServer,
  storeId: string,
  input: { reasonCode: string; note?: string; lines: Array<{ locationId: string; itemId: string; quantityDelta: number }> },
): Promise<{ id: string; value: number; tier: string; version: number }> {
  const res = await page.request.post(`${server.url}/api/stores/${storeId}/corrections`, { data: { id: newId(), ...input } })
  if (res.status() !== 201) throw new Error(`entering a correction answered ${res.status()}: ${await res.text()}`)
  return (await res.json()) as { id: string; value: number; tier: string; version: number }
}

/** Text on the page that looks like an i18n key nobody translated (e.g. "office.detail.title"). */
export async function untranslatedKeys(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText()
  return [...new Set(text.match(/\b(?:office|common|errors|shell|workspace|role|place|items|auth)\.[a-zA-Z][\w.]*/g) ?? [])]
}
