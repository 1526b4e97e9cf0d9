import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '../..')
const WEB = join(ROOT, 'web')
const OUT = join(ROOT, 'dist/web/index.html')

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

/** Builds the web client once when dist/web is missing or older than its sources. */
export default async function setup() {
  const sources = Math.max(newestMtime(WEB), statSync(join(ROOT, 'vite.config.ts')).mtimeMs)
  if (existsSync(OUT) && statSync(OUT).mtimeMs >= sources) return
  const { build } = await import('vite')
  // Vitest sets NODE_ENV=test, which would bundle React's development build.
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn', mode: 'production' })
  } finally {
    process.env.NODE_ENV = nodeEnv
  }
}
