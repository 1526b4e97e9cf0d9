import { sql } from 'drizzle-orm'
import fc from 'fast-check'
import type { Db } from '../../db/client'
import type { Counterparty, MovementKind } from '../../db/schema/index'
import type { Actor } from '../../server/core/context'
import { applyMovements, type MovementLine } from '../../server/core/ledger/apply-movements'
import { once } from '../../server/core/ledger/idempotency'
import type { Writer } from '../../server/core/writer'

/**
 * A JS model of the stock ledger for property tests: the same postings are applied to the real
 * Writer + applyMovements + once() and to a Map, and the two must agree. The model encodes the
 * rules independently: a document applies all of its lines or none, and a line taking a location
 * below zero fails the document unless it is a sale on the floor.
 */

export const STORES = ['st-a1', 'st-a2', 'st-b1'] as const
export const ITEMS = ['it-milk', 'it-coffee', 'it-shampoo', 'it-drill', 'it-tv'] as const
export const ACTOR: Actor = { userId: 'u-stockroom' }

/** One line of a posting, in domain terms. */
export type Op = { kind: 'receipt' | 'replenish' | 'sale' | 'return' | 'putaway' | 'quarantine'; store: string; item: string; quantity: number }
export type Posting = Op[]

type Shape = { from: string | null; to: string | null; counterparty: Counterparty | null; kind: MovementKind }
const SHAPES: Record<Op['kind'], Shape> = {
  receipt: { from: null, to: 'receiving', counterparty: 'supplier', kind: 'receipt' },
  putaway: { from: 'receiving', to: 'stockroom', counterparty: null, kind: 'receipt' },
  replenish: { from: 'stockroom', to: 'floor', counterparty: null, kind: 'replenish' },
  sale: { from: 'floor', to: null, counterparty: 'customer', kind: 'sale' },
  return: { from: null, to: 'floor', counterparty: 'customer', kind: 'return' },
  quarantine: { from: 'floor', to: 'quarantine', counterparty: null, kind: 'replenish' },
}

/** Location ids follow the fixture: `${storeId}-${kind}`. */
export const loc = (store: string, kind: string) => `${store}-${kind}`

export function toLines(posting: Posting, docId: string): MovementLine[] {
  return posting.map((op) => {
    const shape = SHAPES[op.kind]
    return {
      storeId: op.store,
      itemId: op.item,
      fromLocationId: shape.from ? loc(op.store, shape.from) : null,
      toLocationId: shape.to ? loc(op.store, shape.to) : null,
      counterparty: shape.counterparty,
      quantity: op.quantity,
      kind: shape.kind,
      docType: 'test',
      docId,
    }
  })
}

export const opArb = (stores: readonly string[] = STORES, items: readonly string[] = ITEMS): fc.Arbitrary<Op> =>
  fc.record({
    kind: fc.constantFrom<Op['kind']>('receipt', 'putaway', 'replenish', 'sale', 'return', 'quarantine'),
    store: fc.constantFrom(...stores),
    item: fc.constantFrom(...items),
    quantity: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 80 })),
  })

export const postingArb = (stores?: readonly string[], items?: readonly string[]) => fc.array(opArb(stores, items), { minLength: 1, maxLength: 4 })

/** Postings whose every line only adds stock: they can never fail. */
export const safePostingArb = fc.array(
  fc.record({
    kind: fc.constantFrom<Op['kind']>('receipt', 'return'),
    store: fc.constantFrom(...STORES),
    item: fc.constantFrom(...ITEMS),
    quantity: fc.integer({ min: 1, max: 50 }),
  }),
  { minLength: 1, maxLength: 3 },
)

export type Balances = Map<string, number>
const key = (location: string, item: string) => `${location}|${item}`

/** Applies a posting to the model; returns the new balances, or null when the real ledger must refuse it. */
export function modelApply(balances: Balances, posting: Posting): Balances | null {
  const next = new Map(balances)
  for (const op of posting) {
    const shape = SHAPES[op.kind]
    if (shape.to) {
      const k = key(loc(op.store, shape.to), op.item)
      next.set(k, (next.get(k) ?? 0) + op.quantity)
    }
    if (shape.from) {
      const k = key(loc(op.store, shape.from), op.item)
      const after = (next.get(k) ?? 0) - op.quantity
      next.set(k, after)
      if (after < 0 && !(op.kind === 'sale' && shape.from === 'floor')) return null
    }
  }
  return next
}

export async function readBalances(db: Db): Promise<Balances> {
  const rows = await db.all<{ location_id: string; item_id: string; quantity: number }>(sql`SELECT location_id, item_id, quantity FROM balances`)
  return new Map(rows.map((r) => [key(r.location_id, r.item_id), Number(r.quantity)]))
}

export async function movementCount(db: Db) {
  const rows = await db.all<{ n: number }>(sql`SELECT COUNT(*) AS n FROM movements`)
  return Number(rows[0]!.n)
}

/** Balances as a sorted plain object without zero entries (a missing row and a 0 row are the same stock). */
export const normalize = (balances: Balances) =>
  Object.fromEntries([...balances.entries()].filter(([, q]) => q !== 0).sort(([a], [b]) => a.localeCompare(b)))

export type PostResult = { status: number; body: { docId: string; lines: number; negatives: number }; replayed: boolean }

/** The real path a retryable write takes: one writer command, once() around applyMovements. */
export function post(writer: Writer, at: Date, id: { scope?: string; key: string }, posting: Posting): Promise<PostResult> {
  return writer.run((tx) =>
    once(tx, at, { scope: id.scope ?? 'test', key: id.key, payload: posting }, async () => {
      const negatives = await applyMovements(tx, at, ACTOR, toLines(posting, id.key))
      return { status: 201, body: { docId: id.key, lines: posting.length, negatives: negatives.length } }
    }),
  )
}
