import { replenishmentRequests } from '../../../db/schema/index'
import type { StoreRef } from '../access/policy'
import { appendAudit } from '../audit/chain'
import type { Ctx } from '../context'
import { newId } from '../ids'
import { hiddenFrom, loadViewer } from '../items/blind-count'
import { suggestionRows } from './queries'

/**
 * Turns the suggestions (floor below shelf minimum) into `rule` requests, up to the shelf target.
 * Items that already have an open or picking request get no second one, and items with an empty
 * stockroom get none at all (the rule would otherwise produce a cannot-fill every time it runs).
 * Running it twice therefore creates nothing the second time.
 * Items the caller counts blind are requested whatever the stockroom holds: "skipped, no stock" would
 * tell them a figure (the back room, seeing the stock, may answer cannot-fill).
 */
export async function createRuleRequests({ ctx, store }: { ctx: Ctx; store: StoreRef }) {
  const at = ctx.clock.now()
  const viewer = await loadViewer(ctx.db, store, ctx.actor.userId)
  return ctx.writer.run(async (tx) => {
    const created: string[] = []
    const skippedNoStock: string[] = []
    const rows = await suggestionRows(tx, store.id)
    const blind = await hiddenFrom(tx, store.id, viewer, rows.map((r) => r.item.id))
    for (const s of rows) {
      if (s.activeRequestId) continue
      if (s.stockroom <= 0 && !blind.has(s.item.id)) {
        skippedNoStock.push(s.item.id)
        continue
      }
      const row = {
        id: newId(),
        storeId: store.id,
        itemId: s.item.id,
        requestedQty: null,
        source: 'rule' as const,
        status: 'open' as const,
        requestedBy: ctx.actor.userId,
        requestedAt: at.toISOString(),
      }
      await tx.insert(replenishmentRequests).values(row)
      await appendAudit(tx, at, ctx.actor, {
        action: 'replenishment.requested',
        entityType: 'replenishment_request',
        entityId: row.id,
        storeId: store.id,
        after: { ...row, floor: s.floor, shelfMin: s.shelfMin, shelfTarget: s.shelfTarget },
      })
      created.push(row.id)
    }
    return { created, skippedNoStock }
  })
}
