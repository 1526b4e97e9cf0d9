/**
 * Items this device has seen (look-ups, sheets, deliveries), by barcode: a back room without Wi-Fi
 * still turns a scan into an item it met before. Kept small (the most recent 1000) in localStorage.
 */
export type KnownItem = { id: string; sku: string; name: string; barcodes: string[] }

const KEY = 'backstore.knownItems'
const MAX = 1000

let cache: KnownItem[] | null = null

function load(): KnownItem[] {
  if (cache) return cache
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]')
    cache = Array.isArray(parsed) ? (parsed as KnownItem[]) : []
  } catch {
    cache = []
  }
  return cache
}

export function rememberItems(items: KnownItem[]) {
  if (items.length === 0) return
  const ids = new Set(items.map((i) => i.id))
  const next = [...items.map(({ id, sku, name, barcodes }) => ({ id, sku, name, barcodes })), ...load().filter((i) => !ids.has(i.id))].slice(0, MAX)
  cache = next
  try {
    localStorage.setItem(KEY, JSON.stringify(next))
  } catch {
    /* full or blocked: the list is a convenience */
  }
}

export function knownByCode(code: string): KnownItem | null {
  const c = code.trim()
  const upper = c.toUpperCase()
  return load().find((i) => i.barcodes.includes(c) || i.sku.toUpperCase() === upper) ?? null
}

export function searchKnown(q: string, limit = 20): KnownItem[] {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return []
  return load()
    .filter((i) => words.every((w) => i.name.toLowerCase().includes(w) || i.sku.toLowerCase().includes(w)))
    .slice(0, limit)
}

/** Tests start clean. */
export function forgetKnownItems() {
  cache = null
  try {
    localStorage.removeItem(KEY)
  } catch {
    /* ignore */
  }
}
