import { sql } from 'drizzle-orm'
import type { Database } from '../../db/client'
import { newId } from '../../server/core/ids'
import { call, type Session, type TestApp } from '../support/app'

export type Line = { locationId: string; itemId: string; quantityDelta: number }
export const line = (locationId: string, itemId: string, quantityDelta: number): Line => ({ locationId, itemId, quantityDelta })

/** Enters a correction through the API; returns the response (201 with the summary on success). */
export function enter(app: TestApp, session: Session, lines: Line[], over: Record<string, unknown> = {}, storeId = 'st-a1') {
  return call(app, session, 'POST', `/api/stores/${storeId}/corrections`, { body: { id: newId(), reasonCode: 'damaged', lines, ...over } })
}

/** Enters and asserts success: the summary. */
export async function entered(app: TestApp, session: Session, lines: Line[], over: Record<string, unknown> = {}, storeId = 'st-a1') {
  const res = await enter(app, session, lines, over, storeId)
  if (res.status !== 201) throw new Error(`enter failed: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body as { id: string; version: number; tier: string; value: number; tierValue: number; status: string }
}

export const decide = (app: TestApp, session: Session | null, verb: 'confirm' | 'reject' | 'cancel', id: string, body: Record<string, unknown> = {}, storeId = 'st-a1') =>
  call(app, session, 'POST', `/api/stores/${storeId}/corrections/${id}/${verb}`, { body })

export async function stock(database: Database, locationId: string, itemId: string) {
  const [row] = await database.db.all<{ q: number }>(sql`SELECT quantity AS q FROM balances WHERE location_id = ${locationId} AND item_id = ${itemId}`)
  return Number(row?.q ?? 0)
}

export async function movementCount(database: Database, docId?: string) {
  const [row] = await database.db.all<{ n: number }>(
    docId ? sql`SELECT COUNT(*) AS n FROM movements WHERE doc_id = ${docId}` : sql`SELECT COUNT(*) AS n FROM movements`,
  )
  return Number(row!.n)
}

export async function statusOf(database: Database, id: string) {
  const [row] = await database.db.all<{ status: string; version: number }>(sql`SELECT status, version FROM corrections WHERE id = ${id}`)
  return row ? { status: row.status, version: Number(row.version) } : null
}

/** Re-proves identity for `session` (POST /auth/step-up with the PIN). */
export async function stepUp(app: TestApp, session: Session, pin: string) {
  const res = await call(app, session, 'POST', '/api/auth/step-up', { body: { pin } })
  if (res.status !== 200) throw new Error(`step-up failed: ${res.status} ${JSON.stringify(res.body)}`)
}
