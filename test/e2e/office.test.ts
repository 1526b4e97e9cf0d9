import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIRST_STORE_ID, seedDemo } from '../../db/seed'
import { enterCorrection, locationId, seriousViolations, signIn, stockroomItems, untranslatedKeys } from './office-helpers'
import { launchBrowser, screenshotPath } from './support/browser'
import { startServer, type RunningServer } from './support/server'

/**
 * The office screens a store manager uses besides the second vote — counts & deliveries, till keys,
 * the audit check — in chromium at tablet and laptop sizes, with axe-core on each.
 */
let server: RunningServer
let browser: Browser
const S = FIRST_STORE_ID

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startServer((db) => seedDemo(db, { stores: 2, items: 200, weeks: 1 })), launchBrowser()])
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function check(page: Page, name: string) {
  await page.waitForLoadState('networkidle')
  expect(await untranslatedKeys(page), name).toEqual([])
  expect(await seriousViolations(page), name).toEqual([])
  await page.screenshot({ path: screenshotPath(name) })
}

/** Text and badges inside list rows that stick out of their row (cut off or overflowing). */
function clipped(page: Page) {
  return page.evaluate(() => {
    const out: string[] = []
    for (const row of document.querySelectorAll<HTMLElement>('[data-testid="review-row"], [data-testid="correction-row"]')) {
      const box = row.getBoundingClientRect()
      for (const el of row.querySelectorAll<HTMLElement>('.badge, .corr-money, .corr-reason, .store-code, .btn')) {
        const r = el.getBoundingClientRect()
        if (r.width > 0 && (r.right > box.right + 0.5 || r.left < box.left - 0.5)) out.push(`${el.className}: ${el.textContent ?? ''}`)
      }
    }
    return [...new Set(out)]
  })
}

describe('office screens', () => {
  it('a store manager plans a count, announces a delivery, creates a till key and checks the audit chain', async () => {
    const context = await browser.newContext({ viewport: { width: 768, height: 1024 }, locale: 'en-GB' })
    const page = await context.newPage()
    const pageErrors: string[] = []
    page.on('pageerror', (err) => pageErrors.push(err.message))
    try {
      await signIn(page, server, 'E1004')
      await page.goto(`${server.url}/stores/${S}/office`)
      await page.getByRole('heading', { level: 1, name: 'Office' }).waitFor()
      await check(page, 'office-overview-768x1024')

      // Counts & deliveries
      await page.getByRole('navigation', { name: 'Office sections' }).getByRole('link', { name: 'Counts & deliveries' }).click()
      await page.getByRole('heading', { level: 1, name: 'Counts & deliveries' }).waitFor()
      const { rows } = await server.database.client.execute({ sql: 'SELECT sku FROM items ORDER BY sku LIMIT 2', args: [] })
      const [sku1, sku2] = rows.map((r) => String(r.sku))
      await page.getByRole('button', { name: 'New delivery' }).click()
      const dialog = page.getByRole('dialog')
      await dialog.getByLabel('Supplier').fill('Nordfrost GmbH')
      await dialog.getByLabel('Delivery note / reference').fill('LS-4711')
      await dialog.getByLabel('Lines').fill(`${sku1} 24\n${sku2} 6`)
      await dialog.getByRole('button', { name: 'Announce delivery' }).click()
      await page.getByText('Nordfrost GmbH · LS-4711').waitFor()

      await page.getByRole('button', { name: 'Plan a count' }).click()
      await dialog.getByLabel('Items').fill(`${sku1} ${sku2}`)
      await dialog.getByRole('button', { name: 'Open count' }).click()
      await page.getByText('0 of 2 lines counted', { exact: false }).waitFor()
      await check(page, 'office-stock-768x1024')

      // The manager did not count: she may review the variances and submit.
      await page.getByRole('button', { name: 'Review', exact: true }).first().click()
      await dialog.getByText(/0 of 2 lines counted; \d+ with a variance/).waitFor()
      await check(page, 'office-count-review-768x1024')
      await dialog.getByLabel(/Count the 2 uncounted lines as zero/).check()
      await dialog.getByRole('button', { name: 'Submit count' }).click()
      await dialog.getByText(/^(Recount first|Count submitted)$/).waitFor()

      // Till keys: the secret is shown once
      await page.goto(`${server.url}/stores/${S}/office/admin`)
      await page.getByLabel('Name of the till or system').fill('Till 3')
      await page.getByRole('button', { name: 'Create key' }).click()
      const secret = await page.getByTestId('pos-secret').textContent()
      expect(secret?.length).toBeGreaterThan(20)
      await check(page, 'office-admin-768x1024')
      await page.reload()
      await page.getByText('Till 3', { exact: false }).first().waitFor()
      await expect(page.getByTestId('pos-secret').count()).resolves.toBe(0)

      // Audit chain
      await page.goto(`${server.url}/stores/${S}/office/evidence`)
      await page.getByRole('button', { name: 'Verify the chain' }).click()
      await page.getByText(/^Intact: \d+ events checked$/).waitFor()
      const anchor = await page.getByTestId('audit-anchor').textContent()
      expect(anchor).toMatch(/^\d+:[0-9a-f]{64}$/)
      await check(page, 'office-evidence-768x1024')
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('the office works at 1280×800, on a portrait tablet and on a phone, with real rows on screen', async () => {
    // Pending corrections of every tier, entered by the stockroom worker: the waiting list and the
    // queue have rows (value, tier and status badges, long names) to lay out.
    const back = await browser.newContext()
    try {
      const page = await back.newPage()
      await signIn(page, server, 'E1002')
      const stockroom = await locationId(server, S, 'stockroom')
      const items = await stockroomItems(server, S)
      for (const [i, item] of items.slice(0, 4).entries()) {
        const units = i === 0 ? Math.min(item.quantity, Math.ceil(50_001 / item.unitCost)) : 1 + i
        await enterCorrection(page, server, S, { reasonCode: i % 2 ? 'damaged' : 'theft', note: 'Seen at the morning walk', lines: [{ locationId: stockroom, itemId: item.id, quantityDelta: -units }] })
      }
    } finally {
      await back.close()
    }

    for (const [w, h] of [
      [1280, 800],
      [768, 1024],
      [390, 844],
    ] as const) {
      const context = await browser.newContext({ viewport: { width: w, height: h }, locale: 'en-GB' })
      const page = await context.newPage()
      try {
        await signIn(page, server, 'E1004')
        for (const [path, heading, name, rows] of [
          ['corrections', 'Corrections', 'waiting', 'correction-row'],
          ['corrections?view=history', 'Corrections', 'history', 'correction-row'],
          ['review', 'Review queue', 'review', 'review-row'],
          ['reports', 'Reports', 'reports', null],
        ] as const) {
          await page.goto(`${server.url}/stores/${S}/office/${path}`)
          await page.getByRole('heading', { level: 1, name: heading }).waitFor()
          if (rows) {
            await page.getByTestId(rows).first().waitFor()
            // The screenshot shows the rows, below the filters.
            await page.getByTestId(rows).first().scrollIntoViewIfNeeded()
          }
          await check(page, `office-${name}-${w}x${h}`)
          // Nothing on the page is wider than the screen, and no row's content runs past its row.
          expect(await page.evaluate(() => document.documentElement.scrollWidth), `${path} at ${w}px`).toBeLessThanOrEqual(w)
          expect(await clipped(page), `${path} at ${w}px`).toEqual([])
          // The office tabs: all on screen on a tablet or wider (they wrap), on a phone at least the open one (the row scrolls to it).
          const tabs = await page
            .getByRole('navigation', { name: 'Office sections' })
            .getByRole('link')
            .evaluateAll((links) => links.map((a) => ({ name: a.textContent, left: a.getBoundingClientRect().left, right: a.getBoundingClientRect().right, open: a.getAttribute('aria-current') === 'page' })))
          const offScreen = tabs.filter((tab) => (w >= 600 || tab.open) && (tab.left < 0 || tab.right > w)).map((tab) => tab.name)
          expect(offScreen, `office tabs at ${w}px on ${path}`).toEqual([])
        }
      } finally {
        await context.close()
      }
    }
  })

  it('a store manager escalates an overdue correction above her tier to the region, with a note', async () => {
    const back = await browser.newContext()
    const context = await browser.newContext({ viewport: { width: 768, height: 1024 }, locale: 'en-GB' })
    try {
      const enterer = await back.newPage()
      await signIn(enterer, server, 'E1002')
      const stockroom = await locationId(server, S, 'stockroom')
      const item = (await stockroomItems(server, S)).find((i) => i.quantity * i.unitCost > 50_000)!
      const entered = await enterCorrection(enterer, server, S, {
        reasonCode: 'theft',
        lines: [{ locationId: stockroom, itemId: item.id, quantityDelta: -Math.min(item.quantity, Math.ceil(50_001 / item.unitCost)) }],
      })
      expect(entered.tier).toBe('regional_manager')
      // Corrections are escalated after this many hours (48 by default): 0 makes this one overdue now.
      const policy = await server.database.client.execute({ sql: 'UPDATE tier_policies SET escalate_after_hours = 0', args: [] })
      expect(policy.rowsAffected).toBeGreaterThan(0)

      const page = await context.newPage()
      await signIn(page, server, 'E1004')
      await page.goto(`${server.url}/stores/${S}/office/review?overdue=true`)
      const value = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(entered.value / 100)
      const row = page.getByTestId('review-row').filter({ has: page.locator(`a[href$="/corrections/${entered.id}"]`) })
      const code = String((await server.database.client.execute({ sql: 'SELECT code FROM stores WHERE id = ?', args: [S] })).rows[0]!.code)
      await row.getByRole('button', { name: `Escalate ${value} in ${code}` }).click()
      const dialog = page.getByRole('dialog', { name: 'Escalate to the region' })
      await dialog.getByLabel('Note for the region (optional)').fill('Pallet gone since Friday; nobody here may release it')
      await check(page, 'office-escalate-768x1024')
      await dialog.getByRole('button', { name: 'Escalate', exact: true }).click()
      await page.getByText(/^Escalated: /).waitFor()
      await row.getByText('Escalated', { exact: true }).waitFor()
      await expect(row.getByRole('button', { name: /^Escalate / }).count()).resolves.toBe(0)
      const { rows } = await server.database.client.execute({
        sql: "SELECT after FROM audit_events WHERE entity_id = ? AND action = 'correction.escalated'",
        args: [entered.id],
      })
      expect(rows.map((r) => JSON.parse(String(r.after)).note)).toEqual(['Pallet gone since Friday; nobody here may release it'])
    } finally {
      await server.database.client.execute({ sql: 'UPDATE tier_policies SET escalate_after_hours = 48', args: [] })
      await back.close()
      await context.close()
    }
  })

  it('a store manager creates a user, resets their PIN; an administrator adds a reason code and a shelf minimum', async () => {
    const context = await browser.newContext({ viewport: { width: 768, height: 1024 }, locale: 'en-GB' })
    const page = await context.newPage()
    try {
      await signIn(page, server, 'E1004')
      await page.goto(`${server.url}/stores/${S}/office/admin`)
      await page.getByRole('button', { name: 'New user' }).click()
      const dialog = page.getByRole('dialog')
      await dialog.getByLabel('Employee number').fill('E1099')
      await dialog.getByLabel('Name', { exact: true }).fill('Paula Probe')
      await dialog.getByLabel('Password').fill('probe-1234')
      await dialog.getByLabel('PIN (optional)').fill('1099')
      await dialog.getByLabel('Role').selectOption('clerk')
      await dialog.getByRole('button', { name: 'Create user' }).click()
      const row = page.getByTestId('user-row').filter({ hasText: 'Paula Probe · E1099' })
      await row.getByText('Clerk', { exact: false }).waitFor()
      await check(page, 'office-users-768x1024')

      await row.getByRole('button', { name: 'Reset PIN' }).click()
      await dialog.getByLabel('New PIN').fill('4321')
      await dialog.getByRole('button', { name: 'Set PIN' }).click()
      await dialog.waitFor({ state: 'hidden' })
      // The new PIN works on a store tablet (a password sign-in registers the browser first).
      const tablet = await browser.newContext()
      try {
        const login = await tablet.request.post(`${server.url}/api/auth/login`, { data: { employeeNo: 'E1099', password: 'probe-1234' } })
        expect(login.status()).toBe(200)
        expect((await tablet.request.post(`${server.url}/api/auth/pin`, { data: { employeeNo: 'E1099', pin: '4321' } })).status()).toBe(200)
      } finally {
        await tablet.close()
      }

      const admin = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' })
      try {
        const a = await admin.newPage()
        await signIn(a, server, 'E9001')
        await a.goto(`${server.url}/stores/${S}/office/admin`)
        await a.getByLabel('Code', { exact: true }).fill('water_damage')
        await a.getByLabel('Label (English)').fill('Water damage')
        await a.getByLabel('Label (German)').fill('Wasserschaden')
        await a.getByRole('button', { name: 'Add reason code' }).click()
        await a.getByText('Water damage', { exact: true }).waitFor()
        const { rows } = await server.database.client.execute({ sql: 'SELECT sku FROM items ORDER BY sku LIMIT 1', args: [] })
        await a.getByLabel('Find an item').fill(String(rows[0]!.sku))
        await a.getByRole('button', { name: 'Choose' }).first().click()
        await a.getByLabel('Shelf minimum').fill('6')
        await a.getByLabel('Shelf target').fill('24')
        await a.getByRole('button', { name: 'Save', exact: true }).last().click()
        await a.getByText('Saved', { exact: true }).last().waitFor()
        await check(a, 'office-admin-1280x800')
      } finally {
        await admin.close()
      }
    } finally {
      await context.close()
    }
  })
})
