import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { Context } from 'hono'
import type { AppEnv } from './app-env'

/**
 * The API docs page: Swagger UI served from the installed `swagger-ui-dist` package on our own origin,
 * so it works on a store network without internet and needs no CDN or inline script in its CSP.
 */
const ASSETS = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
} as const
export type DocsAsset = keyof typeof ASSETS
export const DOCS_ASSETS = Object.keys(ASSETS) as DocsAsset[]

const distDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
const cache = new Map<DocsAsset, string>()
const read = (name: DocsAsset) => cache.get(name) ?? cache.set(name, readFileSync(join(distDir, name), 'utf8')).get(name)!

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Backstore API</title>
  <link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/api/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/api/docs/assets/init.js"></script>
</body>
</html>
`

const INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true });\n`

export const docsPage = (c: Context<AppEnv>) => c.html(PAGE)

export function docsAsset(c: Context<AppEnv>, name: string) {
  const headers = { 'Cache-Control': 'public, max-age=86400' }
  if (name === 'init.js') return c.body(INIT, 200, { ...headers, 'Content-Type': 'text/javascript; charset=utf-8' })
  if (!(name in ASSETS)) return c.json({ error: { code: 'NOT_FOUND', message: 'No such docs asset' } }, 404)
  return c.body(read(name as DocsAsset), 200, { ...headers, 'Content-Type': ASSETS[name as DocsAsset] })
}
