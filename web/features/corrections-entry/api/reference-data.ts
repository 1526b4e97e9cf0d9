import { useQuery } from '@tanstack/react-query'
import { seg, unwrap, useApiClient } from '../../../lib/api-client'
import { correctionEntryKeys } from './keys'

const DAY = 24 * 3_600_000

/** Reason codes (with their en/de labels); they rarely change, and are kept for offline entry. */
export function useReasonCodes(storeId: string) {
  const api = useApiClient()
  return useQuery({
    queryKey: correctionEntryKeys.reasons(storeId),
    queryFn: ({ signal }) => unwrap(api.stores[':storeId']['reason-codes'].$get({ param: { storeId: seg(storeId) } }, { init: { signal } })),
    staleTime: DAY,
    gcTime: 7 * DAY,
    select: (d) => d.reasonCodes,
  })
}

/** The store's locations (their ids go into correction lines). */
export function useLocations(storeId: string) {
  const api = useApiClient()
  return useQuery({
    queryKey: correctionEntryKeys.locations(storeId),
    queryFn: ({ signal }) => unwrap(api.stores[':storeId'].locations.$get({ param: { storeId: seg(storeId) } }, { init: { signal } })),
    staleTime: DAY,
    gcTime: 7 * DAY,
    select: (d) => d.locations,
  })
}

/**
 * Loads the reference data a correction needs while there is a connection, so entering one later
 * works offline (the query cache is kept on the device).
 */
export function useCorrectionReferenceData(storeId: string) {
  useReasonCodes(storeId)
  useLocations(storeId)
}
