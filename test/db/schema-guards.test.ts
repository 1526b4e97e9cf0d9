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
