/** Query keys of the items feature; everything item-related of a store sits under `['stores', id, 'items']`. */
export const itemKeys = {
  all: (storeId: string) => ['stores', storeId, 'items'] as const,
  byCode: (storeId: string, code: string) => ['stores', storeId, 'items', 'code', code] as const,
  byId: (storeId: string, itemId: string) => ['stores', storeId, 'items', 'id', itemId] as const,
  search: (storeId: string, q: string) => ['stores', storeId, 'items', 'search', q] as const,
  movements: (storeId: string, itemId: string) => ['stores', storeId, 'items', 'id', itemId, 'movements'] as const,
}
