import { sql } from 'drizzle-orm'
import type { StoreRef } from '../access/policy'
import type { Ctx } from '../context'
import { DomainError } from '../errors'
import { newId } from '../ids'
import { first } from '../sql'
import { Barcode, resolveItem, Sku } from '../store-refs'
import { insertDelivery, type NewDelivery } from './create-delivery'
import { parseCsv } from './csv'
import { ExpectedAt, ImportDeliveriesInput, Reference, Supplier } from './schemas'

export const MAX_CSV_ROWS = 5000
const MAX_REPORTED_ERRORS = 100

/** Header names we understand (lower case, spaces and dashes as underscores) and what they mean. */
const COLUMNS: Record<string, 'supplier' | 'reference' | 'quantity' | 'barcode' | 'sku' | 'itemId' | 'expectedAt'> = {
  supplier: 'supplier',
  reference: 'reference',
  ref: 'reference',
  delivery_note: 'reference',
  quantity: 'quantity',
  qty: 'quantity',
  expected_qty: 'quantity',
  expected_quantity: 'quantity',
  barcode: 'barcode',
  ean: 'barcode',
  gtin: 'barcode',
  sku: 'sku',
  item_id: 'itemId',
  expected_at: 'expectedAt',
}

export type CsvRowError = { row: number; column?: string; message: string }

/**
 * Imports expected deliveries from a supplier's CSV: one row per line, rows with the same supplier
 * and reference form one delivery. Columns: supplier, reference, quantity (or qty / expected_qty),
 * one of barcode / sku / item_id, optionally expected_at; other columns are ignored.
 * Every row is checked before anything is written, and a single bad row refuses the whole file with
 * a list of row-level errors (row = line in the file, the header being row 1). Importing the same
 * file again is refused too: a supplier reference exists only once per store.
 */
export async function importDeliveries({ ctx, store, input }: { ctx: Ctx; store: StoreRef; input: unknown }) {
  const { csv } = ImportDeliveriesInput.parse(input)
  const parsed = parseCsv(csv, { maxRecords: MAX_CSV_ROWS + 1 })
  if (!parsed.ok) throw invalid([{ row: parsed.line, message: parsed.message }])
  const [header, ...rows] = parsed.records
  if (!header || rows.length === 0) throw invalid([{ row: 1, message: 'The file needs a header row and at least one line' }])

  const errors: CsvRowError[] = []
  const index = new Map<string, number>()
  const ignoredColumns: string[] = []
  header.fields.forEach((name, i) => {
    const key = COLUMNS[name.trim().toLowerCase().replace(/[\s-]+/g, '_')]
    if (!key) ignoredColumns.push(name)
    else if (index.has(key)) errors.push({ row: header.line, column: name, message: `Two columns mean "${key}"` })
    else index.set(key, i)
  })
  for (const required of ['supplier', 'reference', 'quantity'] as const) {
    if (!index.has(required)) errors.push({ row: header.line, column: required, message: `The header has no ${required} column` })
  }
  if (!index.has('barcode') && !index.has('sku') && !index.has('itemId')) {
    errors.push({ row: header.line, message: 'The header needs a barcode, sku or item_id column' })
  }
  if (errors.length > 0) throw invalid(errors)

  const groups = new Map<string, NewDelivery & { firstRow: number; rows: Map<string, number> }>()
  for (const { line, fields } of rows) {
    const rowErrors: CsvRowError[] = []
    const cell = (key: string) => {
      const i = index.get(key)
      return i === undefined ? '' : (fields[i] ?? '')
    }
    if (fields.length !== header.fields.length) {
      errors.push({ row: line, message: `Expected ${header.fields.length} fields, found ${fields.length}` })
      continue
    }
    const supplier = Supplier.safeParse(cell('supplier'))
    if (!supplier.success) rowErrors.push({ row: line, column: 'supplier', message: supplier.error.issues[0]!.message })
    const reference = Reference.safeParse(cell('reference'))
    if (!reference.success) rowErrors.push({ row: line, column: 'reference', message: reference.error.issues[0]!.message })
    const quantityText = cell('quantity')
    const quantity = /^[0-9]{1,7}$/.test(quantityText) ? Number(quantityText) : NaN
    if (!(quantity >= 1 && quantity <= 1_000_000)) {
      rowErrors.push({ row: line, column: 'quantity', message: `"${quantityText.slice(0, 20)}" is not a whole number from 1 to 1000000` })
    }
    let expectedAt: string | null = null
    if (cell('expectedAt') !== '') {
      const parsedAt = ExpectedAt.safeParse(cell('expectedAt'))
      if (parsedAt.success) expectedAt = parsedAt.data
      else rowErrors.push({ row: line, column: 'expected_at', message: 'Use a date (2026-11-03) or a UTC time (2026-11-03T08:00:00Z)' })
    }
    const refs = (['barcode', 'sku', 'itemId'] as const).filter((k) => cell(k) !== '')
    let itemId: string | null = null
    if (refs.length !== 1) {
      rowErrors.push({ row: line, message: 'Fill exactly one of barcode, sku or item_id' })
    } else {
      const key = refs[0]!
      const value = cell(key)
      const shape = key === 'barcode' ? Barcode.safeParse(value) : key === 'sku' ? Sku.safeParse(value) : { success: value.length <= 64 }
      const item = shape.success ? await resolveItem(ctx.db, { [key]: value }) : null
      if (!item) rowErrors.push({ row: line, column: key === 'itemId' ? 'item_id' : key, message: `Unknown item "${value.slice(0, 40)}"` })
      else itemId = item.id
    }
    errors.push(...rowErrors)
    if (rowErrors.length > 0 || !supplier.success || !reference.success || !itemId) continue

    const key = JSON.stringify([supplier.data, reference.data])
    let group = groups.get(key)
    if (!group) {
      group = { id: newId(), supplier: supplier.data, reference: reference.data, expectedAt, lines: [], firstRow: line, rows: new Map() }
      groups.set(key, group)
    } else if (group.expectedAt !== expectedAt) {
      errors.push({ row: line, column: 'expected_at', message: `Differs from row ${group.firstRow} of the same delivery` })
    }
    const earlier = group.rows.get(itemId)
    if (earlier !== undefined) {
      errors.push({ row: line, message: `The same item is on row ${earlier} of this delivery; put its whole quantity on one row` })
      continue
    }
    group.rows.set(itemId, line)
    group.lines.push({ itemId, expectedQty: quantity })
  }
  for (const group of groups.values()) {
    const existing = await first<{ id: string }>(ctx.db, sql`SELECT id FROM deliveries
      WHERE store_id = ${store.id} AND supplier = ${group.supplier} AND reference = ${group.reference}`)
    if (existing) errors.push({ row: group.firstRow, column: 'reference', message: `Delivery ${group.reference} of ${group.supplier} exists already` })
  }
  if (errors.length > 0) throw invalid(errors)

  const at = ctx.clock.now()
  const created = [...groups.values()].map(({ firstRow: _f, rows: _r, ...delivery }) => delivery)
  await ctx.writer.run(async (tx) => {
    for (const delivery of created) await insertDelivery(tx, at, ctx.actor, store, delivery, 'csv')
  })
  return {
    deliveries: created.map((d) => ({ id: d.id, supplier: d.supplier, reference: d.reference, lineCount: d.lines.length })),
    rows: rows.length,
    ignoredColumns,
  }
}

function invalid(errors: CsvRowError[]) {
  const sorted = [...errors].sort((a, b) => a.row - b.row)
  return new DomainError('INVALID_CSV', `The file was not imported: ${errors.length} problem${errors.length === 1 ? '' : 's'} (first in row ${sorted[0]!.row})`, {
    errors: sorted.slice(0, MAX_REPORTED_ERRORS),
    errorCount: errors.length,
  })
}
