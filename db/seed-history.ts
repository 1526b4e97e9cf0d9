import { newId, sha256 } from '../server/core/ids'
import type { Counterparty, MovementKind } from './schema/index'
import { RowBuffer } from './seed-bulk'
import type { SeedItem } from './seed-catalog'
import type { StoreStaff } from './seed-people'
import type { SeedStore } from './seed-places'
import { pad, weightedSampler, type Random } from './seed-random'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** The simulated period: whole days from `startMs` (UTC midnight); nothing happens after `nowMs`. */
export type Timeline = { startMs: number; days: number; nowMs: number }

/** The tables one store's history fills, in the order they must be flushed (parents first). */
export function historyTables() {
  return {
    storeItems: new RowBuffer('store_items', ['store_id', 'item_id', 'shelf_min', 'shelf_target']),
    deliveries: new RowBuffer('deliveries', [
      'id', 'store_id', 'supplier', 'reference', 'status', 'expected_at', 'created_by', 'created_at', 'closed_by', 'closed_at',
    ]),
    deliveryLines: new RowBuffer('delivery_lines', ['delivery_id', 'item_id', 'expected_qty', 'received_qty', 'damaged_qty']),
    discrepancies: new RowBuffer('delivery_discrepancies', ['id', 'delivery_id', 'item_id', 'kind', 'quantity']),
    replenishments: new RowBuffer('replenishment_requests', [
      'id', 'store_id', 'item_id', 'requested_qty', 'source', 'status', 'requested_by', 'requested_at', 'picked_qty', 'picked_by', 'picked_at',
    ]),
    posReceipts: new RowBuffer('pos_receipts', [
      'store_id', 'receipt_id', 'request_hash', 'key_id', 'sales_value', 'line_count', 'response', 'at',
    ]),
    movements: new RowBuffer('movements', [
      'store_id', 'item_id', 'from_location_id', 'to_location_id', 'counterparty', 'quantity', 'kind', 'doc_type', 'doc_id',
      'actor_user_id', 'created_at',
    ]),
    balances: new RowBuffer('balances', ['location_id', 'item_id', 'store_id', 'quantity', 'updated_at']),
  }
}

export type HistoryTables = ReturnType<typeof historyTables>

/** Locations that hold stock in the simulation (receiving and in-transit stay empty). */
const FLOOR = 0
const STOCKROOM = 1
const QUARANTINE = 2
type Loc = typeof FLOOR | typeof STOCKROOM | typeof QUARANTINE

/** Customers per open day: busier on Friday and Saturday; German stores are closed on Sunday. */
const DAY_FACTOR = [0, 0.9, 0.85, 0.9, 1, 1.2, 1.35] as const
const DELIVERY_DAYS = new Set([1, 3, 5])
/** Trucks come early (local time); each supplier's delivery is received within a fixed window. */
const DELIVERY_START = 4 * 60 + 30
const DELIVERY_WINDOW = 12 * MINUTE
const DELIVERY_GAP = 3 * MINUTE
/** A refill round takes at most this long, however many shelves it fills (2 s a pick when few). */
const REFILL_WINDOW = 10 * MINUTE
const RECEIPTS_PER_DAY = 240
/** Average units per receipt: ~3.3 lines × ~1.3 units (see basketSize and lineQuantity). */
const UNITS_PER_RECEIPT = 4.3
const RETURN_RATE = 0.012
/** Sales lines come from the till, not a person: the seed posts them without an actor. */
const POS_KEY = 'seed'

const offsetFormatters = new Map<string, Intl.DateTimeFormat>()

/** Milliseconds the zone is ahead of UTC at `utcMs` (Europe/Berlin: 1 h in winter, 2 h in summer). */
function zoneOffsetMs(timeZone: string, utcMs: number) {
  let format = offsetFormatters.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
    })
    offsetFormatters.set(timeZone, format)
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(utcMs)).map((p) => [p.type, Number(p.value)]))
  const wallClock = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!)
  return wallClock - Math.floor(utcMs / MINUTE) * MINUTE
}

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number)
  return h! * 60 + m!
}

const iso = (ms: number) => new Date(ms).toISOString()

/**
 * Simulates one store's weeks: opening stock, deliveries into the stockroom, shelf refills from the
 * stockroom, sales and a few returns at the till. Balances are tracked in memory as every movement
 * is produced, so the balance rows written at the end equal Σ movements by construction.
 * Stockroom and floor never go below zero: a refill takes at most what is in the stockroom, and a
 * customer cannot buy what is not on the shelf.
 */
export class StoreHistory {
  readonly #qty: [Int32Array, Int32Array, Int32Array]
  /** Time of the last movement per location and item; 0 means no movement (and no balance row). */
  readonly #touched: [Float64Array, Float64Array, Float64Array]
  readonly #locationIds: [string, string, string]
  readonly #shelfMin: Int32Array
  readonly #shelfTarget: Int32Array
  readonly #reorderLevel: Int32Array
  readonly #orderLevel: Int32Array
  readonly #dailyUnits: Float64Array
  readonly #needsRefill = new Set<number>()
  readonly #needsOrder = new Set<number>()
  readonly #sampleItem: () => number
  readonly #receiptsPerDay: number
  /** Movements are produced in time order; this keeps their timestamps monotonic, too. */
  #clock = 0
  #deliveryNo = 0

  constructor(
    private readonly store: SeedStore,
    private readonly items: readonly SeedItem[],
    private readonly staff: StoreStaff,
    private readonly random: Random,
    private readonly timeline: Timeline,
    private readonly out: HistoryTables,
    traffic: number,
  ) {
    const n = items.length
    this.#qty = [new Int32Array(n), new Int32Array(n), new Int32Array(n)]
    this.#touched = [new Float64Array(n), new Float64Array(n), new Float64Array(n)]
    this.#locationIds = [store.locations.floor.id, store.locations.stockroom.id, store.locations.quarantine.id]
    this.#shelfMin = new Int32Array(n)
    this.#shelfTarget = new Int32Array(n)
    this.#reorderLevel = new Int32Array(n)
    this.#orderLevel = new Int32Array(n)
    this.#receiptsPerDay = RECEIPTS_PER_DAY * traffic
    // Each store's customers like slightly different things.
    const weights = Float64Array.from(items, (item) => item.popularity * (0.7 + random.next() * 0.6))
    this.#sampleItem = weightedSampler(weights, random)
    const total = weights.reduce((a, b) => a + b, 0)
    const unitsPerDay = this.#receiptsPerDay * UNITS_PER_RECEIPT
    this.#dailyUnits = weights.map((w) => (unitsPerDay * w) / total)
  }

  /** Shelf and reorder levels follow demand: ~2.5 days on the shelf, ~8 more in the back room. */
  planShelves(from: number, to: number) {
    for (let i = from; i < to; i++) {
      const d = this.#dailyUnits[i]!
      const caseSize = this.items[i]!.caseSize
      const target = Math.min(60, Math.max(3, Math.ceil(d * 2.5)))
      const min = Math.max(1, Math.floor(target * 0.35))
      this.#shelfTarget[i] = target
      this.#shelfMin[i] = min
      this.#reorderLevel[i] = min + Math.ceil(d * 4)
      this.#orderLevel[i] = target + Math.max(caseSize, Math.ceil(d * 8))
      this.out.storeItems.add(this.store.id, this.items[i]!.id, min, target)
    }
  }

  /** Stock found when the system went live: shelves mostly full, back room a few cases per item. */
  openingStock(from: number, to: number) {
    // Go-live: the stock found at the first midnight, before the first truck arrives.
    const at = this.timeline.startMs + HOUR
    for (let i = from; i < to; i++) {
      const target = this.#shelfTarget[i]!
      const floor = target - this.random.int(0, Math.floor((target - this.#shelfMin[i]!) / 2))
      const caseSize = this.items[i]!.caseSize
      // Slow movers live on the shelf only (the very slow always: in a 200,000-item catalog that is
      // most of it, which also keeps big seeds fast); the back room holds whole cases of the rest.
      const daily = this.#dailyUnits[i]!
      const slow = daily < 0.05 || (daily < 0.25 && this.random.chance(0.5))
      const backroomCases = Math.round(((this.#orderLevel[i]! - target) / caseSize) * (0.4 + 0.6 * this.random.next()))
      const stockroom = slow ? 0 : Math.max(1, backroomCases) * caseSize
      this.#opening(i, FLOOR, floor, at)
      this.#opening(i, STOCKROOM, stockroom, at)
      // A few damaged items already wait in quarantine for a decision.
      if (this.random.chance(0.004)) this.#opening(i, QUARANTINE, this.random.int(1, 3), at)
      this.#checkLevels(i)
    }
  }

  /** One calendar day, in time order: delivery, morning refill, the till, refills during the day. */
  simulateDay(day: number) {
    const dayStart = this.timeline.startMs + day * DAY
    const weekday = new Date(dayStart).getUTCDay()
    if (weekday === 0) return
    const offset = zoneOffsetMs(this.store.timezone, dayStart + 12 * HOUR)
    const local = (minutes: number) => dayStart + minutes * MINUTE - offset
    const opens = local(minutesOf(this.store.opensAt))
    const closes = local(minutesOf(this.store.closesAt))
    const now = this.timeline.nowMs
    if (DELIVERY_DAYS.has(weekday)) this.#receiveDeliveries(local(DELIVERY_START))
    const refills = [opens - 45 * MINUTE, local(13 * 60), local(17 * 60)]
    const customers = Math.round(this.#receiptsPerDay * DAY_FACTOR[weekday]! * (0.9 + this.random.next() * 0.2))
    const times = Array.from({ length: customers }, () => opens + this.random.next() * (closes - opens)).sort((a, b) => a - b)
    const date = iso(dayStart).slice(0, 10).replaceAll('-', '')
    let receiptNo = 0
    for (const at of times) {
      if (Math.max(at, this.#clock) > now) break
      while (refills.length > 0 && refills[0]! <= at) this.#refillShelves(refills.shift()!)
      receiptNo += 1
      const receiptId = `${this.store.code}-${date}-${pad(receiptNo, 4)}`
      if (this.random.chance(RETURN_RATE)) this.#customerReturn(receiptId, at)
      else this.#sale(receiptId, at)
    }
    for (const at of refills) this.#refillShelves(at)
  }

  /** Balance rows for every (location, item) that has movements: exactly their sum. */
  writeBalances(from: number, to: number) {
    for (const loc of [FLOOR, STOCKROOM, QUARANTINE] as const) {
      const touched = this.#touched[loc]
      for (let i = from; i < to; i++) {
        if (touched[i] === 0) continue
        this.out.balances.add(this.#locationIds[loc], this.items[i]!.id, this.store.id, this.#qty[loc][i]!, iso(touched[i]!))
      }
    }
  }

  #opening(i: number, loc: Loc, quantity: number, at: number) {
    if (quantity > 0) this.#move('opening', i, null, loc, 'opening', quantity, 'seed', 'opening', null, at)
  }

  /** Appends one movement and moves the in-memory balances with it. */
  #move(
    kind: MovementKind, i: number, from: Loc | null, to: Loc | null, counterparty: Counterparty | null,
    quantity: number, docType: string, docId: string, actor: string | null, at: number,
  ) {
    this.#clock = Math.max(this.#clock, Math.round(at))
    const when = this.#clock
    if (from !== null) {
      this.#qty[from][i]! -= quantity
      this.#touched[from][i] = when
    }
    if (to !== null) {
      this.#qty[to][i]! += quantity
      this.#touched[to][i] = when
    }
    this.out.movements.add(
      this.store.id, this.items[i]!.id, from === null ? null : this.#locationIds[from], to === null ? null : this.#locationIds[to],
      counterparty, quantity, kind, docType, docId, actor, iso(when),
    )
  }

  /** Notes whether the shelf needs a refill and whether the store needs to order. */
  #checkLevels(i: number) {
    const floor = this.#qty[FLOOR][i]!
    if (floor < this.#shelfMin[i]!) this.#needsRefill.add(i)
    if (floor + this.#qty[STOCKROOM][i]! < this.#reorderLevel[i]!) this.#needsOrder.add(i)
  }

  /**
   * What was ordered arrives: one closed delivery per supplier, in whole cases, now and then short.
   * A delivery that would not be complete by `now` has not happened yet; its orders stay open.
   */
  #receiveDeliveries(at: number) {
    let start = at
    for (const [supplier, lines] of this.#ordersBySupplier()) {
      start = Math.max(start, this.#clock)
      if (start + DELIVERY_WINDOW > this.timeline.nowMs) return
      for (const i of lines) this.#needsOrder.delete(i)
      this.#receiveDelivery(supplier, lines, start)
      start += DELIVERY_WINDOW + DELIVERY_GAP
    }
  }

  #ordersBySupplier() {
    const bySupplier = new Map<string, number[]>()
    for (const i of this.#needsOrder) {
      const supplier = this.items[i]!.supplier
      const lines = bySupplier.get(supplier)
      if (lines) lines.push(i)
      else bySupplier.set(supplier, [i])
    }
    return bySupplier
  }

  #receiveDelivery(supplier: string, lines: readonly number[], start: number) {
    const deliveryId = newId()
    const receiver = this.random.pick([...this.staff.stockroom, ...this.staff.leads])
    const step = Math.min(5_000, DELIVERY_WINDOW / (lines.length + 1))
    let time = start
    for (const i of lines) {
      const item = this.items[i]!
      const position = this.#qty[FLOOR][i]! + this.#qty[STOCKROOM][i]!
      const ordered = Math.ceil((this.#orderLevel[i]! - position) / item.caseSize) * item.caseSize
      if (ordered <= 0) continue
      // Suppliers short-ship now and then; the gap is the supplier's problem, not a correction.
      const short = ordered > 1 && this.random.chance(0.03) ? this.random.int(1, Math.min(item.caseSize, ordered - 1)) : 0
      const received = ordered - short
      this.out.deliveryLines.add(deliveryId, item.id, ordered, received, 0)
      if (short > 0) this.out.discrepancies.add(newId(), deliveryId, item.id, 'short', short)
      time += step
      this.#move('receipt', i, null, STOCKROOM, 'supplier', received, 'delivery', deliveryId, receiver, time)
      this.#checkLevels(i)
    }
    this.#deliveryNo += 1
    this.out.deliveries.add(
      deliveryId, this.store.id, supplier, `LS-${pad(this.#deliveryNo, 6)}`, 'closed', iso(start),
      this.random.pick(this.staff.managers), iso(start - 2 * DAY), receiver, iso(Math.max(time, this.#clock)),
    )
  }

  /**
   * The back room fills shelves that fell below their minimum, as far as the stockroom allows.
   * Picks happen in one short round; those that would fall after `now` are still to do.
   */
  #refillShelves(at: number) {
    const due = [...this.#needsRefill].filter((i) => this.#qty[FLOOR][i]! < this.#shelfMin[i]! && this.#qty[STOCKROOM][i]! > 0)
    const step = Math.min(2_000, REFILL_WINDOW / (due.length + 1))
    let time = Math.max(at, this.#clock)
    for (const i of due) {
      time += step
      if (time > this.timeline.nowMs) return
      const floor = this.#qty[FLOOR][i]!
      const wanted = this.#shelfTarget[i]! - floor
      const quantity = Math.min(wanted, this.#qty[STOCKROOM][i]!)
      const requestId = newId()
      const fromClerk = this.staff.clerks.length > 0 && this.random.chance(0.2)
      const picker = this.random.pick(this.staff.stockroom)
      this.out.replenishments.add(
        requestId, this.store.id, this.items[i]!.id, fromClerk ? wanted : null, fromClerk ? 'clerk' : 'rule', 'done',
        fromClerk ? this.random.pick(this.staff.clerks) : null, iso(time - this.random.int(5, 60) * MINUTE), quantity, picker, iso(time),
      )
      this.#move('replenish', i, STOCKROOM, FLOOR, null, quantity, 'replenishment', requestId, picker, time)
      if (this.#qty[FLOOR][i]! >= this.#shelfMin[i]!) this.#needsRefill.delete(i)
    }
    // Shelves already full again (returns) need nothing; empty back rooms wait for the next delivery.
    for (const i of this.#needsRefill) if (this.#qty[FLOOR][i]! >= this.#shelfMin[i]!) this.#needsRefill.delete(i)
  }

  /** One customer at the till: a basket of lines, each limited to what is on the shelf. */
  #sale(receiptId: string, at: number) {
    const basket = new Map<number, number>()
    const size = basketSize(this.random)
    for (let k = 0; k < size; k++) {
      const i = this.#sampleItem()
      basket.set(i, (basket.get(i) ?? 0) + lineQuantity(this.random))
    }
    const lines: Array<[string, number]> = []
    let value = 0
    for (const [i, wanted] of basket) {
      const quantity = Math.min(wanted, this.#qty[FLOOR][i]!)
      if (quantity <= 0) continue
      this.#move('sale', i, FLOOR, null, 'customer', quantity, 'pos', receiptId, null, at)
      this.#checkLevels(i)
      lines.push([this.items[i]!.sku, quantity])
      value += quantity * this.items[i]!.price
    }
    if (lines.length > 0) this.#posReceipt(receiptId, lines, value)
  }

  /** A customer brings something back; damaged returns go to quarantine for a decision. */
  #customerReturn(receiptId: string, at: number) {
    const i = this.#sampleItem()
    const damaged = this.random.chance(0.25)
    this.#move('return', i, null, damaged ? QUARANTINE : FLOOR, 'customer', 1, 'pos', receiptId, null, at)
    this.#posReceipt(receiptId, [[this.items[i]!.sku, -1]], -this.items[i]!.price)
  }

  /** The till's record of a receipt, as the POS intake stores it (returns count negative). */
  #posReceipt(receiptId: string, lines: Array<[string, number]>, value: number) {
    const body = JSON.stringify({ receiptId, lines })
    const response = JSON.stringify({ receiptId, lineCount: lines.length, salesValue: value })
    this.out.posReceipts.add(this.store.id, receiptId, sha256(body), POS_KEY, value, lines.length, response, iso(this.#clock))
  }
}

/** Lines per receipt: 1 plus a geometric tail, ~3.3 on average, at most 20. */
function basketSize(random: Random) {
  let size = 1
  while (size < 20 && random.next() < 0.7) size += 1
  return size
}

/** Units per line: mostly one, sometimes two or three, rarely a handful. */
function lineQuantity(random: Random) {
  const r = random.next()
  if (r < 0.78) return 1
  if (r < 0.93) return 2
  if (r < 0.98) return 3
  return random.int(4, 6)
}
