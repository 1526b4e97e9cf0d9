/** The items feature keeps its queries under this key; a refill changes what they show. */
export const itemKeysAll = (storeId: string) => ['stores', storeId, 'items'] as const
