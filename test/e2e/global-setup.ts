import { join, resolve } from 'node:path'
import { webClientBuilt } from '../../server/web'

const ROOT = resolve(import.meta.dirname, '../..')

/** Builds the web client once when dist/web is missing or older than its sources. */
export default async function setup() {
  if (webClientBuilt(join(ROOT, 'dist/web'), ROOT)) return
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
