import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'

/**
 * The size budget of issue 5: the JavaScript a tablet loads before the first screen is at most 200 KB
 * gzipped, and every workspace is its own chunk. Reads the production build the e2e global setup made
 * (dist/web): the entry script and its modulepreloads from index.html, then every static import of
 * those files, transitively — what the browser must fetch before anything renders.
 */
const DIST = resolve(import.meta.dirname, '../../dist/web')
const BUDGET = 200 * 1024

const html = () => readFileSync(join(DIST, 'index.html'), 'utf8')
const asset = (href: string) => readFileSync(join(DIST, href.replace(/^\//, '')))

/** Static imports of a built chunk (`import{…}from"./x.js"`, `import"./x.js"`), not `import("./x.js")`. */
const staticImports = (code: string) => [...code.matchAll(/(?:from|import)\s*"\.\/([\w.-]+\.js)"/g)].map((m) => `/assets/${m[1]}`)

function initialScripts() {
  const page = html()
  const entry = [...page.matchAll(/<script type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]!)
  const preloads = [...page.matchAll(/<link rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]!)
  const seen = new Set<string>()
  const queue = [...entry, ...preloads]
  while (queue.length > 0) {
    const href = queue.pop()!
    if (seen.has(href)) continue
    seen.add(href)
    queue.push(...staticImports(asset(href).toString('utf8')))
  }
  return { entry, scripts: [...seen] }
}

describe('web client size budget', () => {
  it('loads at most 200 KB of gzipped JavaScript before the first screen', () => {
    const { entry, scripts } = initialScripts()
    expect(entry).toHaveLength(1)
    const gzipped = scripts.map((href) => ({ href, bytes: gzipSync(asset(href)).length }))
    const total = gzipped.reduce((sum, s) => sum + s.bytes, 0)
    console.log(`initial JS: ${scripts.length} files, ${(total / 1024).toFixed(1)} KB gzipped`)
    expect(total).toBeGreaterThan(10 * 1024) // the walk found the app, not just a stub
    expect(total).toBeLessThanOrEqual(BUDGET)
  })

  it('splits every workspace into chunks of its own, none of them loaded up front', () => {
    const { scripts } = initialScripts()
    const chunks = readdirSync(join(DIST, 'assets')).filter((f) => f.endsWith('.js'))
    for (const workspace of ['floor-screen', 'backroom-screen', 'office-layout']) {
      const chunk = chunks.find((f) => f.startsWith(`${workspace}-`))
      expect(chunk, workspace).toBeDefined()
      expect(scripts, workspace).not.toContain(`/assets/${chunk}`)
    }
  })
})
