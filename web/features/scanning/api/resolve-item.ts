import { useCallback } from 'react'
import { type ApiClient, isApiError, seg, unwrap, useApiClient } from '../../../lib/api-client'
import { isOnline } from '../../../lib/online'
import { knownByCode, rememberItems, searchKnown, type KnownItem } from '../../../lib/known-items'

export type ScannedItem = KnownItem & {
  stock?: { floor: number; stockroom: number }
  /** Nearby stores that carry the item (from an online look-up). */
  nearby?: Array<{ id: string; code: string; name: string }>
}

export type Resolution =
  | { kind: 'item'; item: ScannedItem; offline: boolean }
  | { kind: 'unknown'; code: string }
  /** Offline and never seen on this device: nothing to go by. */
  | { kind: 'unavailable'; code: string }

const lookup = (api: ApiClient, storeId: string, code: string) =>
  unwrap(api.stores[':storeId'].items.lookup.$get({ param: { storeId: seg(storeId) }, query: { code } }))

const search = (api: ApiClient, storeId: string, q: string) =>
  unwrap(api.stores[':storeId'].items.search.$get({ param: { storeId: seg(storeId) }, query: { q, limit: '12' } }))

/** A scanned or typed code → the item: from the server, or offline from items this device knows. */
export function useResolveCode(storeId: string) {
  const api = useApiClient()
  return useCallback(
    async (code: string): Promise<Resolution> => {
      const trimmed = code.trim()
      const offlineAnswer = (): Resolution => {
        const known = knownByCode(trimmed)
        return known ? { kind: 'item', item: known, offline: true } : { kind: 'unavailable', code: trimmed }
      }
      if (!isOnline()) return offlineAnswer()
      try {
        const detail = await lookup(api, storeId, trimmed)
        const item = { id: detail.item.id, sku: detail.item.sku, name: detail.item.name, barcodes: detail.item.barcodes }
        rememberItems([item])
        const nearby = detail.nearby.map((n) => ({ id: n.storeId, code: n.storeCode, name: n.storeName }))
        const stock = detail.stock ? { floor: detail.stock.floor, stockroom: detail.stock.stockroom } : undefined
        return { kind: 'item', item: { ...item, stock, nearby }, offline: false }
      } catch (err) {
        if (isApiError(err, 'NOT_FOUND') || isApiError(err, 'VALIDATION_FAILED')) return { kind: 'unknown', code: trimmed }
        if (isApiError(err, 'NETWORK_ERROR') || (isApiError(err) && err.status >= 500)) return offlineAnswer()
        throw err
      }
    },
    [api, storeId],
  )
}

/** Search by name/SKU; offline, among the items this device knows. */
export function useSearchItems(storeId: string) {
  const api = useApiClient()
  return useCallback(
    async (q: string): Promise<{ items: ScannedItem[]; offline: boolean }> => {
      if (!isOnline()) return { items: searchKnown(q), offline: true }
      try {
        const { items } = await search(api, storeId, q)
        const known = items.map((i) => ({ id: i.id, sku: i.sku, name: i.name, barcodes: i.barcodes }))
        rememberItems(known)
        return { items: items.map((i, n) => ({ ...known[n]!, stock: i.floor === null || i.stockroom === null ? undefined : { floor: i.floor, stockroom: i.stockroom } })), offline: false }
      } catch (err) {
        if (isApiError(err, 'NETWORK_ERROR')) return { items: searchKnown(q), offline: true }
        throw err
      }
    },
    [api, storeId],
  )
}
