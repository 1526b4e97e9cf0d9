import { serveStatic } from '@hono/node-server/serve-static'
import type { Hono } from 'hono'
import { existsSync } from 'node:fs'
import { join, relative } from 'node:path'
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

export const webClientBuilt = (root: string) => existsSync(join(root, 'index.html'))
