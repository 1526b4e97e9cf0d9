import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { createDb } from '../../db/client'

const root = fileURLToPath(new URL('../..', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'backstore-cli-'))
const dbPath = join(dir, 'cli.db')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

type Run = { code: number; stdout: string; stderr: string }

/** Runs `tsx db/cli.ts …` as `npm run db:seed` would, against a temp database file. */
function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'db/cli.ts', ...args],
      { cwd: root, env: { ...process.env, DATABASE_URL: `file:${dbPath}` } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    )
  })
}

async function count(table: string) {
  const database = createDb(`file:${dbPath}`)
  try {
    return Number((await database.client.execute(`SELECT count(*) FROM ${table}`)).rows[0]?.[0])
  } finally {
    database.client.close()
  }
}

describe('db/cli.ts', () => {
  it('migrates an empty database', async () => {
    const run = await cli('migrate')
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toContain('migrated')
    expect(await count('items')).toBe(0)
  })

  it('seeds with the given size and prints the demo accounts', async () => {
    const run = await cli('seed', '--stores', '1', '--items', '30', '--weeks', '0')
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/seeded in/)
    expect(run.stdout).toMatch(/E1004 +PIN 1004 +store_manager/)
    expect(await count('items')).toBe(30)
    expect(await count('stores')).toBe(1)
  })

  it('leaves a seeded database alone and exits 0', async () => {
    const run = await cli('seed', '--items', '50')
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toContain('already holds data')
    expect(await count('items')).toBe(30)
  })

  it('starts over with --fresh', async () => {
    const run = await cli('seed', '--fresh', '--stores', '2', '--items', '20', '--weeks', '0')
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toContain('deleted')
    expect(await count('items')).toBe(20)
    expect(await count('stores')).toBe(2)
    expect(existsSync(dbPath)).toBe(true)
  })

  it.each([
    [['seed', '--stores', '0']],
    [['seed', '--items', '2.5']],
    [['seed', '--shops', '3']],
    [['drop']],
  ])('refuses %j with a usage message and exit code 2', async (args) => {
    const run = await cli(...args)
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('usage: tsx db/cli.ts')
  })
})
