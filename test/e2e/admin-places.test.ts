import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIRST_STORE_ID, seedDemo } from '../../db/seed'
import { seriousViolations, signIn, untranslatedKeys } from './office-helpers'
import { launchBrowser, screenshotPath } from './support/browser'
import { startServer, type RunningServer } from './support/server'
import { smallTouchTargets } from './support/touch-targets'

/**
 * Regions and stores in chromium: the chain administrator adds a region and a store in it, changes the
 * store, and the store is then there for the API (places, the administrator's own store list) with its
 * standard locations. A store manager gets no such panel, and the API refuses them.
 */
let server: RunningServer
let browser: Browser
const S = FIRST_STORE_ID

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startServer((db) => seedDemo(db, { stores: 2, items: 50, weeks: 1 })), launchBrowser()])
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function check(page: Page, name: string) {
  await page.waitForLoadState('networkidle')
  expect(await untranslatedKeys(page), name).toEqual([])
  expect(await seriousViolations(page), name).toEqual([])
  expect(await smallTouchTargets(page), name).toEqual([])
  // Nothing wider than the screen (no sideways scrolling on a tablet or phone).
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), name).toBeLessThanOrEqual(0)
  await page.screenshot({ path: screenshotPath(name) })
}

type Places = { regions: Array<{ id: string; code: string; name: string }>; stores: Array<{ id: string; regionId: string; code: string; name: string; city: string; timezone: string; opensAt: string; closesAt: string; active: boolean }> }

describe('regions and stores', () => {
  it('an administrator creates a region and a store in it, changes the store, and it is there for the API', async () => {
    const context = await browser.newContext({ viewport: { width: 768, height: 1024 }, locale: 'en-GB' })
    const page = await context.newPage()
    const pageErrors: string[] = []
    page.on('pageerror', (err) => pageErrors.push(err.message))
    try {
      await signIn(page, server, 'E9001')
      await page.goto(`${server.url}/stores/${S}/office/admin`)
      const card = page.locator('section.card').filter({ has: page.getByRole('heading', { level: 2, name: 'Regions and stores' }) })
      await card.getByRole('list', { name: 'Stores in Nord' }).waitFor()
      await card.scrollIntoViewIfNeeded()
      await check(page, 'office-places-768x1024')

      // A new region; its code is upper-cased as it is typed.
      await card.getByRole('button', { name: 'New region' }).click()
      const dialog = page.getByRole('dialog')
      await dialog.getByLabel('Region name').fill('West')
      await dialog.getByLabel('Code').fill('west')
      await expect(dialog.getByLabel('Code').inputValue()).resolves.toBe('WEST')
      await dialog.getByRole('button', { name: 'Create region' }).click()
      const west = card.getByTestId('region').filter({ has: page.getByRole('heading', { level: 3, name: 'West WEST' }) })
      await west.getByText('No stores in this region yet.').waitFor()

      // A code that is taken: the server's DUPLICATE, in the screen's words.
      await card.getByRole('button', { name: 'New region' }).click()
      await dialog.getByLabel('Region name').fill('Norden')
      await dialog.getByLabel('Code').fill('NORD')
      await dialog.getByRole('button', { name: 'Create region' }).click()
      await dialog.getByRole('alert').getByText('A region with the code NORD exists already.').waitFor()
      await dialog.getByRole('button', { name: 'Cancel' }).click()
      await dialog.waitFor({ state: 'hidden' })

      // A store in the new region.
      await west.getByRole('button', { name: 'Add store to West' }).click()
      await expect(dialog.getByLabel('Region').inputValue()).resolves.toBe(
        (await page.request.get(`${server.url}/api/admin/places`).then((r) => r.json() as Promise<Places>)).regions.find((r) => r.code === 'WEST')!.id,
      )
      await dialog.getByLabel('Store name').fill('Köln Ehrenfeld')
      await dialog.getByLabel('Code').fill('F3001')
      await dialog.getByLabel('City').fill('Köln')
      await dialog.getByLabel('Opens at').fill('07:30')
      await dialog.getByLabel('Closes at').fill('21:00')
      await check(page, 'office-places-new-store-768x1024')
      await dialog.getByRole('button', { name: 'Create store' }).click()
      const row = west.getByTestId('store-row').filter({ hasText: 'F3001' })
      await row.getByText('Köln · Europe/Berlin · open 07:30–21:00').waitFor()

      // Changing it: name and closing time; only those are sent.
      const patches: unknown[] = []
      page.on('request', (req) => {
        if (req.method() === 'PATCH' && req.url().includes('/api/admin/stores/')) patches.push(req.postDataJSON())
      })
      await row.getByRole('button', { name: 'Edit F3001 · Köln Ehrenfeld' }).click()
      await dialog.getByLabel('Store name').fill('Köln-Ehrenfeld')
      await dialog.getByLabel('Closes at').fill('22:00')
      await check(page, 'office-places-edit-store-768x1024')
      await dialog.getByRole('button', { name: 'Save' }).click()
      await row.getByText('Köln · Europe/Berlin · open 07:30–22:00').waitFor()
      await expect(row.textContent()).resolves.toContain('F3001 · Köln-Ehrenfeld')
      expect(patches).toEqual([{ name: 'Köln-Ehrenfeld', closesAt: '22:00' }])
      await check(page, 'office-places-after-768x1024')

      // The API has it where it belongs: in the new region, with its hours, active, with its standard locations.
      const places = (await (await page.request.get(`${server.url}/api/admin/places`)).json()) as Places
      const region = places.regions.find((r) => r.code === 'WEST')!
      expect(region).toMatchObject({ name: 'West' })
      const created = places.stores.find((s) => s.code === 'F3001')!
      expect(created).toMatchObject({ regionId: region.id, name: 'Köln-Ehrenfeld', city: 'Köln', timezone: 'Europe/Berlin', opensAt: '07:30', closesAt: '22:00', active: true })
      const me = (await (await page.request.get(`${server.url}/api/me`)).json()) as { stores: Array<{ id: string; code: string; regionName: string; actions: string[] }> }
      expect(me.stores.find((s) => s.id === created.id)).toMatchObject({ code: 'F3001', regionName: 'West' })
      const { rows } = await server.database.client.execute({ sql: 'SELECT kind FROM locations WHERE store_id = ? ORDER BY kind', args: [created.id] })
      expect(rows.map((r) => String(r.kind))).toEqual(['floor', 'in_transit', 'quarantine', 'receiving', 'stockroom'])
      const audit = await server.database.client.execute({ sql: `SELECT action FROM audit_events WHERE action IN ('region.created', 'store.created', 'store.updated') ORDER BY seq`, args: [] })
      expect(audit.rows.map((r) => String(r.action))).toEqual(['region.created', 'store.created', 'store.updated'])

      // The new store opens in the office like any other.
      await page.goto(`${server.url}/stores/${created.id}/office/admin`)
      await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor()
      await page.getByText('Köln-Ehrenfeld', { exact: false }).first().waitFor()
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('works on a phone', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-GB', hasTouch: true, isMobile: true })
    const page = await context.newPage()
    try {
      await signIn(page, server, 'E9001')
      await page.goto(`${server.url}/stores/${S}/office/admin`)
      const card = page.locator('section.card').filter({ has: page.getByRole('heading', { level: 2, name: 'Regions and stores' }) })
      await card.getByRole('list', { name: 'Stores in Nord' }).waitFor()
      await card.scrollIntoViewIfNeeded()
      await check(page, 'office-places-390x844')
      await card.getByRole('button', { name: 'Edit', exact: false }).first().click()
      await page.getByRole('dialog').getByLabel('Store is active').waitFor()
      await check(page, 'office-places-edit-390x844')
    } finally {
      await context.close()
    }
  })

  it('a store manager sees no regions and stores, and the API refuses them', async () => {
    const context = await browser.newContext({ viewport: { width: 768, height: 1024 }, locale: 'en-GB' })
    const page = await context.newPage()
    try {
      await signIn(page, server, 'E1004')
      await page.goto(`${server.url}/stores/${S}/office/admin`)
      await page.getByRole('heading', { level: 2, name: 'Users' }).waitFor()
      await page.waitForLoadState('networkidle')
      await expect(page.getByRole('heading', { name: 'Regions and stores' }).count()).resolves.toBe(0)
      expect((await page.request.get(`${server.url}/api/admin/places`)).status()).toBe(403)
      const refused = await page.request.post(`${server.url}/api/admin/regions`, { data: { code: 'OST', name: 'Ost' } })
      expect(refused.status()).toBe(403)
    } finally {
      await context.close()
    }
  })
})
