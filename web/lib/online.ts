import { useSyncExternalStore } from 'react'

/**
 * Whether the browser believes it has a network. `navigator.onLine === true` only means "some
 * network": a request can still fail, so callers keep handling NETWORK_ERROR. `false` is reliable:
 * screens that need the server (confirming a correction, closing a delivery) say so up front.
 */
const subscribe = (onChange: () => void) => {
  window.addEventListener('online', onChange)
  window.addEventListener('offline', onChange)
  return () => {
    window.removeEventListener('online', onChange)
    window.removeEventListener('offline', onChange)
  }
}

export const isOnline = () => (typeof navigator === 'undefined' ? true : navigator.onLine !== false)

export function useOnline(): boolean {
  return useSyncExternalStore(subscribe, isOnline, () => true)
}
