import { serveStatic } from '@hono/node-server/serve-static'
import type { Hono } from 'hono'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import type { AppEnv } from './http/app-env'

/**
 * Serves the built web client from `root` on the same origin as the API: hashed assets are cached for
 * a year, everything else (index.html, the service worker, the manifest) is revalidated, and unknown
 * non-API paths fall back to index.html so client-side routes survive a reload.
 */
export function serveWebClient(app: Hono<AppEnv>, root: string) {
  const rel = relative(process.cwd(), root) || '.'
  app.use('/assets/*', async (c, next) => {
    await next()
    if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable')
  })
  app.use('*', async (c, next) => {
    if (c.req.path.startsWith('/api/') || c.req.path === '/api') return next()
    await next()
    if (!c.req.path.startsWith('/assets/')) c.header('Cache-Control', 'no-cache')
  })
  app.get('*', async (c, next) => (c.req.path.startsWith('/api') ? next() : serveStatic<AppEnv>({ root: rel })(c, next)))
  app.get('*', async (c, next) => (c.req.path.startsWith('/api') ? next() : serveStatic<AppEnv>({ path: join(rel, 'index.html') })(c, next)))
}

/** What the bundle is built from: the client, the pure rules it shares with the server, the Vite config. */
const WEB_SOURCES = ['web', 'server/core', 'vite.config.ts']

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = 0
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

/**
 * Is `root` (dist/web) a build of the current sources? Missing, or older than any source file (after a
 * `git pull`, say), means no: `npm start` and the browser tests then build it again.
 */
export function webClientBuilt(root: string, projectRoot = dirname(dirname(root))) {
  const index = join(root, 'index.html')
  if (!existsSync(index)) return false
  const sources = Math.max(...WEB_SOURCES.map((source) => newestMtime(join(projectRoot, source))))
  return statSync(index).mtimeMs >= sources
}
