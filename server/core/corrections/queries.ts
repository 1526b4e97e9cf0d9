import { eq, inArray, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import type { Tier } from '../../../db/schema/index'
import { sessions, users } from '../../../db/schema/index'
import type { Ctx } from '../context'
import { notFound } from '../errors'
import { authorizeStore, requireUser } from './access'
import { loadConfirmActor } from './confirm-actor'
import { stepUpFresh } from './decision'
import { canConfirm, requiredTier, TIER_COVERAGE, type ConfirmActor, type ConfirmVerdict } from './rules'
import type { CORRECTION_LIST_STATUSES } from './schemas'
import { loadSeries, type Series } from './series'
import { loadTierPolicy } from './tier-policy'
import { CORRECTION_COLUMNS, normalizeRecord, type CorrectionRecord } from './views'

type ListRow = CorrectionRecord & {
  storeCode: string
  storeName: string
  reasonLabelEn: string
  reasonLabelDe: string
  enteredByName: string
  decidedByName: string | null
  lineCount: number
  itemNames: string | null
}

export type CorrectionListItem = Omit<CorrectionRecord, 'regionId'> & {
  storeCode: string
  storeName: string
  reasonLabel: { en: string; de: string }
  enteredByName: string
  decidedByName: string | null
  lineCount: number
  /** Item names of the first lines, for a one-line summary in lists. */
  itemNames: string[]
  ageMinutes: number
  /**
   * The tier a decision needs now: the higher of `tier` (stored at entry) and the tier of the series this
   * pending correction is valued together with (F16: same enterer, store and items, ±24 h).
   */
  effectiveTier: Tier
  /** The series, when other corrections are valued together with this pending one (else null). */
  series: { others: number; value: number; ids: string[] } | null
  /** The caller's verdict (the UI shows or hides the confirm button from it; the server checks again). */
  canConfirm: Verdict
}

/** `canConfirm` without the internal role detail. */
export type Verdict = { ok: true } | { ok: false; code: string; message: string }
const publicVerdict = (v: ConfirmVerdict): Verdict => (v.ok ? { ok: true } : { ok: false, code: v.code, message: v.message })

/** The names of a correction's first three items (by line), as a JSON array text: a list's one-line summary. */
export const ITEM_NAMES_JSON = sql`(SELECT json_group_array(name) FROM (SELECT i.name AS name FROM correction_lines cl
  JOIN items i ON i.id = cl.item_id WHERE cl.correction_id = c.id ORDER BY cl.line_no LIMIT 3)) AS itemNames`

/** The itemNames column as read → names. */
export const parseItemNames = (value: string | null): string[] => (value ? (JSON.parse(value) as string[]) : [])

const LIST_QUERY = (where: SQL, limit: number) => sql`SELECT ${CORRECTION_COLUMNS}, s.code AS storeCode, s.name AS storeName,
    rc.label_en AS reasonLabelEn, rc.label_de AS reasonLabelDe, ue.name AS enteredByName, ud.name AS decidedByName,
    (SELECT COUNT(*) FROM correction_lines cl WHERE cl.correction_id = c.id) AS lineCount, ${ITEM_NAMES_JSON}
  FROM corrections c
  JOIN stores s ON s.id = c.store_id
  JOIN reason_codes rc ON rc.code = c.reason_code
  JOIN users ue ON ue.id = c.entered_by
  LEFT JOIN users ud ON ud.id = c.decided_by
  WHERE ${where}
  ORDER BY c.entered_at DESC, c.id DESC
  LIMIT ${limit}`

/** The F16 series of the pending rows (decided ones need none): the same read the deciding transaction makes. */
async function seriesOfRows(db: Db, rows: ListRow[]) {
  return loadSeries(db, rows.filter((r) => r.status === 'pending').map((r) => ({ ...r, value: Number(r.value) })))
}

function toListItem(row: ListRow, actor: ConfirmActor, now: Date, series: Series | undefined): CorrectionListItem {
  const record = { ...normalizeRecord(row), series: series ?? null }
  const { regionId: _r, reasonLabelEn, reasonLabelDe, series: _s, ...rest } = record
  return {
    ...rest,
    effectiveTier: requiredTier(record),
    series: series && series.others > 0 ? { others: series.others, value: series.value, ids: series.ids } : null,
    reasonLabel: { en: reasonLabelEn, de: reasonLabelDe },
    lineCount: Number(row.lineCount),
    itemNames: parseItemNames(row.itemNames),
    ageMinutes: Math.max(0, Math.floor((now.getTime() - Date.parse(row.enteredAt)) / 60_000)),
    canConfirm: publicVerdict(canConfirm(actor, record)),
  }
}

/** A store's corrections, newest first: optionally by status, or only the ones I entered. */
export async function listCorrections({
  ctx,
  input,
}: {
  ctx: Ctx
  input: { storeId: string; status?: (typeof CORRECTION_LIST_STATUSES)[number]; mine?: boolean; limit?: number }
}) {
  const userId = requireUser(ctx.actor)
  const { store } = await authorizeStore(ctx.db, userId, 'correction.read', input.storeId)
  const where = sql.join(
    [
      sql`c.store_id = ${store.id}`,
      input.status ? sql`c.status = ${input.status}` : undefined,
      input.mine ? sql`c.entered_by = ${userId}` : undefined,
    ].filter((part): part is SQL => part !== undefined),
    sql` AND `,
  )
  const rows = await ctx.db.all<ListRow>(LIST_QUERY(where, input.limit ?? 200))
  const series = await seriesOfRows(ctx.db, rows)
  const policy = await loadTierPolicy(ctx.db, store.id)
  const now = ctx.clock.now()
  const actor = await loadConfirmActor(ctx.db, userId, now)
  return {
    corrections: rows.map((row) => {
      const item = toListItem(row, actor, now, series.get(row.id))
      return { ...item, overdue: item.status === 'pending' && item.ageMinutes > policy.escalateAfterHours * 60 }
    }),
  }
}

/**
 * Pending corrections in every store I may release, oldest first — the regional manager's queue.
 * Only the ones `canConfirm` allows me (not my own, not above my tier — the series' tier included).
 */
export async function listDecidable({ ctx }: { ctx: Ctx }) {
  const userId = requireUser(ctx.actor)
  const now = ctx.clock.now()
  const actor = await loadConfirmActor(ctx.db, userId, now)
  const grants = actor.grants
  const deciding = grants.filter((g) => TIER_COVERAGE[g.role].length > 0)
  if (deciding.length === 0) return { corrections: [] }
  const chainWide = deciding.some((g) => g.storeId === null && g.regionId === null)
  const storeIds = deciding.flatMap((g) => (g.storeId ? [g.storeId] : []))
  const regionIds = deciding.flatMap((g) => (g.regionId ? [g.regionId] : []))
  const scope = chainWide
    ? sql`1 = 1`
    : sql`(${storeIds.length ? sql`c.store_id IN (${sql.join(storeIds.map((id) => sql`${id}`), sql`, `)})` : sql`0`}
        OR ${regionIds.length ? sql`s.region_id IN (${sql.join(regionIds.map((id) => sql`${id}`), sql`, `)})` : sql`0`})`
  const rows = await ctx.db.all<ListRow>(LIST_QUERY(sql`c.status = 'pending' AND c.entered_by <> ${userId} AND ${scope}`, 500))
  const series = await seriesOfRows(ctx.db, rows)
  const items = rows.map((row) => toListItem(row, actor, now, series.get(row.id))).filter((item) => item.canConfirm.ok)
  const escalateHours = new Map<string, number>()
  for (const storeId of new Set(items.map((i) => i.storeId))) escalateHours.set(storeId, (await loadTierPolicy(ctx.db, storeId)).escalateAfterHours)
  return {
    corrections: items
      .map((item) => ({ ...item, overdue: item.ageMinutes > escalateHours.get(item.storeId)! * 60 }))
      .sort((a, b) => a.enteredAt.localeCompare(b.enteredAt)),
  }
}

type LineView = {
  lineNo: number
  locationId: string
  locationKind: string
  locationName: string
  itemId: string
  sku: string
  itemName: string
  quantityDelta: number
  unitCost: number
}

type EventRow = {
  seq: number
  at: string
  action: string
  actorUserId: string | null
  deviceId: string | null
  requestId: string | null
  before: string | null
  after: string | null
}

/**
 * One correction with everything a reviewer or auditor asks: lines with items and values, who
 * entered and who decided (and on whose session), its movements, its audit events, and whether the
 * caller may release it.
 */
export async function getCorrection({ ctx, input }: { ctx: Ctx; input: { storeId: string; id: string } }) {
  const userId = requireUser(ctx.actor)
  const { store } = await authorizeStore(ctx.db, userId, 'correction.read', input.storeId)
  const [row] = await ctx.db.all<ListRow>(LIST_QUERY(sql`c.store_id = ${store.id} AND c.id = ${input.id}`, 1))
  if (!row) throw notFound('Correction', { id: input.id })
  const now = ctx.clock.now()
  const series = await seriesOfRows(ctx.db, [row])
  const item = toListItem(row, await loadConfirmActor(ctx.db, userId, now), now, series.get(row.id))

  const lines = await ctx.db.all<LineView>(sql`SELECT cl.line_no AS lineNo, cl.location_id AS locationId, l.kind AS locationKind,
      l.name AS locationName, cl.item_id AS itemId, i.sku AS sku, i.name AS itemName, cl.quantity_delta AS quantityDelta,
      cl.unit_cost AS unitCost
    FROM correction_lines cl JOIN locations l ON l.id = cl.location_id JOIN items i ON i.id = cl.item_id
    WHERE cl.correction_id = ${input.id} ORDER BY cl.line_no`)
  const movements = await ctx.db.all<{ id: number; itemId: string; quantity: number; fromLocationId: string | null; toLocationId: string | null; counterparty: string | null; at: string; lineNo: number }>(sql`
    SELECT m.id AS id, m.item_id AS itemId, m.quantity AS quantity, m.from_location_id AS fromLocationId,
      m.to_location_id AS toLocationId, m.counterparty AS counterparty, m.created_at AS at, cl.line_no AS lineNo
    FROM movements m JOIN correction_lines cl ON cl.id = m.correction_line_id
    WHERE cl.correction_id = ${input.id} ORDER BY m.id`)
  const events = await ctx.db.all<EventRow>(sql`SELECT seq, at, action, actor_user_id AS actorUserId, device_id AS deviceId,
      request_id AS requestId, before, after
    FROM audit_events WHERE entity_type = 'correction' AND entity_id = ${input.id} ORDER BY seq`)

  const parsed = events.map((e) => ({ ...e, seq: Number(e.seq), before: parseJson(e.before), after: parseJson(e.after) }))
  const sessionUsers = parsed.map((e) => (e.after as { sessionUserId?: unknown } | null)?.sessionUserId).filter((v): v is string => typeof v === 'string')
  const ids = [...new Set([...parsed.map((e) => e.actorUserId).filter((v): v is string => v !== null), ...sessionUsers])]
  const names = new Map(
    ids.length ? (await ctx.db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids))).map((u) => [u.id, u.name]) : [],
  )

  return {
    ...item,
    stepUp: await stepUpState(ctx),
    lines: lines.map((l) => {
      const quantityDelta = Number(l.quantityDelta)
      const unitCost = Number(l.unitCost)
      return { ...l, lineNo: Number(l.lineNo), quantityDelta, unitCost, value: Math.abs(quantityDelta) * unitCost }
    }),
    movements: movements.map((m) => ({ ...m, id: Number(m.id), quantity: Number(m.quantity), lineNo: Number(m.lineNo) })),
    history: parsed.map((e) => {
      const sessionUserId = (e.after as { sessionUserId?: unknown } | null)?.sessionUserId
      return {
        seq: e.seq,
        at: e.at,
        action: e.action,
        actorUserId: e.actorUserId,
        actorName: e.actorUserId ? (names.get(e.actorUserId) ?? null) : null,
        /** Whose session carried the request (differs from the actor when a PIN was typed on someone else's tablet). */
        sessionUserName: typeof sessionUserId === 'string' ? (names.get(sessionUserId) ?? null) : null,
        deviceId: e.deviceId ? e.deviceId.slice(0, 12) : null,
        requestId: e.requestId,
        before: e.before,
        after: e.after,
      }
    }),
  }
}

/**
 * Whether the caller's own session may decide without typing a PIN right now, so the UI can ask for
 * the PIN before the attempt (the server checks again inside the deciding transaction).
 */
async function stepUpState(ctx: Ctx) {
  const sessionId = ctx.actor.sessionId
  if (!sessionId) return { fresh: false, validUntil: null }
  const [row] = await ctx.db.select({ stepUpAt: sessions.stepUpAt }).from(sessions).where(eq(sessions.idHash, sessionId))
  if (!row?.stepUpAt) return { fresh: false, validUntil: null }
  const validUntil = new Date(Date.parse(row.stepUpAt) + ctx.config.stepUpSeconds * 1000).toISOString()
  return { fresh: stepUpFresh(row.stepUpAt, ctx.clock.now(), ctx.config.stepUpSeconds), validUntil }
}

function parseJson(text: string | null): unknown {
  if (text === null) return null
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

/** Active reason codes in display order (the list a tablet offers). */
export async function listReasonCodes(db: Db) {
  const rows = await db.query.reasonCodes.findMany({ where: (t, { eq }) => eq(t.active, true), orderBy: (t, { asc }) => [asc(t.sortOrder), asc(t.code)] })
  return { reasonCodes: rows.map((r) => ({ code: r.code, label: { en: r.labelEn, de: r.labelDe }, requiresNote: r.requiresNote })) }
}
