import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIRST_STORE_ID, seedDemo } from '../../db/seed'
import { seriousViolations, signIn, untranslatedKeys } from './office-helpers'
import { launchBrowser, screenshotPath } from './support/browser'
import { startServer, type RunningServer } from './support/server'
import { smallTouchTargets } from './support/touch-targets'
import { apiAs, json, sql } from './support/workflows'

/**
 * Self-service credentials in chromium against the real app: a store manager resets a lead's PIN and
 * password in the office; the lead signs in with the temporary password, is made to choose their own before
 * anything else, sets their own PIN from the reminder, and that PIN switches users on the store tablet (the
 * temporary one no longer does) and steps up for a decision.
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

describe('own password and PIN in the browser', () => {
  it('a manager resets a lead’s PIN and password; the lead chooses their own password, sets their own PIN, and switches users with it', async () => {
    const office = await browser.newContext({ viewport: { width: 768, height: 1024 }, locale: 'en-GB' })
    const tablet = await browser.newContext({ viewport: { width: 768, height: 1024 }, locale: 'en-GB' })
    const pageErrors: string[] = []
    try {
      // 1) The store manager resets Jonas Becker's PIN and password in the office.
      const manager = await office.newPage()
      manager.on('pageerror', (err) => pageErrors.push(err.message))
      await signIn(manager, server, 'E1004')
      await manager.goto(`${server.url}/stores/${S}/office/admin`)
      const row = manager.getByTestId('user-row').filter({ hasText: 'Jonas Becker · E1003' })
      await row.getByRole('button', { name: 'Reset PIN' }).click()
      const dialog = manager.getByRole('dialog')
      await dialog.getByLabel('New PIN').fill('4826')
      await dialog.getByRole('button', { name: 'Set PIN' }).click()
      await dialog.waitFor({ state: 'hidden' })
      await row.getByRole('button', { name: 'Reset password' }).click()
      await dialog.getByText(/Their sessions end now/).waitFor()
      await dialog.getByLabel('Temporary password').fill('temp-pass-4826')
      await dialog.getByRole('button', { name: 'Set temporary password' }).click()
      await dialog.waitFor({ state: 'hidden' })
      await row.getByText('Temporary password', { exact: true }).waitFor()
      await row.getByText('Temporary PIN', { exact: true }).waitFor()
      await manager.screenshot({ path: screenshotPath('account-office-reset-768x1024') })
      const [lead] = await sql<{ id: string; passwordTemporary: number; pinTemporary: number; setBy: string }>(
        server,
        "SELECT id, password_temporary AS passwordTemporary, pin_temporary AS pinTemporary, credentials_set_by AS setBy FROM users WHERE employee_no = 'E1003'",
      )
      const [sabine] = await sql<{ id: string }>(server, "SELECT id FROM users WHERE employee_no = 'E1004'")
      expect(lead).toMatchObject({ passwordTemporary: 1, pinTemporary: 1, setBy: sabine!.id })

      // 2) Jonas signs in on the store tablet with the temporary password: nothing but "choose your own".
      const page = await tablet.newPage()
      page.on('pageerror', (err) => pageErrors.push(err.message))
      await page.goto(`${server.url}/sign-in`)
      await page.getByLabel('Employee number').fill('E1003')
      await page.getByLabel('Password').fill('temp-pass-4826')
      await page.getByRole('button', { name: 'Sign in' }).click()
      await page.getByRole('heading', { name: 'Choose your own password' }).waitFor()
      await page.getByText('Jonas Becker, your password was set by someone else.', { exact: false }).waitFor()
      expect(await untranslatedKeys(page)).toEqual([])
      expect(await seriousViolations(page)).toEqual([])
      expect(await smallTouchTargets(page)).toEqual([])
      await page.screenshot({ path: screenshotPath('account-forced-password-768x1024'), fullPage: true })
      // The server holds the session back too, whatever the page shows.
      const blocked = await page.request.get(`${server.url}/api/stores/${S}/corrections`)
      expect(blocked.status()).toBe(403)
      expect(((await blocked.json()) as { error: { code: string } }).error.code).toBe('PASSWORD_CHANGE_REQUIRED')

      // A guessable one is refused on the spot; then their own.
      await page.getByLabel('Password you were given').fill('temp-pass-4826')
      await page.getByLabel('New password', { exact: true }).fill('Passwort2026!')
      await page.getByLabel('New password again').fill('Passwort2026!')
      await page.getByRole('button', { name: 'Save new password' }).click()
      await page.getByText(/Too easy to guess/).waitFor()
      await page.getByLabel('New password', { exact: true }).fill('jonas kennt den keller 7')
      await page.getByLabel('New password again').fill('jonas kennt den keller 7')
      const saved = page.waitForResponse((r) => r.url().endsWith('/api/me/password'))
      await page.getByRole('button', { name: 'Save new password' }).click()
      expect((await saved).status()).toBe(200)
      await page.waitForURL(/\/stores\/[^/]+\/backroom/)

      // 3) The PIN is still Sabine's: the reminder leads to setting his own, confirmed with his password.
      await page.getByText('Your PIN was set by someone else.', { exact: false }).waitFor()
      await page.getByRole('button', { name: 'Set my own PIN' }).click()
      const account = page.getByRole('dialog', { name: 'Your password and PIN' })
      await account.getByText('Your PIN was set by someone else, so confirm with your password.').waitFor()
      expect(await smallTouchTargets(page)).toEqual([])
      expect(await seriousViolations(page)).toEqual([])
      await account.getByLabel('Your password').fill('jonas kennt den keller 7')
      await account.getByLabel('New PIN', { exact: true }).fill('1234')
      await account.getByLabel('New PIN again').fill('1234')
      await account.getByRole('button', { name: 'Save new PIN' }).click()
      await account.getByText(/no runs like 1234/).waitFor()
      await account.getByLabel('New PIN', { exact: true }).fill('5917')
      await account.getByLabel('New PIN again').fill('5917')
      await account.getByRole('button', { name: 'Save new PIN' }).click()
      await account.getByText('Your PIN was changed. Use it from now on to switch users and to confirm.').waitFor()
      await page.screenshot({ path: screenshotPath('account-pin-changed-768x1024') })
      await account.getByRole('button', { name: 'Done' }).click()
      await expect(page.getByText('Your PIN was set by someone else.', { exact: false }).count()).resolves.toBe(0)
      const [own] = await sql<{ p: number; n: number; setBy: string }>(server, 'SELECT password_temporary AS p, pin_temporary AS n, credentials_set_by AS setBy FROM users WHERE id = ?', [lead!.id])
      expect({ p: Number(own!.p), n: Number(own!.n), setBy: own!.setBy }).toEqual({ p: 0, n: 0, setBy: lead!.id })

      // 4) The tablet switch: the temporary PIN no longer opens it, his own does — and it proves who he is.
      await page.getByRole('button', { name: 'Switch user' }).first().click()
      await page.getByRole('heading', { name: 'Switch user' }).waitFor()
      await page.getByLabel('Employee number').fill('E1003')
      await page.getByLabel('PIN', { exact: true }).fill('4826')
      await page.getByRole('button', { name: 'Switch user' }).click()
      await page.getByText('Employee number or PIN is not correct.').waitFor()
      await page.getByLabel('Employee number').fill('E1003')
      await page.getByLabel('PIN', { exact: true }).fill('5917')
      await page.getByRole('button', { name: 'Switch user' }).click()
      await page.waitForURL(/\/stores\/[^/]+\/backroom/)
      const me = await json<{ user: { employeeNo: string }; account: { restriction: string | null; mustChangePin: boolean } }>(await page.request.get(`${server.url}/api/me`), 200)
      expect(me).toMatchObject({ user: { employeeNo: 'E1003' }, account: { restriction: null, mustChangePin: false } })
      const stepUp = await page.request.post(`${server.url}/api/auth/step-up`, { data: { pin: '5917' } })
      expect(stepUp.status()).toBe(200)
      const [pinSwitch] = await sql<{ after: string }>(server, "SELECT after FROM audit_events WHERE action = 'auth.pin_switch' AND entity_id = ? ORDER BY seq DESC LIMIT 1", [lead!.id])
      expect(JSON.parse(pinSwitch!.after)).toMatchObject({ method: 'pin', mustChange: null })
      expect(pageErrors).toEqual([])
    } finally {
      await office.close()
      await tablet.close()
    }
  })

  it('in German: a new account is asked for its own password, then the reminder and the dialog for its own PIN', async () => {
    const manager = await apiAs(server, 'E1004')
    const context = await browser.newContext({ viewport: { width: 768, height: 1024 }, locale: 'de-DE' })
    try {
      const created = await manager.post('/api/admin/users', {
        data: { employeeNo: 'E1077', name: 'Petra Neu', password: 'erstes-pw-1', pin: '7391', locale: 'de', role: { role: 'clerk', storeId: S } },
      })
      expect(created.status()).toBe(201)
      const page = await context.newPage()
      await page.goto(`${server.url}/sign-in`)
      await page.getByLabel('Personalnummer').fill('E1077')
      await page.getByLabel('Passwort').fill('erstes-pw-1')
      await page.getByRole('button', { name: 'Anmelden' }).click()
      await page.getByRole('heading', { name: 'Eigenes Passwort wählen' }).waitFor()
      expect(await untranslatedKeys(page)).toEqual([])
      expect(await seriousViolations(page)).toEqual([])
      await page.screenshot({ path: screenshotPath('account-forced-password-de-768x1024') })
      await page.getByLabel('Passwort, das Sie erhalten haben').fill('erstes-pw-1')
      await page.getByLabel('Neues Passwort', { exact: true }).fill('petras eigenes pw 3')
      await page.getByLabel('Neues Passwort wiederholen').fill('petras eigenes pw 3')
      await page.getByRole('button', { name: 'Neues Passwort speichern' }).click()
      await page.waitForURL(/\/stores\/[^/]+\/floor/)
      await page.getByRole('button', { name: 'Eigene PIN festlegen' }).click()
      const dialog = page.getByRole('dialog', { name: 'Ihr Passwort und Ihre PIN' })
      await dialog.getByLabel('Ihr Passwort').waitFor()
      expect(await untranslatedKeys(page)).toEqual([])
      expect(await seriousViolations(page)).toEqual([])
      expect(await smallTouchTargets(page)).toEqual([])
      await page.screenshot({ path: screenshotPath('account-pin-dialog-de-768x1024') })
    } finally {
      await manager.dispose()
      await context.close()
    }
  })
})
