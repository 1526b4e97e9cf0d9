/**
 * Database commands, run with tsx:
 *   tsx db/cli.ts migrate
 *   tsx db/cli.ts seed [--stores N] [--items M] [--weeks W] [--fresh]
 * The database is DATABASE_URL (default file:data/backstore.db). The server must not be running.
 */
import { rmSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { readEnv } from '../server/env'
import { assertDurable, createDb, type Database } from './client'
import { migrateDb } from './migrate'
import { DEMO_PASSWORD, isDatabaseEmpty, seedDemoWithCorrections, type SeedSummary } from './seed'

const USAGE = `usage: tsx db/cli.ts migrate
       tsx db/cli.ts seed [--stores N] [--items M] [--weeks W] [--fresh]

  --stores N   stores in the demo chain (default 6)
  --items M    catalog size (default 2000)
  --weeks W    weeks of stock history (default 4)
  --fresh      delete a local database file first, then migrate and seed`

class UsageError extends Error {}

/** parseArgs throws TypeErrors for unknown flags; they are usage errors like any other. */
function parseOptions(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        stores: { type: 'string' },
        items: { type: 'string' },
        weeks: { type: 'string' },
        fresh: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    })
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
}

function parseCommand(argv: string[]) {
  const { values, positionals } = parseOptions(argv)
  const [command, ...rest] = positionals
  if (values.help) return { command: 'help' as const }
  if (rest.length > 0) throw new UsageError(`unexpected argument: ${rest[0]}`)
  if (command === 'migrate') return { command, fresh: values.fresh }
  if (command === 'seed') {
    return {
      command,
      fresh: values.fresh,
      stores: wholeNumber('--stores', values.stores, 1),
      items: wholeNumber('--items', values.items, 1),
      weeks: wholeNumber('--weeks', values.weeks, 0),
    }
  }
  throw new UsageError(command ? `unknown command: ${command}` : 'missing command')
}

function wholeNumber(flag: string, raw: string | undefined, min: number) {
  if (raw === undefined) return undefined
  const value = Number(raw)
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min) {
    throw new UsageError(`${flag} must be a whole number ≥ ${min}, got "${raw}"`)
  }
  return value
}

/** Only a local file can be deleted; a libSQL server's database is the server's business. */
function deleteLocalDatabase(url: string) {
  if (!url.startsWith('file:')) throw new UsageError(`--fresh only works on a local file database, not ${url}`)
  const path = url.slice('file:'.length).split('?')[0]!
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true })
  console.log(`deleted ${path}`)
}

async function openMigrated(url: string, authToken: string | undefined) {
  const database = createDb(url, authToken)
  await assertDurable(database)
  await migrateDb(database)
  return database
}

async function seed(database: Database, options: { stores?: number; items?: number; weeks?: number }) {
  if (!(await isDatabaseEmpty(database))) {
    console.log('The database already holds data; nothing to seed. Use --fresh to start over.')
    return
  }
  const summary = await seedDemoWithCorrections(database, { ...options, log: (msg) => console.log(`seed: ${msg}`) })
  printAccounts(summary)
}

function printAccounts(summary: SeedSummary) {
  console.log(`\nDemo accounts (password "${DEMO_PASSWORD}", PIN as listed):`)
  const shown = summary.accounts.slice(0, 13)
  for (const a of shown) {
    console.log(`  ${a.employeeNo.padEnd(7)} PIN ${a.pin}  ${a.role.padEnd(16)} ${a.name.padEnd(20)} ${a.scope}`)
  }
  if (summary.accounts.length > shown.length) {
    console.log(`  … and ${summary.accounts.length - shown.length} more store accounts (PIN = last four digits of the employee number)`)
  }
}

async function main() {
  const parsed = parseCommand(process.argv.slice(2))
  if (parsed.command === 'help') {
    console.log(USAGE)
    return
  }
  const env = readEnv()
  if (parsed.fresh) deleteLocalDatabase(env.DATABASE_URL)
  const database = await openMigrated(env.DATABASE_URL, env.DATABASE_AUTH_TOKEN)
  try {
    if (parsed.command === 'migrate') console.log(`migrated ${env.DATABASE_URL}`)
    else await seed(database, parsed)
  } finally {
    database.client.close()
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${USAGE}`)
    process.exitCode = 2
    return
  }
  console.error(error)
  process.exitCode = 1
})
