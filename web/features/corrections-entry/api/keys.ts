export const correctionEntryKeys = {
  all: (storeId: string) => ['stores', storeId, 'corrections'] as const,
  mine: (storeId: string) => ['stores', storeId, 'corrections', 'mine'] as const,
  reasons: (storeId: string) => ['stores', storeId, 'reason-codes'] as const,
  locations: (storeId: string) => ['stores', storeId, 'locations'] as const,
}
