/** Query keys of a store's corrections; everything sits under `['stores', id, 'corrections']`. */
export const correctionKeys = {
  all: (storeId: string) => ['stores', storeId, 'corrections'] as const,
  list: (storeId: string, filters: CorrectionFilters) => ['stores', storeId, 'corrections', 'list', filters] as const,
  detail: (storeId: string, id: string) => ['stores', storeId, 'corrections', 'detail', id] as const,
  reasonCodes: (storeId: string) => ['stores', storeId, 'reason-codes'] as const,
}

export const CORRECTION_STATUSES = ['pending', 'confirmed', 'rejected', 'cancelled'] as const
export type CorrectionStatus = (typeof CORRECTION_STATUSES)[number]

export type CorrectionFilters = { status?: CorrectionStatus; mine?: boolean }
