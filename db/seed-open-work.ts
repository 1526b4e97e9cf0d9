import { sql } from 'drizzle-orm'
import { fixedClock } from '../server/core/clock'
import { defaultCoreConfig, type Ctx, type Deps } from '../server/core/context'
import { createCount } from '../server/core/counts/create-count'
import { newId } from '../server/core/ids'
import { createDelivery } from '../server/core/receiving/create-delivery'
import { requestRefill } from '../server/core/replenishment/request-refill'
import { createTransfer } from '../server/core/transfers/create-transfer'
import { shipTransfer } from '../server/core/transfers/ship-transfer'
import { Writer } from '../server/core/writer'
import type { Database } from './client'
import { CATEGORIES } from './seed-catalog-data'
import { FIRST_STORE_ID } from './seed-places'

export type OpenWorkSummary = { refills: number; deliveries: number; counts: number; transfers: number; ms: number }

const MINUTE = 60_000
const HOUR = 60 * MINUTE

type StoreRow = { id: string; regionId: string; code: string; name: string }
type StockRow = { itemId: string; category: string; floor: number; stockroom: number; shelfTarget: number }

/**
 * The work waiting in the first demo store when someone signs in, so no back-room screen opens empty:
 * two refill requests from the sales floor, a delivery due today, a cycle count to do, and a transfer a
 * neighbouring store has shipped. Through the real core verbs (audit events, idempotency, balances), on a
 * clock just before `now`; anything the data cannot support (a one-store chain, a tiny catalog) is skipped.
 * Call it after the demo seed and its correction history, with the server not running.
 */
export async function seedOpenWork(database: Database, options: { now: Date; log?: (msg: string) => void }): Promise<OpenWorkSummary> {
  const started = performance.now()
  const summary: OpenWorkSummary = { refills: 0, deliveries: 0, counts: 0, transfers: 0, ms: 0 }
  const writer = new Writer(database.db)
  const clock = fixedClock(options.now)
  const deps: Deps = { database, db: database.db, writer, clock, config: defaultCoreConfig }
  const as = (userId: string, at: number): Ctx => {
    clock.set(new Date(options.now.getTime() - at))
    return { ...deps, actor: { userId, sessionId: null, deviceId: null, requestId: `seed-${newId()}` } }
  }
  try {
    const [store] = await database.db.all<StoreRow>(sql`SELECT id, region_id AS regionId, code, name FROM stores WHERE id = ${FIRST_STORE_ID}`)
    if (!store) return summary
    const staff = await staffOf(database, store.id)
    const stock = await stockOf(database, store.id)
    const taken = new Set<string>()
    const take = (rows: StockRow[], n: number) => {
      const picked = rows.filter((r) => !taken.has(r.itemId)).slice(0, n)
      for (const r of picked) taken.add(r.itemId)
      return picked
    }
    // Items on a pending count correction cannot be counted again; leave them to it.
    const onPendingCount = new Set(
      (await database.db.all<{ itemId: string }>(sql`SELECT DISTINCT cl.item_id AS itemId FROM correction_lines cl
        JOIN corrections c ON c.id = cl.correction_id WHERE c.store_id = ${store.id} AND c.status = 'pending' AND c.count_id IS NOT NULL`)).map((r) => r.itemId),
    )
    for (const id of onPendingCount) taken.add(id)

    // The sales floor asks for two refills: one with a quantity and a note, one "fill it up".
    const clerk = staff.clerk[0]
    if (clerk) {
      const low = stock.filter((r) => r.stockroom >= 6 && r.floor < r.shelfTarget)
      for (const [i, row] of take(low, 2).entries()) {
        await requestRefill({
          ctx: as(clerk, (35 - i * 25) * MINUTE),
          store,
          input: i === 0
            ? { id: `seed-refill-${i + 1}-${row.itemId}`.slice(0, 64), itemId: row.itemId, quantity: Math.min(6, row.stockroom), note: 'Shelf gap at the front, customers are asking' }
            : { id: `seed-refill-${i + 1}-${row.itemId}`.slice(0, 64), itemId: row.itemId },
        })
        summary.refills += 1
      }
    }

    const manager = staff.store_manager[0]
    // A delivery due today from the dairy supplier (or whichever category the store stocks most).
    if (manager) {
      const byCategory = new Map<string, StockRow[]>()
      for (const r of stock) byCategory.set(r.category, [...(byCategory.get(r.category) ?? []), r])
      const category = byCategory.has('dairy') ? 'dairy' : [...byCategory.entries()].sort((a, b) => b[1].length - a[1].length)[0]?.[0]
      const lines = category ? take(byCategory.get(category)!, 5) : []
      const supplier = CATEGORIES.find((c) => c.key === category)?.supplier
      if (lines.length > 0 && supplier) {
        const caseSize = CATEGORIES.find((c) => c.key === category)?.caseSize ?? 6
        const day = options.now.toISOString().slice(0, 10)
        await createDelivery({
          ctx: as(manager, 20 * HOUR),
          store,
          input: {
            id: `seed-delivery-${store.code}-${day}`,
            supplier,
            reference: `LS-${day.replaceAll('-', '').slice(2)}-${store.code.slice(1)}`,
            expectedAt: day,
            lines: lines.map((r, i) => ({ itemId: r.itemId, expectedQty: caseSize * (1 + (i % 3)) })),
          },
        })
        summary.deliveries += 1
      }

      // A cycle count of six stockroom items, opened this morning, not started yet.
      const countLines = take(stock.filter((r) => r.stockroom > 0 && r.category !== category), 6)
      if (countLines.length > 0) {
        await createCount({
          ctx: as(manager, 3 * HOUR),
          store,
          input: { id: `seed-count-${store.code}-${options.now.toISOString().slice(0, 10)}`, kind: 'cycle', location: 'stockroom', items: countLines.map((r) => ({ itemId: r.itemId })), note: 'Weekly cycle count: the stockroom shelves by the door' },
        })
        summary.counts += 1
      }
    }

    // A neighbouring store (of the region, if it has one) has shipped three items over; they wait to be received here.
    const [partner] = await database.db.all<StoreRow>(sql`SELECT id, region_id AS regionId, code, name FROM stores
      WHERE id <> ${store.id} AND active = 1 ORDER BY region_id = ${store.regionId} DESC, code LIMIT 1`)
    const partnerStaff = partner ? await staffOf(database, partner.id) : undefined
    const sender = partnerStaff?.stockroom[0] ?? partnerStaff?.lead[0]
    if (partner && sender) {
      const lines = (await stockOf(database, partner.id)).filter((r) => r.stockroom >= 8 && !taken.has(r.itemId)).slice(0, 3)
      if (lines.length > 0) {
        const created = await createTransfer({
          ctx: as(sender, 5 * HOUR),
          store: partner,
          input: { id: `seed-transfer-${partner.code}-${store.code}`, toStoreId: store.id, note: `Help for ${store.name}: their shelves ran low`, lines: lines.map((r, i) => ({ itemId: r.itemId, quantity: 4 + i * 2 })) },
        })
        await shipTransfer({ ctx: as(sender, 4 * HOUR), store: partner, transferId: created.transfer.id, input: { version: created.transfer.version } })
        summary.transfers += 1
      }
    }
  } finally {
    await writer.close()
  }
  summary.ms = Math.round(performance.now() - started)
  options.log?.(
    `open work in ${FIRST_STORE_ID}: ${summary.refills} refill requests, ${summary.deliveries} delivery due, ${summary.counts} count to do, ${summary.transfers} incoming transfer in ${(summary.ms / 1000).toFixed(2)} s`,
  )
  return summary
}

async function staffOf(database: Database, storeId: string) {
  const rows = await database.db.all<{ userId: string; role: string }>(sql`
    SELECT r.user_id AS userId, r.role AS role FROM role_assignments r JOIN users u ON u.id = r.user_id
    WHERE r.store_id = ${storeId} AND r.revoked_at IS NULL AND u.active = 1 ORDER BY u.employee_no`)
  const of = (role: string) => rows.filter((r) => r.role === role).map((r) => r.userId)
  return { clerk: of('clerk'), stockroom: of('stockroom'), lead: of('lead'), store_manager: of('store_manager') }
}

/** The store's items with floor and stockroom stock, in a stable order. */
function stockOf(database: Database, storeId: string) {
  return database.db.all<StockRow>(sql`
    SELECT i.id AS itemId, i.category AS category,
      COALESCE(SUM(CASE WHEN l.kind = 'floor' THEN b.quantity END), 0) AS floor,
      COALESCE(SUM(CASE WHEN l.kind = 'stockroom' THEN b.quantity END), 0) AS stockroom,
      COALESCE(si.shelf_target, 0) AS shelfTarget
    FROM balances b JOIN locations l ON l.id = b.location_id JOIN items i ON i.id = b.item_id
      LEFT JOIN store_items si ON si.store_id = b.store_id AND si.item_id = b.item_id
    WHERE b.store_id = ${storeId} AND i.active = 1
    GROUP BY i.id ORDER BY i.sku`)
}
