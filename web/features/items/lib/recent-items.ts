import { useCallback, useState } from 'react'

/** The last items looked up on this tab, per store: a clerk often goes back to the one before. */
export type RecentItem = { id: string; name: string; sku: string }

const MAX = 8
const key = (storeId: string) => `backstore.recent.${storeId}`

function read(storeId: string): RecentItem[] {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(key(storeId)) ?? '[]')
    return Array.isArray(parsed) ? (parsed as RecentItem[]).slice(0, MAX) : []
  } catch {
    return []
  }
}

function write(storeId: string, items: RecentItem[]) {
  try {
    sessionStorage.setItem(key(storeId), JSON.stringify(items))
  } catch {
    /* storage full or blocked: the list is a convenience */
  }
}

export function useRecentItems(storeId: string) {
  const [items, setItems] = useState(() => read(storeId))
  const remember = useCallback(
    (item: RecentItem) =>
      setItems((prev) => {
        if (prev[0]?.id === item.id) return prev
        const next = [item, ...prev.filter((p) => p.id !== item.id)].slice(0, MAX)
        write(storeId, next)
        return next
      }),
    [storeId],
  )
  const clear = useCallback(() => {
    write(storeId, [])
    setItems([])
  }, [storeId])
  return { items, remember, clear }
}
