import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIRST_STORE_ID, seedDemo } from '../../db/seed'
import { launchBrowser } from './support/browser'
import { startServer, type RunningServer } from './support/server'
import { apiAs, closeAll, json, seriousViolations, shot, signIn, stockedItems, tablet, wedgeScan } from './support/workflows'

/**
 * The German UI: every floor and back-room screen renders in German, with no raw `key.path` strings
 * and no English sentence left over; axe finds nothing serious on any of them. Also looked at on a
 * landscape tablet and a phone.
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
type Tree = { [k: string]: string | Tree }
const load = (lng: string) => JSON.parse(readFileSync(resolve(import.meta.dirname, `../../web/i18n/${lng}.json`), 'utf8')) as Tree
const en = load('en')
const de = load('de')
const leaves = (t: Tree, prefix = ''): Array<[string, string]> =>
  Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [[prefix + k, v] as [string, string]] : leaves(v, `${prefix}${k}.`)))
const deByKey = new Map(leaves(de))
/** English sentences that differ in German: none may show on a German screen. */
const english = leaves(en)
  .filter(([k, v]) => v.length >= 14 && !v.includes('{{') && deByKey.get(k) !== v)
  .map(([, v]) => v)
const RAW_KEY = /\b(common|errors|auth|shell|workspace|role|place|movementKind|home|items|backroom|floor|replenishment|report|scan|picks|receive|count|correct|transfer|outbox|lock|uom)\.[a-zA-Z_]+(\.[a-zA-Z_]+)*\b/

async function checkGerman(page: Page, name: string) {
  await page.waitForTimeout(300)
  const text = await page.evaluate(() => document.body.innerText)
  expect(text.match(RAW_KEY)?.[0] ?? null, `${name}: raw key`).toBeNull()
  expect(english.filter((s) => text.includes(s)), `${name}: English left`).toEqual([])
  expect(await seriousViolations(page), `${name}: axe`).toEqual([])
}

describe('German UI', () => {
  it('renders every floor and back-room screen in German', async () => {
    const [item] = await stockedItems(server, STORE)
    const manager = await apiAs(server, 'E1004')
    const { delivery } = await json<{ delivery: { id: string } }>(
      await manager.post(`/api/stores/${STORE}/deliveries`, { data: { supplier: 'Bäckerei Möller', reference: 'LS-0815', lines: [{ itemId: item!.id, expectedQty: 12 }] } }),
      201,
    )
    const { count } = await json<{ count: { id: string } }>(
      await manager.post(`/api/stores/${STORE}/counts`, { data: { kind: 'cycle', location: 'stockroom', items: [{ itemId: item!.id }] } }),
      201,
    )
    const { context, page, problems } = await tablet(browser, 'de-DE')
    try {
      // The language picked on this tablet wins over the person's profile language.
      await page.goto(server.url + '/sign-in')
      await page.getByRole('radio', { name: 'DE' }).click()
      await page.getByRole('heading', { name: 'Anmelden' }).waitFor()
      await checkGerman(page, 'sign-in')
      await signIn(page, server, 'E1002', { label: 'Personalnummer', password: 'Passwort', submit: 'Anmelden' })

      // Sales floor: look-up, item card with its actions, refill dialog, damage report.
      await page.goto(`${server.url}/stores/${STORE}/floor`)
      await page.getByPlaceholder('Name, Artikelnr. oder Barcode').or(page.getByRole('search').getByRole('searchbox')).first().waitFor()
      await wedgeScan(page, item!.barcode)
      await page.getByTestId('item-card').waitFor()
      await checkGerman(page, 'floor')
      await shot(page, 'de-floor-768x1024')
      await page.getByRole('button', { name: 'Aus dem Lager holen' }).click()
      await page.getByRole('dialog').getByRole('button', { name: 'Ans Lager senden' }).waitFor()
      await checkGerman(page, 'refill dialog')
      await page.getByRole('dialog').getByRole('button', { name: 'Ans Lager senden' }).click()
      await page.getByRole('dialog').getByText('Ans Lager gesendet').waitFor()
      await page.getByRole('dialog').getByRole('button', { name: 'Fertig' }).click()
      await page.getByRole('button', { name: 'Beschädigt / fehlt melden' }).click()
      await page.getByRole('dialog').getByRole('radio').first().waitFor()
      await checkGerman(page, 'report dialog')
      await shot(page, 'de-report-768x1024')
      await page.getByRole('dialog').getByRole('button', { name: 'Schließen' }).click()

      const screens: Array<[string, string, (p: Page) => Promise<unknown>]> = [
        ['backroom', `/stores/${STORE}/backroom`, (p) => p.getByRole('heading', { name: 'Lager', level: 1 }).or(p.locator('.tiles')).first().waitFor()],
        ['picks', `/stores/${STORE}/backroom/picks`, (p) => p.getByTestId('pick-line').first().waitFor()],
        ['deliveries', `/stores/${STORE}/backroom/receiving`, (p) => p.getByTestId('delivery-row').first().waitFor()],
        ['receiving', `/stores/${STORE}/backroom/receiving/${delivery.id}`, (p) => p.getByTestId('delivery-line').first().waitFor()],
        ['counts', `/stores/${STORE}/backroom/counts`, (p) => p.getByTestId('count-row').first().waitFor()],
        ['count', `/stores/${STORE}/backroom/counts/${count.id}`, (p) => p.getByTestId('sheet-line').first().waitFor()],
        ['corrections', `/stores/${STORE}/backroom/corrections`, (p) => p.getByRole('link', { name: 'Neue Korrektur' }).waitFor()],
        ['new correction', `/stores/${STORE}/backroom/corrections/new`, (p) => p.getByRole('radio').first().waitFor()],
        ['transfers', `/stores/${STORE}/backroom/transfers`, (p) => p.getByRole('radiogroup').first().waitFor()],
        ['new transfer', `/stores/${STORE}/backroom/transfers/new`, (p) => p.getByRole('button', { name: 'Entwurf speichern' }).waitFor()],
      ]
      for (const [name, path, ready] of screens) {
        await page.goto(server.url + path)
        await ready(page)
        await checkGerman(page, name)
        await shot(page, `de-${name.replace(/ /g, '-')}-768x1024`)
      }
      // A count entry and the outbox dialog (after a scan in the count).
      await page.goto(`${server.url}/stores/${STORE}/backroom/counts/${count.id}`)
      await page.getByTestId('sheet-line').first().click()
      await page.getByLabel('Gefundene Menge (diesmal)').waitFor()
      await checkGerman(page, 'count entry')

      // Landscape tablet and phone: same screens, other layouts.
      await page.setViewportSize({ width: 1280, height: 800 })
      await page.goto(`${server.url}/stores/${STORE}/backroom/receiving/${delivery.id}`)
      await page.getByTestId('delivery-line').first().waitFor()
      await shot(page, 'de-receiving-1280x800')
      await page.goto(`${server.url}/stores/${STORE}/floor?code=${item!.barcode}`)
      await page.getByTestId('item-card').waitFor()
      await shot(page, 'de-floor-1280x800')
      await page.setViewportSize({ width: 390, height: 844 })
      await page.goto(`${server.url}/stores/${STORE}/backroom/counts/${count.id}`)
      await page.getByTestId('sheet-line').first().waitFor()
      await checkGerman(page, 'count on a phone')
      await shot(page, 'de-count-390x844')
      await page.goto(`${server.url}/stores/${STORE}/backroom/picks`)
      await page.getByTestId('pick-line').first().waitFor()
      await shot(page, 'de-picks-390x844')

      expect(problems).toEqual([])
    } catch (err) {
      await shot(page, 'de-FAILED')
      throw err
    } finally {
      await closeAll(context, manager)
    }
  })
})
