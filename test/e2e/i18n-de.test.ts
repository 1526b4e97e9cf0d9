import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIRST_STORE_ID, seedDemo } from '../../db/seed'
import { launchBrowser } from './support/browser'
import { startServer, type RunningServer } from './support/server'
import { newId } from '../../server/core/ids'
import { apiAs, closeAll, json, seriousViolations, shot, signIn, sql, stockedItems, tablet, wedgeScan } from './support/workflows'

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
const load = (name: string) => JSON.parse(readFileSync(resolve(import.meta.dirname, `../../web/i18n/${name}.json`), 'utf8')) as Tree
// The office strings are merged under `office`, as the app does at start-up.
const en: Tree = { ...load('en'), office: load('office.en') }
const de: Tree = { ...load('de'), office: load('office.de') }
const leaves = (t: Tree, prefix = ''): Array<[string, string]> =>
  Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [[prefix + k, v] as [string, string]] : leaves(v, `${prefix}${k}.`)))
const deByKey = new Map(leaves(de))
/** English sentences that differ in German: none may show on a German screen. */
const english = leaves(en)
  .filter(([k, v]) => v.length >= 14 && !v.includes('{{') && deByKey.get(k) !== v)
  .map(([, v]) => v)
const RAW_KEY = /\b(office|common|errors|auth|shell|workspace|role|place|movementKind|home|items|backroom|floor|replenishment|report|scan|picks|receive|count|correct|transfer|outbox|lock|uom)\.[a-zA-Z_]+(\.[a-zA-Z_]+)*\b/
/** Short English words of the office screens (too short for the sentence list) that a German screen must not show. */
const ENGLISH_WORDS = /\b(Corrections|Anomalies|Shrink|Escalate|Escalated|Waiting|Overdue|Confirmed|Reports|Evidence|Showing|Show more|Reset|of sales|wrote off|entered by|Groceries|Dairy|Beverages|Bakery|Household)\b/
/** Catalog category keys as the API sends them: shown raw, they would be untranslated. */
const RAW_CATEGORY = /\b(dairy|bakery|groceries|beverages|snacks|frozen|deli|drugstore|household|pet)\b/

async function checkGerman(page: Page, name: string) {
  await page.waitForTimeout(300)
  const text = await page.evaluate(() => document.body.innerText)
  expect(text.match(RAW_KEY)?.[0] ?? null, `${name}: raw key`).toBeNull()
  expect(english.filter((s) => text.includes(s)), `${name}: English left`).toEqual([])
  expect(await seriousViolations(page), `${name}: axe`).toEqual([])
}

async function checkGermanOffice(page: Page, name: string) {
  await checkGerman(page, name)
  const text = await page.evaluate(() => document.querySelector('main')?.innerText ?? document.body.innerText)
  expect(text.match(ENGLISH_WORDS)?.[0] ?? null, `${name}: English word`).toBeNull()
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
      expect((await page.getByTestId('item-card').innerText()).match(RAW_CATEGORY)?.[0] ?? null, 'floor: category key').toBeNull()
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
        expect((await page.locator('main').innerText()).match(RAW_CATEGORY)?.[0] ?? null, `${name}: category key`).toBeNull()
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

  it('renders the office review screens in German: queue with rows, history window, report, anomalies, evidence', async () => {
    // Three write-offs of one item by the same person (an anomaly), one of them confirmed (a report bar).
    const clerk = await apiAs(server, 'E1002')
    const manager = await apiAs(server, 'E1004')
    const { context, page, problems } = await tablet(browser, 'de-DE')
    try {
      const [stockroom] = await sql<{ id: string }>(server, "SELECT id FROM locations WHERE store_id = ? AND kind = 'stockroom' LIMIT 1", [STORE])
      const [item] = await sql<{ id: string }>(
        server,
        "SELECT b.item_id AS id FROM balances b JOIN locations l ON l.id = b.location_id AND l.kind = 'stockroom' JOIN items i ON i.id = b.item_id WHERE b.store_id = ? AND b.quantity >= 6 AND i.unit_cost BETWEEN 100 AND 1000 LIMIT 1",
        [STORE],
      )
      const entered: Array<{ id: string; version: number }> = []
      for (const units of [1, 2, 1]) {
        entered.push(
          await json(
            await clerk.post(`/api/stores/${STORE}/corrections`, {
              data: { id: newId(), reasonCode: 'damaged', lines: [{ locationId: stockroom!.id, itemId: item!.id, quantityDelta: -units }] },
            }),
            201,
          ),
        )
      }
      await json(
        await manager.post(`/api/stores/${STORE}/corrections/${entered[0]!.id}/confirm`, { data: { version: entered[0]!.version, credentials: { employeeNo: 'E1004', pin: '1004' } } }),
        200,
      )

      await page.goto(server.url + '/sign-in')
      await page.getByRole('radio', { name: 'DE' }).click()
      await signIn(page, server, 'E2001', { label: 'Personalnummer', password: 'Passwort', submit: 'Anmelden' })

      await page.goto(`${server.url}/stores/${STORE}/office/review`)
      await page.getByRole('list', { name: 'Korrekturen in der Prüfliste' }).getByTestId('review-row').first().waitFor()
      await checkGermanOffice(page, 'office queue')
      await shot(page, 'de-office-review-768x1024')
      // History without dates: the window is said in German.
      await page.goto(`${server.url}/stores/${STORE}/office/review?status=any`)
      await page.getByTestId('review-window').getByText('Angezeigt werden Korrekturen, die seit dem', { exact: false }).waitFor()
      await page.getByTestId('review-row').first().waitFor()
      await checkGermanOffice(page, 'office queue history')

      await page.goto(`${server.url}/stores/${STORE}/office/reports`)
      await page.getByRole('list', { name: 'Nach Grund' }).waitFor()
      const finding = page.getByTestId('anomaly').filter({ hasText: 'Derselbe Artikel wiederholt von einer Person abgeschrieben' })
      await finding.waitFor()
      expect(await finding.innerText()).toMatch(/in 3 getrennten Korrekturen abgeschrieben \(4 Stück insgesamt\)/)
      const categories = page.getByRole('list', { name: 'Nach Warengruppe' })
      await categories.getByTestId('report-bar').first().waitFor()
      expect((await categories.innerText()).match(RAW_CATEGORY)?.[0] ?? null, 'category keys').toBeNull()
      await checkGermanOffice(page, 'office report and anomalies')
      await shot(page, 'de-office-reports-768x1024')

      await page.goto(`${server.url}/stores/${STORE}/office/evidence`)
      await page.getByRole('button', { name: 'Funktionstrennung prüfen' }).click()
      await page.getByRole('list', { name: 'Prüfungen der Funktionstrennung' }).waitFor()
      await checkGermanOffice(page, 'office evidence')
      await shot(page, 'de-office-evidence-768x1024')
      expect(problems).toEqual([])
    } catch (err) {
      await shot(page, 'de-office-FAILED')
      throw err
    } finally {
      await closeAll(context, clerk, manager)
    }
  })
})
