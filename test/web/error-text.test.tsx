import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { routes } from '../../web/app/router'
import { chooseLanguage, i18next } from '../../web/i18n'
import { ApiError } from '../../web/lib/api-client'
import { errorText, isNetworkFailure } from '../../web/lib/error-text'
import { apiError, fakeFetch, json } from './support/fake-api'
import { renderRoutes } from './support/render'
import { correction, managerMe, stockroomMe } from './office/fixtures'

/** Server refusals and lost connections in the screen's language (web/lib/error-text.ts). */

afterEach(async () => {
  await i18next.changeLanguage('en')
})

const offline = () => {
  throw new TypeError('Failed to fetch')
}

describe('errorText', () => {
  const en = i18next.getFixedT('en')
  const de = i18next.getFixedT('de')

  it.each([
    ['a known code', new ApiError(409, 'STALE_VERSION', 'Version 3 is stale'), 'Someone else changed this in the meantime. Reload and try again.', 'Jemand anderes hat das inzwischen geändert. Bitte neu laden und erneut versuchen.'],
    ['no connection (status 0)', new ApiError(0, 'NETWORK_ERROR', 'Failed to fetch'), 'The server cannot be reached. Check the Wi-Fi connection and try again.', 'Der Server ist nicht erreichbar. Bitte WLAN-Verbindung prüfen und erneut versuchen.'],
    ["the browser's own fetch failure", new TypeError('Failed to fetch'), 'The server cannot be reached. Check the Wi-Fi connection and try again.', 'Der Server ist nicht erreichbar. Bitte WLAN-Verbindung prüfen und erneut versuchen.'],
    ['an outbox item that failed for good', { status: 422, code: 'NEGATIVE_STOCK', message: 'Stock would go negative' }, 'This would take the stock below zero. Ask for a count of the item first.', 'Damit fiele der Bestand unter null. Bitte zuerst eine Zählung des Artikels veranlassen.'],
    ['a proxy page instead of our error body', new ApiError(502, 'HTTP_502', '<html>Bad gateway</html>'), 'Something went wrong. Please try again; if it keeps happening, tell your manager.', 'Etwas ist schiefgelaufen. Bitte erneut versuchen; wenn es wieder passiert, sagen Sie der Marktleitung Bescheid.'],
    ['something that is not an API error', new Error('x is undefined'), 'Something went wrong. Please try again; if it keeps happening, tell your manager.', 'Etwas ist schiefgelaufen. Bitte erneut versuchen; wenn es wieder passiert, sagen Sie der Marktleitung Bescheid.'],
  ])('%s', (_, err, english, german) => {
    expect(errorText(en, err)).toBe(english)
    expect(errorText(de, err)).toBe(german)
  })

  it("falls back to the server's message only for a code without a key", () => {
    expect(errorText(de, new ApiError(422, 'SOME_NEW_CODE', 'The new rule said no'))).toBe('The new rule said no')
  })

  it('a screen may word a code its own way', () => {
    expect(errorText(de, new ApiError(409, 'DUPLICATE', 'exists'), { DUPLICATE: 'Gibt es schon hier' })).toBe('Gibt es schon hier')
  })

  it('tells network failures from refusals', () => {
    expect(isNetworkFailure(new ApiError(0, 'NETWORK_ERROR', 'Failed to fetch'))).toBe(true)
    expect(isNetworkFailure(new ApiError(403, 'FORBIDDEN', 'no'))).toBe(false)
    expect(isNetworkFailure(null)).toBe(false)
  })
})

describe('German screens show refusals in German', () => {
  const user = { id: 'u-9', employeeNo: 'E1009', name: 'Lena Lager', locale: 'de', active: true, disabledAt: null, createdAt: '2026-01-01T00:00:00.000Z', hasPin: true, roles: [{ id: 'ra-9', role: 'clerk', storeId: 'st-1', regionId: null, grantedAt: '2026-01-01T00:00:00.000Z', grantedBy: 'u-mgr' }] }

  async function openResetPin(answer: Parameters<typeof fakeFetch>[0][string]) {
    await chooseLanguage('de')
    const fetch = fakeFetch({
      'GET /api/me': json(200, managerMe),
      'GET /api/admin/users': json(200, { users: [user] }),
      'GET /api/stores/st-1/pos-keys': json(200, { keys: [] }),
      'POST /api/admin/users/u-9/pin': answer,
    })
    const u = userEvent.setup()
    renderRoutes(routes, { fetch, path: '/stores/st-1/office/admin' })
    await u.click(await screen.findByRole('button', { name: 'PIN zurücksetzen' }))
    const dialog = screen.getByRole('dialog')
    await u.type(within(dialog).getByLabelText('Neue PIN'), '4321')
    await u.click(within(dialog).getByRole('button', { name: 'PIN setzen' }))
    return within(dialog).findByRole('alert')
  }

  it('administration: a refusal by code', async () => {
    const alert = await openResetPin(apiError(403, 'FORBIDDEN', 'A store manager cannot manage this person'))
    expect(alert).toHaveTextContent('Nicht gespeichert')
    expect(alert).toHaveTextContent('Ihre Rolle erlaubt das hier nicht.')
    expect(alert).not.toHaveTextContent('store manager')
  })

  it('administration: no connection, never "Failed to fetch"', async () => {
    const alert = await openResetPin(offline)
    expect(alert).toHaveTextContent('Keine Verbindung zum Server')
    expect(alert).toHaveTextContent('Der Server ist nicht erreichbar. Bitte WLAN-Verbindung prüfen und erneut versuchen.')
    expect(alert).not.toHaveTextContent('Failed to fetch')
  })

  it('correction screen: withdrawing a correction that changed meanwhile', async () => {
    await chooseLanguage('de')
    const fetch = fakeFetch({
      'GET /api/me': json(200, stockroomMe),
      'GET /api/stores/st-1/corrections/c-1': json(200, correction()),
      'POST /api/stores/st-1/corrections/c-1/cancel': apiError(409, 'STALE_VERSION', 'The correction changed (version 1 is stale)'),
    })
    const u = userEvent.setup()
    renderRoutes(routes, { fetch, path: '/stores/st-1/backroom/corrections/c-1' })
    await u.click(await screen.findByRole('button', { name: 'Meine Korrektur zurückziehen' }))
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('Die Korrektur konnte nicht zurückgezogen werden')
    expect(alert).toHaveTextContent('Jemand anderes hat das inzwischen geändert. Bitte neu laden und erneut versuchen.')
    expect(alert).not.toHaveTextContent('stale')
  })
})
