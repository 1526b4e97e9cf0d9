/**
 * Registers the service worker (production builds only: in dev, Vite serves modules the worker must
 * not cache). The worker precaches the app shell so a reload without network still opens the app.
 */
export function registerServiceWorker() {
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {
      /* no worker: the app still works online */
    })
  })
}
