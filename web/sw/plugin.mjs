// @ts-check
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Emits `sw.js`: the hand-written service worker (service-worker.js) with the list of every built
 * file to precache. Its version is a hash of that list, so each deployment installs a new worker and
 * drops old caches. (A plain plugin instead of vite-plugin-pwa/workbox: one small file, nothing to
 * keep in step with Vite.) Plain JS so the Vite config loads it without a TypeScript step.
 *
 * @param {{ publicFiles?: string[] }} [options]
 * @returns {import('vite').Plugin}
 */
export function serviceWorker({ publicFiles = ['manifest.webmanifest', 'icon.svg'] } = {}) {
  return {
    name: 'backstore-service-worker',
    apply: 'build',
    enforce: 'post',
    generateBundle(_, bundle) {
      const built = Object.keys(bundle).filter((f) => !f.endsWith('.map') && f !== 'sw.js')
      const files = [...new Set([...built, ...publicFiles, 'index.html'])].map((f) => `/${f}`).sort()
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12)
      const source = readFileSync(join(import.meta.dirname, 'service-worker.js'), 'utf8')
        .replace('__VERSION__', version)
        .replace('__PRECACHE__', JSON.stringify(files))
      this.emitFile({ type: 'asset', fileName: 'sw.js', source })
    },
  }
}
