import type { StoreAccess } from '../../../types/api'

export type Region = { id: string; name: string; storeCount: number }

/** The regions of the stores a person may see (from /api/me), in the order of their first store. */
export function regionsOf(stores: readonly Pick<StoreAccess, 'regionId' | 'regionName'>[]): Region[] {
  const regions = new Map<string, Region>()
  for (const s of stores) {
    const region = regions.get(s.regionId)
    if (region) region.storeCount += 1
    else regions.set(s.regionId, { id: s.regionId, name: s.regionName || s.regionId, storeCount: 1 })
  }
  return [...regions.values()]
}

/**
 * The report's store choice as one select value: '' (all my stores), `region:<id>` or `store:<id>`,
 * read from and written to the URL's regionId / storeIds.
 */
export function scopeValue(search: URLSearchParams): string {
  const storeIds = search.get('storeIds')
  if (storeIds) return `store:${storeIds}`
  const regionId = search.get('regionId')
  return regionId ? `region:${regionId}` : ''
}

export function scopeParams(value: string): { regionId: string | null; storeIds: string | null } {
  if (value.startsWith('region:')) return { regionId: value.slice(7), storeIds: null }
  if (value.startsWith('store:')) return { regionId: null, storeIds: value.slice(6) }
  return { regionId: null, storeIds: null }
}
