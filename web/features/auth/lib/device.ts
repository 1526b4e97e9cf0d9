/**
 * Whether this browser is a store tablet (the server registered it at a password sign-in).
 * The device cookie is HttpOnly, so the client remembers the fact to offer PIN switching after
 * sign-out; the server still decides (403 DEVICE_NOT_REGISTERED).
 */
const KEY = 'backstore.deviceStoreId'

const storage = () => {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null
  }
}

export const registeredDeviceStore = (): string | null => storage()?.getItem(KEY) ?? null

export function rememberDevice(storeId: string | null) {
  if (storeId) storage()?.setItem(KEY, storeId)
  else storage()?.removeItem(KEY)
}

const LAST_STORE = 'backstore.lastStoreId'
export const lastStoreId = (): string | null => storage()?.getItem(LAST_STORE) ?? null
export const rememberLastStore = (storeId: string) => storage()?.setItem(LAST_STORE, storeId)
