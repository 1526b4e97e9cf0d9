import { sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { TIERS, type Tier } from '../../../db/schema/index'
import { higherTier } from '../corrections/rules'
import type { Period } from '../reports/period'
import { sodViolations, type SodCheck } from './sod'

export type EvidenceRow = {
  correctionId: string
  storeId: string
  storeCode: string
  reason: string
  source: string
  value: number
  tierValue: number
  /** The tier stored when the correction was entered. */
  tier: Tier
  /**
   * The tier that applied when it was released: the higher of the stored tier and the one the confirm verb
   * recorded in its audit event (same-day corrections of the same items by the same person are valued
   * together, so a later sibling can lift an earlier correction's tier). The segregation check uses this one.
   */
  decidedTier: Tier
  enteredBy: string
  enteredByEmployeeNo: string
  enteredByName: string
  enteredAt: string
  enteredRoles: string[]
  countedBy: string | null
  decidedBy: string
  decidedByEmployeeNo: string
  decidedByName: string
  decidedAt: string
  /** The role the confirm verb recorded; `decidedRoles` is what role_assignments say was held. */
  decidedRole: string | null
  decidedRoles: string[]
  auditSeq: number | null
  lineCount: number
  movementCount: number
  violations: SodCheck[]
}

type Raw = Omit<EvidenceRow, 'enteredRoles' | 'decidedRoles' | 'violations' | 'value' | 'tierValue' | 'decidedTier' | 'auditSeq' | 'lineCount' | 'movementCount'> & {
  recordedTier: string | null
  value: number
  tierValue: number
  enteredRoles: string | null
  decidedRoles: string | null
  auditSeq: number | null
  auditActor: string | null
  lineCount: number
  movementCount: number
  confirmerCounted: number
  confirmerAdministered: number
  confirmerDisabledAt: string | null
}

/** Roles a user held for the correction's store at an instant, from the grant/revoke history. */
const rolesAt = (user: string, at: string) => sql.raw(`(SELECT group_concat(role, '|') FROM (SELECT DISTINCT ra.role FROM role_assignments ra
  WHERE ra.user_id = ${user} AND ra.granted_at <= ${at} AND (ra.revoked_at IS NULL OR ra.revoked_at > ${at})
    AND (ra.store_id = c.store_id OR ra.region_id = s.region_id OR (ra.store_id IS NULL AND ra.region_id IS NULL))
  ORDER BY ra.role))`)

/** Credential events an administrator writes about a user (the audit trail keeps every one, the users row the last). */
const CREDENTIAL_EVENTS = sql.raw(`('user.created', 'user.pin_reset', 'user.password_reset')`)
/** The holder replacing their own secrets: whoever set the earlier ones no longer knows them. */
const OWN_CREDENTIAL_EVENTS = sql.raw(`('user.password_changed', 'user.pin_changed')`)
const WINDOW_START = sql.raw(`strftime('%Y-%m-%dT%H:%M:%fZ', c.decided_at, '-90 days')`)

/**
 * Whether the enterer administered the confirmer's account, as of the decision: created it (users.created_by
 * or a user.created event), granted a releasing role for the store they held then, or set their password/PIN
 * in the 90 days before (users.credentials_set_* or a user.created / user.pin_reset / user.password_reset event)
 * that the confirmer had not since replaced with their own (user.password_changed / user.pin_changed).
 */
const ADMINISTERED = sql`(du.created_by = c.entered_by
  OR (du.credentials_set_by = c.entered_by AND du.credentials_set_at <= c.decided_at AND du.credentials_set_at > ${WINDOW_START})
  OR EXISTS (SELECT 1 FROM audit_events ua WHERE ua.entity_type = 'user' AND ua.entity_id = c.decided_by AND +ua.actor_user_id = c.entered_by
    AND (ua.action = 'user.created' OR (ua.action IN ${CREDENTIAL_EVENTS} AND ua.at <= c.decided_at AND ua.at > ${WINDOW_START}
      AND NOT EXISTS (SELECT 1 FROM audit_events oc WHERE oc.entity_type = 'user' AND oc.entity_id = c.decided_by
        AND oc.action IN ${OWN_CREDENTIAL_EVENTS} AND +oc.actor_user_id = c.decided_by AND oc.seq > ua.seq AND oc.at <= c.decided_at))))
  OR EXISTS (SELECT 1 FROM role_assignments ra WHERE ra.user_id = c.decided_by AND ra.granted_by = c.entered_by
    AND ra.role IN ('lead', 'store_manager', 'regional_manager') AND ra.granted_at <= c.decided_at
    AND (ra.revoked_at IS NULL OR ra.revoked_at > c.decided_at)
    AND (ra.store_id = c.store_id OR ra.region_id = s.region_id OR (ra.store_id IS NULL AND ra.region_id IS NULL))))`

export const EVIDENCE_PAGE = 1000

/**
 * Every correction confirmed in the period in the stores — store by store (in the order given), oldest
 * decision first — one page at a time, each row with the facts the segregation-of-duties checks need.
 * Paging within one store follows the (store_id, status, decided_at) index, so no page sorts the
 * period. Between pages it yields to the event loop, so a year of a region does not freeze the server.
 */
export async function* evidenceRows(db: Db, storeIds: string[], period: Period): AsyncGenerator<EvidenceRow[]> {
  for (const storeId of storeIds) {
    let after: [string, string] | null = null
    for (;;) {
      const rows: Raw[] = await db.all<Raw>(sql`
        SELECT c.id AS correctionId, c.store_id AS storeId, s.code AS storeCode, c.reason_code AS reason, c.source, c.value,
          c.tier_value AS tierValue, c.tier, c.entered_by AS enteredBy, eu.employee_no AS enteredByEmployeeNo, eu.name AS enteredByName,
          c.entered_at AS enteredAt, ${rolesAt('c.entered_by', 'c.entered_at')} AS enteredRoles, c.counted_by AS countedBy,
          c.decided_by AS decidedBy, du.employee_no AS decidedByEmployeeNo, du.name AS decidedByName, c.decided_at AS decidedAt,
          c.decided_role AS decidedRole, ${rolesAt('c.decided_by', 'c.decided_at')} AS decidedRoles,
          du.disabled_at AS confirmerDisabledAt,
          a.seq AS auditSeq, a.actor_user_id AS auditActor, json_extract(a.after, '$.effectiveTier') AS recordedTier,
          (SELECT COUNT(*) FROM correction_lines cl WHERE cl.correction_id = c.id) AS lineCount,
          -- correction_line_id is set on correction movements only (CHECK movements_correction_ck), and
          -- unique: one point look-up per line. (An IN-list here made SQLite scan the whole index after
          -- ANALYZE, which sees the non-correction movements' NULLs as one huge key.)
          (SELECT COUNT(*) FROM correction_lines cl WHERE cl.correction_id = c.id
            AND EXISTS (SELECT 1 FROM movements m WHERE m.correction_line_id = cl.id)) AS movementCount,
          -- "+" keeps SQLite on the count's own entries (count_id) rather than all of the person's.
          (EXISTS (SELECT 1 FROM correction_counters cc WHERE cc.correction_id = c.id AND cc.user_id = c.decided_by)
            OR (c.count_id IS NOT NULL AND EXISTS (SELECT 1 FROM count_entries ce WHERE ce.count_id = c.count_id AND +ce.user_id = c.decided_by))
            OR (c.transfer_id IS NOT NULL AND EXISTS (SELECT 1 FROM audit_events ts WHERE ts.entity_type = 'transfer'
              AND ts.entity_id = c.transfer_id AND ts.action = 'transfer.scanned' AND +ts.actor_user_id = c.decided_by))) AS confirmerCounted,
          ${ADMINISTERED} AS confirmerAdministered
        FROM corrections c
          JOIN stores s ON s.id = c.store_id
          JOIN users eu ON eu.id = c.entered_by
          LEFT JOIN users du ON du.id = c.decided_by
          LEFT JOIN audit_events a ON a.seq = (SELECT MIN(seq) FROM audit_events ae
            WHERE ae.entity_type = 'correction' AND ae.entity_id = c.id AND ae.action = 'correction.confirmed')
        WHERE c.store_id = ${storeId} AND c.status = 'confirmed'
          AND c.decided_at >= ${period.fromTs} AND c.decided_at < ${period.toTs}
          ${after ? sql`AND (c.decided_at, c.id) > (${after[0]}, ${after[1]})` : sql``}
        ORDER BY c.decided_at, c.id
        LIMIT ${EVIDENCE_PAGE}`)
      if (rows.length > 0) yield rows.map(toRow)
      await new Promise((resolve) => setImmediate(resolve))
      if (rows.length < EVIDENCE_PAGE) break
      const last = rows[rows.length - 1]!
      after = [last.decidedAt, last.correctionId]
    }
  }
}

const roles = (list: string | null) => (list ? list.split('|') : [])

const isTier = (t: string | null): t is Tier => (TIERS as readonly (string | null)[]).includes(t)

function toRow(r: Raw): EvidenceRow {
  const decidedRoles = roles(r.decidedRoles)
  const decidedTier = isTier(r.recordedTier) ? higherTier(r.tier, r.recordedTier) : r.tier
  const facts = {
    lineCount: Number(r.lineCount),
    movementCount: Number(r.movementCount),
    auditSeq: r.auditSeq === null ? null : Number(r.auditSeq),
  }
  const violations = sodViolations({
    enteredBy: r.enteredBy,
    decidedBy: r.decidedBy,
    countedBy: r.countedBy,
    tier: decidedTier,
    decidedRoles,
    confirmerCounted: Boolean(Number(r.confirmerCounted)),
    confirmerAdministered: Boolean(Number(r.confirmerAdministered)),
    confirmerDisabledAt: r.confirmerDisabledAt,
    decidedAt: r.decidedAt,
    auditActor: r.auditActor,
    ...facts,
  })
  return {
    correctionId: r.correctionId,
    storeId: r.storeId,
    storeCode: r.storeCode,
    reason: r.reason,
    source: r.source,
    value: Number(r.value),
    tierValue: Number(r.tierValue),
    tier: r.tier,
    decidedTier,
    enteredBy: r.enteredBy,
    enteredByEmployeeNo: r.enteredByEmployeeNo,
    enteredByName: r.enteredByName,
    enteredAt: r.enteredAt,
    enteredRoles: roles(r.enteredRoles),
    countedBy: r.countedBy,
    decidedBy: r.decidedBy,
    decidedByEmployeeNo: r.decidedByEmployeeNo ?? '',
    decidedByName: r.decidedByName ?? '',
    decidedAt: r.decidedAt,
    decidedRole: r.decidedRole,
    decidedRoles,
    ...facts,
    violations,
  }
}
