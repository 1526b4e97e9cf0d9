import { sql } from 'drizzle-orm'
import type { StoreRef } from '../access/policy'
import { appendAudit } from '../audit/chain'
import type { Ctx } from '../context'
import { DomainError, notFound } from '../errors'
import { first } from '../sql'
import { findCount, reviewLines } from './queries'
import { hasReviewed } from './record-entry'

/**
 * The reviewer's view of a count: expected (as of counting time), counted, variance and its value,
 * which lines need a recount. Never for counters: while the count is open, someone who entered counts
 * in it is refused, and opening the review is recorded (audit `count.review_opened`) so that the
 * reviewer cannot count it afterwards either. Both checks run in the writer, so they cannot race.
 */
export async function reviewCount({ ctx, store, countId }: { ctx: Ctx; store: StoreRef; countId: string }) {
  const count = await first<{ id: string; storeId: string; status: string; startMovementId: number }>(ctx.db, sql`SELECT id, store_id AS storeId, status,
    start_movement_id AS startMovementId FROM counts WHERE id = ${countId} AND store_id = ${store.id}`)
  if (!count) throw notFound('Count', { countId })
  const userId = ctx.actor.userId
  if (!userId) throw new DomainError('UNAUTHENTICATED', 'Sign in to continue')
  if (count.status === 'open' || count.status === 'recount') {
    const at = ctx.clock.now()
    await ctx.writer.run(async (tx) => {
      const counted = await first<{ n: number }>(tx, sql`SELECT COUNT(*) AS n FROM count_entries WHERE count_id = ${countId} AND user_id = ${userId}`)
      if (Number(counted?.n ?? 0) > 0) {
        throw new DomainError('COUNTER_CANNOT_REVIEW', 'You counted in this count; its expected quantities stay hidden from you until it is submitted')
      }
      if (await hasReviewed(tx, countId, userId)) return
      await appendAudit(tx, at, ctx.actor, { action: 'count.review_opened', entityType: 'count', entityId: countId, storeId: store.id, after: { status: count.status } })
    })
  }
  const view = (await findCount(ctx.db, store.id, countId))!
  return { count: view, ...(await reviewLines(ctx.db, { ...count, startMovementId: Number(count.startMovementId) })) }
}
