import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { createTestDatabase } from '../support/db'
import { createFixture } from '../support/fixtures'

let database: Database

beforeAll(async () => {
  database = await createTestDatabase()
  await createFixture(database)
})

describe('schema guards on accounts (F17)', () => {
  const insert = (id: string, employeeNo: string) =>
    database.client.execute({
      sql: `INSERT INTO users (id, employee_no, name, password_hash, created_at) VALUES (?, ?, 'Raw Insert', 'x', '2026-11-02T09:00:00Z')`,
      args: [id, employeeNo],
    })

  it.each([' e1004 ', 'e1004', 'E1004 ', ''])('refuses a raw insert of the un-normalized employee number %j', async (employeeNo) => {
    await expect(insert(`u-raw-${employeeNo.length}-${employeeNo.trim()}`, employeeNo)).rejects.toThrow(/trimmed and in upper case/)
  })

  it('refuses a second account for an existing employee number', async () => {
    await expect(insert('u-raw-dup', 'E1004')).rejects.toThrow(/UNIQUE/)
  })

  it('refuses renaming an account to an un-normalized number', async () => {
    await expect(database.client.execute(`UPDATE users SET employee_no = ' e1001' WHERE id = 'u-clerk'`)).rejects.toThrow(/trimmed and in upper case/)
  })

  it('accepts a new, normalized employee number', async () => {
    await expect(insert('u-raw-new', 'E7777')).resolves.toBeTruthy()
  })
})

describe('schema guards on barcodes (GTIN check digit, one GTIN stored once)', () => {
  const insert = (barcode: string, itemId = 'it-drill') =>
    database.client.execute({ sql: `INSERT INTO item_barcodes (barcode, item_id, kind) VALUES (?, ?, 'ean13')`, args: [barcode, itemId] })

  it.each([
    ['a wrong check digit', '4006381333932'],
    ['a length that is no GTIN', '40063813339'],
    ['letters', '400638133393A'],
    ['an EAN-13 typed with a digit missing', '400638133931'],
  ])('refuses %s', async (_label, barcode) => {
    await expect(insert(barcode)).rejects.toThrow(/not a GTIN-8\/12\/13\/14 with a valid check digit/)
  })

  it('accepts valid GTIN-8, UPC-A and EAN-13 codes', async () => {
    for (const barcode of ['96385074', '036000291452', '4006381333931']) await expect(insert(barcode)).resolves.toBeTruthy()
  })

  it('refuses the same GTIN in another length (UPC-A stored, its EAN-13 form for another item)', async () => {
    await expect(insert('0036000291452', 'it-tv')).rejects.toThrow(/UNIQUE/)
    await expect(insert('04006381333931', 'it-tv')).rejects.toThrow(/UNIQUE/)
  })

  it('refuses changing a barcode into an invalid one', async () => {
    await expect(database.client.execute(`UPDATE item_barcodes SET barcode = '4006381333930' WHERE barcode = '4006381333931'`)).rejects.toThrow(/valid check digit/)
  })
})
