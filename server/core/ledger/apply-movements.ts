import { sql } from 'drizzle-orm'
import type { Counterparty, LocationKind, MovementKind } from '../../../db/schema/index'
import type { Actor } from '../context'
import { DomainError } from '../errors'
import { first } from '../sql'
import type { Tx } from '../writer'

export type MovementLine = {
  storeId: string
  itemId: string
  fromLocationId: string | null
  toLocationId: string | null
  counterparty: Counterparty | null
  quantity: number
  kind: MovementKind
  docType: string
  docId: string
  correctionLineId?: string | null
}

export type NegativeRule = (locationKind: LocationKind, movementKind: MovementKind) => boolean

/** The default: only sales may take stock below zero (the till is the truth), and only on the floor. */
export const defaultNegativeRule: NegativeRule = (location, kind) => kind === 'sale' && location === 'floor'

export type NegativeBalance = { locationId: string; locationKind: LocationKind; itemId: string; quantity: number }

/**
 * Appends movements and moves balances by relative updates, inside the caller's write transaction.
 * Both are written together, so balance = Σ movements holds for every key after every commit.
 * Returns the balances it took below zero that the rule allowed (callers flag those items for a count).
 */
export async function applyMovements(
  tx: Tx,
  at: Date,
  actor: Actor,
  lines: MovementLine[],
  allowNegative: NegativeRule = defaultNegativeRule,
): Promise<NegativeBalance[]> {
  const now = at.toISOString()
  const negatives: NegativeBalance[] = []
  for (const line of lines) {
    if (!Number.isSafeInteger(line.quantity) || line.quantity <= 0) {
      throw new DomainError('VALIDATION_FAILED', 'A movement quantity must be a positive whole number', { quantity: line.quantity })
    }
    await tx.run(sql`INSERT INTO movements
      (store_id, item_id, from_location_id, to_location_id, counterparty, quantity, kind, doc_type, doc_id,
       correction_line_id, actor_user_id, actor_key_id, created_at)
      VALUES (${line.storeId}, ${line.itemId}, ${line.fromLocationId}, ${line.toLocationId}, ${line.counterparty},
       ${line.quantity}, ${line.kind}, ${line.docType}, ${line.docId}, ${line.correctionLineId ?? null},
       ${actor.userId}, ${actor.keyId ?? null}, ${now})`)
    if (line.toLocationId) await moveBalance(tx, line, line.toLocationId, line.quantity, now)
    if (line.fromLocationId) {
      const after = await moveBalance(tx, line, line.fromLocationId, -line.quantity, now)
      if (after < 0) {
        const kind = await locationKind(tx, line.fromLocationId)
        if (!allowNegative(kind, line.kind)) {
          throw new DomainError('NEGATIVE_STOCK', `Not enough stock in ${kind} for this movement`, {
            itemId: line.itemId,
            locationId: line.fromLocationId,
            locationKind: kind,
            wouldBe: after,
          })
        }
        negatives.push({ locationId: line.fromLocationId, locationKind: kind, itemId: line.itemId, quantity: after })
      }
    }
  }
  return negatives
}

async function moveBalance(tx: Tx, line: MovementLine, locationId: string, delta: number, now: string) {
  const row = await first<{ quantity: number }>(tx, sql`INSERT INTO balances (location_id, item_id, store_id, quantity, updated_at)
    VALUES (${locationId}, ${line.itemId}, ${line.storeId}, ${delta}, ${now})
    ON CONFLICT (location_id, item_id) DO UPDATE SET quantity = quantity + excluded.quantity, updated_at = excluded.updated_at
    RETURNING quantity`)
  return Number(row!.quantity)
}

async function locationKind(tx: Tx, locationId: string) {
  const row = await first<{ kind: LocationKind }>(tx, sql`SELECT kind FROM locations WHERE id = ${locationId}`)
  return row!.kind
}
