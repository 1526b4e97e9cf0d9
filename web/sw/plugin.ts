import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Plugin } from 'vite'

/**
 * Emits `sw.js`: the hand-written service worker with the list of every built file to precache.
 * Its version is a hash of that list, so each deployment installs a new worker and drops old caches.
 * (A plain plugin instead of vite-plugin-pwa/workbox: one small file, nothing to keep in step with Vite.)
 */
export function serviceWorker({ publicFiles = ['manifest.webmanifest', 'icon.svg'] }: { publicFiles?: string[] } = {}): Plugin {
  return {
    name: 'backstore-service-worker',
    apply: 'build',
    enforce: 'post',
    generateBundle(_, bundle) {
      const built = Object.keys(bundle).filter((f) => !f.endsWith('.map') && f !== 'sw.js')
      const files = ['/', ...new Set([...built, ...publicFiles])].map((f) => (f === '/' ? f : `/${f}`))
      if (!files.includes('/index.html')) files.push('/index.html')
      const version = createHash('sha256').update(files.sort().join('\n')).digest('hex').slice(0, 12)
      const source = readFileSync(join(import.meta.dirname, 'service-worker.js'), 'utf8')
        .replace('__VERSION__', version)
        .replace('__PRECACHE__', JSON.stringify(files.filter((f) => f !== '/'), null, 0))
      this.emitFile({ type: 'asset', fileName: 'sw.js', source })
    },
  }
}
