import { serve, type ServerType } from '@hono/node-server'
import { execFile } from 'node:child_process'
import type { AddressInfo } from 'node:net'
import { promisify } from 'node:util'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { createApp } from '../../server/app'
import { createPosKey } from '../../server/core/pos/keys'
import { createTestDatabase } from '../support/db'
import { createFixture } from '../support/fixtures'
import { assertInvariants } from '../support/invariants'

/** `npm run pos:simulate` against a real server on a port: receipts post once, replays post nothing. */
const run = promisify(execFile)
let database: Database
let app: ReturnType<typeof createApp>
let server: ServerType
let url: string
let key: string

beforeAll(async () => {
  database = await createTestDatabase()
  const fx = await createFixture(database)
  app = createApp({ database })
  ;({ secret: key } = await createPosKey({ ctx: { ...app.deps, actor: { userId: fx.users.manager.id } }, store: { id: 'st-a1', regionId: 'rg-a' }, input: { name: 'Simulator' } }))
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve())
  })
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
  await app.deps.writer.close()
  database.client.close()
})

const simulate = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'bench/pos-simulate.ts', '--url', url, '--key', key, ...args], { timeout: 60_000 })

const receipts = async () => Number((await database.db.all<{ n: number }>(sql`SELECT COUNT(*) AS n FROM pos_receipts`))[0]!.n)

describe('pos:simulate', () => {
  it('posts every receipt once; the retried ones come back as replays and post nothing', { timeout: 90_000 }, async () => {
    const { stdout } = await simulate('--receipts', '80', '--concurrency', '4', '--replay', '0.25', '--seed', '7', '--prefix', 'SIM-T1')
    expect(stdout).toMatch(/posted 80\/80 receipts/)
    const replays = /replays: (\d+) sent, (\d+) answered as replays/.exec(stdout)
    expect(Number(replays![1])).toBeGreaterThan(0)
    expect(replays![2]).toBe(replays![1])
    expect(await receipts()).toBe(80)
    await assertInvariants(database)
  })

  it('a second run with the same receipt ids posts nothing new (the till retried a whole day)', { timeout: 90_000 }, async () => {
    const movements = Number((await database.db.all<{ n: number }>(sql`SELECT COUNT(*) AS n FROM movements`))[0]!.n)
    await simulate('--receipts', '80', '--concurrency', '4', '--replay', '0', '--seed', '7', '--prefix', 'SIM-T1').catch((e: { stdout: string }) => e)
    expect(await receipts()).toBe(80)
    expect(Number((await database.db.all<{ n: number }>(sql`SELECT COUNT(*) AS n FROM movements`))[0]!.n)).toBe(movements)
  })

  it('a wrong key is refused and the simulator exits non-zero', { timeout: 60_000 }, async () => {
    const failed = await run(process.execPath, ['--import', 'tsx', 'bench/pos-simulate.ts', '--url', url, '--key', 'bspos_wrong', '--receipts', '3'], { timeout: 60_000 }).then(
      () => null,
      (e: { code: number; stdout: string; stderr: string }) => e,
    )
    expect(failed).not.toBeNull()
    expect(failed!.code).not.toBe(0)
    expect(await receipts()).toBe(80)
  })
})
