import { sql } from 'drizzle-orm'
import type { StoreRef } from '../access/policy'
import { appendAudit } from '../audit/chain'
import type { Ctx } from '../context'
import { DomainError, notFound } from '../errors'
import { first } from '../sql'
import { checkVersion } from '../store-refs'
import { enterVarianceCorrection } from './pending-correction'
import { countLines, findCount, lineCounters, maxMovementId, recountPolicy, type CountView } from './queries'
import { mainCounter, needsRecount } from './rules'
import { CancelCountInput, SubmitCountInput } from './schemas'

export type SubmitResult = {
  outcome: 'recount' | 'submitted'
  count: CountView
  /** Lines sent to a recount (outcome recount). */
  recount: Array<{ locationId: string; itemId: string; sku: string; name: string }>
  correctionId: string | null
  replayed: boolean
}

/**
 * Submits a count. First time round, lines whose variance exceeds the policy (units or value) go to
 * a recount (round 2) instead, and the count waits in `recount` until someone other than the first
 * counter has recounted them; submitting then uses the recounted figures. The result is ONE pending
 * correction (reason miscount, source count, linked both ways) with every non-zero variance — or none
 * when everything matched. Everyone who made an entry in the count (any round) is recorded on it as a counter and
 * may not confirm or reject it; neither may the submitter, who enters it. Submitting again answers the submitted count.
 */
export async function submitCount({ ctx, store, countId, input }: { ctx: Ctx; store: StoreRef; countId: string; input: unknown }): Promise<SubmitResult> {
  const data = SubmitCountInput.parse(input ?? {})
  const at = ctx.clock.now()
  const result = await ctx.writer.run(async (tx) => {
    const count = await first<{ id: string; storeId: string; kind: string; status: string; version: number; startMovementId: number; correctionId: string | null }>(
      tx,
      sql`SELECT id, store_id AS storeId, kind, status, version, start_movement_id AS startMovementId, correction_id AS correctionId
        FROM counts WHERE id = ${countId} AND store_id = ${store.id}`,
    )
    if (!count) throw notFound('Count', { countId })
    if (count.status === 'submitted') return { outcome: 'submitted' as const, recount: [], correctionId: count.correctionId, replayed: true }
    if (count.status === 'cancelled') throw new DomainError('INVALID_STATE', 'This count was cancelled', { status: count.status })
    checkVersion(Number(count.version), data.version, 'count')

    const lines = await countLines(tx, { id: countId, storeId: store.id, startMovementId: Number(count.startMovementId) }, await maxMovementId(tx))
    const uncounted = lines.filter((l) => l.counted === null)
    const uncountedRecount = uncounted.filter((l) => l.round === 2)
    if (uncountedRecount.length > 0 || (uncounted.length > 0 && !data.uncountedAsZero)) {
      throw new DomainError('COUNT_INCOMPLETE', `${uncounted.length} line${uncounted.length === 1 ? ' is' : 's are'} not counted yet`, {
        uncounted: uncounted.length,
        recountOutstanding: uncountedRecount.length,
        hint: uncountedRecount.length > 0 ? 'Recount lines must be counted' : 'Count them, or submit with uncountedAsZero: true',
      })
    }
    const final = lines.map((l) => ({ ...l, variance: (l.counted ?? 0) - l.expected }))
    const entries = await lineCounters(tx, countId)
    const entriesOf = (l: { locationId: string; itemId: string }, round: number) =>
      entries.filter((e) => e.locationId === l.locationId && e.itemId === l.itemId && Number(e.round) === round)

    if (count.status === 'open') {
      const policy = await recountPolicy(tx, store.id)
      const recount = final.filter((l) => l.round === 1 && needsRecount(l.variance, l.unitCost, policy))
      if (recount.length > 0) {
        for (const l of recount) {
          await tx.run(sql`UPDATE count_items SET round = 2, first_counted_by = ${mainCounter(entriesOf(l, 1))}
            WHERE count_id = ${countId} AND location_id = ${l.locationId} AND item_id = ${l.itemId}`)
        }
        await tx.run(sql`UPDATE counts SET status = 'recount', version = version + 1 WHERE id = ${countId}`)
        const list = recount.map((l) => ({ locationId: l.locationId, itemId: l.itemId, sku: l.sku, name: l.name }))
        await appendAudit(tx, at, ctx.actor, {
          action: 'count.recount_requested',
          entityType: 'count',
          entityId: countId,
          storeId: store.id,
          before: { status: 'open' },
          after: { status: 'recount', lines: list.map(({ locationId, itemId }) => ({ locationId, itemId })), policy },
        })
        return { outcome: 'recount' as const, recount: list, correctionId: null, replayed: false }
      }
    }

    const variances = final.filter((l) => l.variance !== 0)
    // The counter of record is whoever counted the lines that differ (most entries there); but everyone
    // with an entry in this count — any line, any round, recounts included — is kept out of the decision.
    const countedBy = mainCounter(variances.flatMap((l) => entriesOf(l, l.round))) ?? mainCounter(final.flatMap((l) => entriesOf(l, l.round)))
    const counters = [...new Set(entries.map((e) => e.userId))]
    const correction =
      variances.length === 0
        ? null
        : await enterVarianceCorrection(tx, at, ctx.actor, {
            storeId: store.id,
            source: 'count',
            reasonCode: 'miscount',
            note: `Variances of ${count.kind} count ${countId}`,
            countId,
            countedBy,
            counters,
            lines: variances.map((l) => ({ locationId: l.locationId, itemId: l.itemId, quantityDelta: l.variance })),
          })
    const updated = await tx.run(sql`UPDATE counts SET status = 'submitted', submitted_by = ${ctx.actor.userId}, submitted_at = ${at.toISOString()},
      correction_id = ${correction?.id ?? null}, version = version + 1 WHERE id = ${countId} AND version = ${Number(count.version)}`)
    if (updated.rowsAffected !== 1) throw new DomainError('STALE_VERSION', 'The count changed meanwhile; reload and try again')
    // The count answered whatever flagged these items (e.g. a negative floor after sales).
    await tx.run(sql`UPDATE store_items SET count_flag = NULL, count_flagged_at = NULL
      WHERE store_id = ${store.id} AND count_flag IS NOT NULL AND item_id IN (SELECT item_id FROM count_items WHERE count_id = ${countId})`)
    await appendAudit(tx, at, ctx.actor, {
      action: 'count.submitted',
      entityType: 'count',
      entityId: countId,
      storeId: store.id,
      before: { status: count.status },
      after: {
        status: 'submitted',
        lines: final.length,
        varianceLines: variances.length,
        uncountedAsZero: uncounted.length,
        countedBy,
        counters,
        correctionId: correction?.id ?? null,
        value: correction?.value ?? 0,
      },
    })
    return { outcome: 'submitted' as const, recount: [], correctionId: correction?.id ?? null, replayed: false }
  })
  return { ...result, count: (await findCount(ctx.db, store.id, countId))! }
}

/** A manager abandons a count that is not submitted; nothing is corrected. */
export async function cancelCount({ ctx, store, countId, input }: { ctx: Ctx; store: StoreRef; countId: string; input: unknown }) {
  const data = CancelCountInput.parse(input ?? {})
  const at = ctx.clock.now()
  const replayed = await ctx.writer.run(async (tx) => {
    const count = await first<{ status: string; version: number }>(tx, sql`SELECT status, version FROM counts WHERE id = ${countId} AND store_id = ${store.id}`)
    if (!count) throw notFound('Count', { countId })
    if (count.status === 'cancelled') return true
    if (count.status === 'submitted') throw new DomainError('INVALID_STATE', 'A submitted count cannot be cancelled', { status: count.status })
    checkVersion(Number(count.version), data.version, 'count')
    await tx.run(sql`UPDATE counts SET status = 'cancelled', version = version + 1 WHERE id = ${countId}`)
    await appendAudit(tx, at, ctx.actor, {
      action: 'count.cancelled',
      entityType: 'count',
      entityId: countId,
      storeId: store.id,
      before: { status: count.status },
      after: { status: 'cancelled', reason: data.reason ?? null },
    })
    return false
  })
  return { count: (await findCount(ctx.db, store.id, countId))!, replayed }
}
