/** Query keys of refill requests; everything sits under `['stores', id, 'replenishment']`. */
export const replenishmentKeys = {
  all: (storeId: string) => ['stores', storeId, 'replenishment'] as const,
  mine: (storeId: string) => ['stores', storeId, 'replenishment', 'mine'] as const,
  pickList: (storeId: string) => ['stores', storeId, 'replenishment', 'pick-list'] as const,
}
