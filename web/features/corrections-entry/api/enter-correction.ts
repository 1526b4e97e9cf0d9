import type { InferRequestType } from 'hono/client'
import { uuidv7 } from 'uuidv7'
import { type ApiClient, seg } from '../../../lib/api-client'
import { useEnqueue } from '../../../lib/outbox-react'
import { correctionEntryKeys } from './keys'

export type CorrectionBody = InferRequestType<ApiClient['stores'][':storeId']['corrections']['$post']>['json']

/**
 * Entering a correction goes through the outbox: it works offline and the correction's own client id
 * (a UUID v7) makes the server enter it once however often it is sent. It changes no stock until a
 * second person confirms it — that step needs the server.
 */
export function useEnterCorrection(storeId: string) {
  const enqueue = useEnqueue()
  return (entry: Omit<CorrectionBody, 'id'>, display: { summary: string; units: number }) => {
    const id = uuidv7()
    const body: CorrectionBody = { id, ...entry }
    return enqueue({
      id,
      kind: 'correction.enter',
      storeId,
      request: { method: 'POST', path: `/stores/${seg(storeId)}/corrections`, body },
      meta: { summary: display.summary, units: display.units, reasonCode: entry.reasonCode, source: entry.source ?? 'backroom' },
      invalidate: [[...correctionEntryKeys.all(storeId)]],
    })
  }
}
