/* Backstore service worker: precaches the built app shell so it loads without a network.
 * Generated from web/sw/service-worker.js at build time (web/sw/plugin.mjs fills in the list).
 * It never touches /api: data goes through the app's outbox and the server's idempotency. */
const VERSION = '__VERSION__'
const PRECACHE = __PRECACHE__
const CACHE = `backstore-shell-${VERSION}`

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((path) => new Request(path, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  )
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('backstore-shell-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  )
})

self.addEventListener('fetch', (event) => {
  const request = event.request
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== self.location.origin) return
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return

  // Client-side routes: the app shell. Network first, so a new deployment shows at once; the
  // cached shell when the network is down (or too slow to wait for on a back-room Wi-Fi).
  if (request.mode === 'navigate') {
    event.respondWith(
      (async () => {
        const cache = await caches.open(CACHE)
        try {
          const response = await Promise.race([
            fetch(request),
            new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 4000)),
          ])
          if (response.ok) return response
          return (await cache.match('/index.html')) ?? response
        } catch {
          return (await cache.match('/index.html')) ?? Response.error()
        }
      })(),
    )
    return
  }

  // Built assets are content-hashed: the cached copy is always right.
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      const hit = await cache.match(request, { ignoreSearch: true })
      if (hit) return hit
      const response = await fetch(request)
      if (response.ok && url.pathname.startsWith('/assets/')) void cache.put(request, response.clone())
      return response
    }),
  )
})
