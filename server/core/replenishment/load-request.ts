import { and, eq, sql } from 'drizzle-orm'
import { replenishmentRequests } from '../../../db/schema/index'
import { DomainError, notFound } from '../errors'
import { first } from '../sql'
import { checkVersion } from '../store-refs'
import type { Tx } from '../writer'
import { canMove, type RequestStatus } from './rules'

export type RequestRow = {
  id: string
  itemId: string
  status: RequestStatus
  version: number
  requestedBy: string | null
  requestedQty: number | null
  pickedQty: number | null
  pickedBy: string | null
  cannotFillReason: string | null
}

/** The request as the writer sees it now; another store's request is "not found". */
export async function loadRequest(tx: Tx, storeId: string, id: string): Promise<RequestRow> {
  const row = await first<RequestRow>(tx, sql`SELECT id, item_id AS itemId, status, version, requested_by AS requestedBy,
      requested_qty AS requestedQty, picked_qty AS pickedQty, picked_by AS pickedBy, cannot_fill_reason AS cannotFillReason
    FROM replenishment_requests WHERE id = ${id} AND store_id = ${storeId}`)
  if (!row) throw notFound('Replenishment request', { requestId: id })
  return { ...row, version: Number(row.version), pickedQty: row.pickedQty === null ? null : Number(row.pickedQty) }
}

/** Refuses a move the state machine does not allow, or one based on a stale view. */
export function assertMove(row: RequestRow, to: RequestStatus, seenVersion: number | undefined) {
  if (!canMove(row.status, to)) {
    throw new DomainError('INVALID_STATE', `A request that is ${row.status} cannot become ${to}`, { status: row.status })
  }
  checkVersion(row.version, seenVersion, 'request')
}

/** Writes the new state; the version guard makes a concurrent change impossible to overwrite. */
export async function updateRequest(tx: Tx, row: RequestRow, set: Partial<typeof replenishmentRequests.$inferInsert>) {
  const updated = await tx
    .update(replenishmentRequests)
    .set({ ...set, version: row.version + 1 })
    .where(and(eq(replenishmentRequests.id, row.id), eq(replenishmentRequests.version, row.version)))
    .returning({ id: replenishmentRequests.id })
  if (updated.length !== 1) throw new DomainError('STALE_VERSION', 'The request changed meanwhile; reload and try again')
}
