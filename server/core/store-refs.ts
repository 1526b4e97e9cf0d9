import { sql } from 'drizzle-orm'
import { z } from 'zod'
import type { Db } from '../../db/client'
import type { LocationKind } from '../../db/schema/index'
import { DomainError } from './errors'
import { first, sqlList } from './sql'
import { barcodeForms } from './items/barcode'
import type { Tx } from './writer'

/**
 * Shared by the store workflows (replenishment, receiving, counts, transfers, POS): how a request
 * names an item, and where a store keeps a kind of stock.
 */

const Id = z.string().min(1).max(64)
/** Client-generated ids (UUID v7 recommended): offline clients create them, and retries reuse them. */
export const ClientId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'Use 8–64 letters, digits, - or _')
export const Quantity = z.number().int().safe().positive()
/**
 * A scan's quantity: positive adds, negative takes back a mis-scan ("100 instead of 10" → -90). Never 0.
 * Whether a take-back fits (a line never goes below zero) is the verb's check (409 BELOW_ZERO).
 */
export const SignedQuantity = (max: number) =>
  z.number().int().safe().min(-max).max(max).refine((q) => q !== 0, 'A quantity adds (positive) or takes back (negative) at least 1 unit')

/** A take-back larger than what is there: refused, nothing written. */
export function belowZero(what: string, details: Record<string, unknown>) {
  return new DomainError('BELOW_ZERO', `This would take ${what} below zero; take back at most what was entered`, details)
}
export const Version = z.number().int().safe().positive().optional()
/** A scanned barcode: digits only (any other character can never match, so it is refused early). */
export const Barcode = z.string().regex(/^[0-9]{8,14}$/, 'A barcode has 8–14 digits')
export const Sku = z.string().min(1).max(64).regex(/^[\x21-\x7e]+$/, 'A SKU is printable ASCII without spaces')

/** An item named by exactly one of id, barcode or SKU (mixed in one request, they could disagree). */
export const itemRefShape = { itemId: Id.optional(), barcode: Barcode.optional(), sku: Sku.optional() }
export const exactlyOneRef = (ref: ItemRef) => [ref.itemId, ref.barcode, ref.sku].filter((v) => v !== undefined).length === 1
export const ONE_REF_MESSAGE = 'Name the item by exactly one of itemId, barcode or sku'

export type ItemRef = { itemId?: string | undefined; barcode?: string | undefined; sku?: string | undefined }
export type ItemRow = { id: string; sku: string; name: string; category: string; unitCost: number; price: number; active: boolean }

/** Resolves one reference to the item, or null when nothing matches. */
export async function resolveItem(db: Db | Tx, ref: ItemRef): Promise<ItemRow | null> {
  const where = ref.itemId !== undefined
    ? sql`i.id = ${ref.itemId}`
    : ref.barcode !== undefined
      ? sql`i.id = (SELECT item_id FROM item_barcodes WHERE barcode IN ${sqlList(barcodeForms(ref.barcode))} LIMIT 1)`
      : sql`i.sku = ${(ref.sku ?? '').toUpperCase()}`
  const row = await first<ItemRow>(db, sql`SELECT i.id, i.sku, i.name, i.category, i.unit_cost AS unitCost, i.price, i.active
    FROM items i WHERE ${where}`)
  return row ? { ...row, unitCost: Number(row.unitCost), price: Number(row.price), active: Boolean(row.active) } : null
}

/**
 * Resolves every reference of a list, or refuses the whole list naming each line that did not match
 * (1-based line numbers, as a person reads them).
 */
export async function resolveItems(db: Db | Tx, refs: ItemRef[], what = 'line'): Promise<ItemRow[]> {
  const rows: ItemRow[] = []
  const unknown: Array<{ line: number; ref: ItemRef }> = []
  for (const [i, ref] of refs.entries()) {
    const row = await resolveItem(db, ref)
    if (row) rows.push(row)
    else unknown.push({ line: i + 1, ref })
  }
  if (unknown.length > 0) {
    throw new DomainError('UNKNOWN_ITEM', `Unknown item on ${what} ${unknown.map((u) => u.line).join(', ')}`, { lines: unknown })
  }
  return rows
}

/** The store's location of a kind (the first by code if a store has several), or null. */
export async function findLocation(db: Db | Tx, storeId: string, kind: LocationKind) {
  const row = await first<{ id: string }>(db, sql`SELECT id FROM locations WHERE store_id = ${storeId} AND kind = ${kind} ORDER BY code LIMIT 1`)
  return row?.id ?? null
}

/** Like findLocation, but a store without that location cannot do the workflow: a clear 409. */
export async function requireLocation(db: Db | Tx, storeId: string, kind: LocationKind) {
  const id = await findLocation(db, storeId, kind)
  if (!id) throw new DomainError('INVALID_STATE', `This store has no ${kind} location`, { storeId, kind })
  return id
}

/** Current balance of one (location, item); 0 when none was ever posted. */
export async function balanceOf(db: Db | Tx, locationId: string, itemId: string) {
  const row = await first<{ quantity: number }>(db, sql`SELECT quantity FROM balances WHERE location_id = ${locationId} AND item_id = ${itemId}`)
  return Number(row?.quantity ?? 0)
}

/** Optimistic concurrency: a client that sends the version it saw is refused if the record moved on. */
export function checkVersion(current: number, seen: number | undefined, what: string) {
  if (seen !== undefined && seen !== current) {
    throw new DomainError('STALE_VERSION', `The ${what} changed since you loaded it; reload and try again`, { version: current, seen })
  }
}

// Control characters (other than tab/newline) and bidi overrides make text lie about what it says.
const UNSAFE_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Free text as people type it: NFC, trimmed, no control or bidi-override characters. */
export const Text = (min: number, max: number) =>
  z
    .string()
    .max(max * 2)
    .refine((s) => !LONE_SURROGATE.test(s), 'Text contains broken characters')
    .transform((s) => s.normalize('NFC').trim())
    .refine((s) => !UNSAFE_TEXT.test(s), 'Text contains control characters')
    .refine((s) => s.length >= min && s.length <= max, min > 0 ? `Between ${min} and ${max} characters` : `At most ${max} characters`)
