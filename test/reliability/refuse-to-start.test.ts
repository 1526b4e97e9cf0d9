import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { openSync, readSync, statSync, writeSync, closeSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { assertDurable, createDb } from '../../db/client'
import { createTestDatabase } from '../support/db'
import { createFixture } from '../support/fixtures'

/** The server refuses to start on a database that fails its integrity check (RELIABILITY.md, boot checks). */
async function runServer(dbPath: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, DATABASE_URL: `file:${dbPath}`, PORT: '0', HOST: '127.0.0.1', SEED_DEMO: '0', WEB_CLIENT: '0', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()))
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
  const [code] = (await once(child, 'exit')) as [number | null]
  clearTimeout(timer)
  return { code, out }
}

/** Overwrites the middle of an index page with noise, as a torn write or a bad disk would. */
function corrupt(path: string) {
  const fd = openSync(path, 'r+')
  try {
    const header = Buffer.alloc(100)
    readSync(fd, header, 0, 100, 0)
    const pageSize = header.readUInt16BE(16) === 1 ? 65536 : header.readUInt16BE(16)
    const pages = Math.floor(statSync(path).size / pageSize)
    const noise = Buffer.alloc(pageSize - 200, 0xa5)
    for (let page = Math.floor(pages / 2); page < pages - 1; page += 7) writeSync(fd, noise, 0, noise.length, page * pageSize + 100)
  } finally {
    closeSync(fd)
  }
}

describe('refuse to start', () => {
  it('a damaged database file: assertDurable names the integrity problem and the server exits 1 without serving', { timeout: 60_000 }, async () => {
    const database = await createTestDatabase()
    await createFixture(database)
    // Fold the WAL into the main file, so the damage below hits committed pages.
    await database.client.execute('PRAGMA wal_checkpoint(TRUNCATE)')
    database.client.close()
    corrupt(database.path)

    const reopened = createDb(`file:${database.path}`)
    await expect(assertDurable(reopened)).rejects.toThrow(/Database refused: quick_check|malformed/)
    reopened.client.close()

    const { code, out } = await runServer(database.path)
    expect(code).toBe(1)
    expect(out).toMatch(/Database refused|malformed/)
    expect(out).not.toMatch(/running at/)
  })
})
