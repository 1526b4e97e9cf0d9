import { useTranslation } from 'react-i18next'
import { Badge } from '../../../components/ui/badge'
import { Card } from '../../../components/ui/card'
import { useFormat } from '../../../i18n/format'
import type { CorrectionDetail, CorrectionEvent } from '../api/get-correction'
import { reasonLabel, STATUS_TONE, TIER_TONE } from '../lib/labels'

/** The head of a correction: value, tier, status, reason, who entered it and when. */
export function CorrectionHeader({ correction: c }: { correction: CorrectionDetail }) {
  const { t, i18n } = useTranslation()
  const f = useFormat()
  return (
    <section className="corr-head" aria-labelledby="corr-title">
      <div className="corr-head-main">
        <p className="corr-kicker">
          {c.storeCode} · {c.storeName}
        </p>
        <h1 id="corr-title" className="screen-title">
          {t('office.detail.title', { reason: reasonLabel(c.reasonLabel, c.reasonCode, i18n.language) })}
        </h1>
        <div className="corr-badges">
          <Badge tone={STATUS_TONE[c.status] ?? 'neutral'}>{t(`office.status.${c.status}`)}</Badge>
          <Badge tone={TIER_TONE[c.effectiveTier] ?? 'neutral'}>{t(`office.tier.${c.effectiveTier}`)}</Badge>
          {c.source === 'floor_report' && <Badge tone="info">{t('office.detail.floorReport')}</Badge>}
          {c.source === 'count' && <Badge tone="info">{t('office.detail.fromCount')}</Badge>}
          {c.source === 'transfer' && <Badge tone="info">{t('office.detail.fromTransfer')}</Badge>}
        </div>
      </div>
      <div className="corr-head-value">
        <span className="stat-label">{t('office.detail.value')}</span>
        <span className="corr-head-money" data-testid="correction-value">
          {f.money(c.value)}
        </span>
        {c.series ? (
          <span className="cell-sub">{t('office.detail.seriesValue', { count: c.series.others, value: f.money(c.series.value) })}</span>
        ) : (
          c.tierValue !== c.value && <span className="cell-sub">{t('office.detail.tierValue', { value: f.money(c.tierValue) })}</span>
        )}
      </div>
      <dl className="facts corr-facts">
        <dt>{t('office.detail.enteredBy')}</dt>
        <dd>
          {c.enteredByName} · <time dateTime={c.enteredAt}>{f.dateTime(c.enteredAt)}</time>
        </dd>
        {c.decidedAt && (
          <>
            <dt>{t(`office.detail.decidedBy.${c.status === 'cancelled' ? 'cancelled' : c.status === 'rejected' ? 'rejected' : 'confirmed'}`)}</dt>
            <dd>
              {c.decidedByName ?? '—'}
              {c.decidedRole && ` (${t(`role.${c.decidedRole}` as 'role.clerk', { defaultValue: c.decidedRole })})`} ·{' '}
              <time dateTime={c.decidedAt}>{f.dateTime(c.decidedAt)}</time>
            </dd>
          </>
        )}
        {c.note && (
          <>
            <dt>{t('office.detail.note')}</dt>
            <dd className="corr-note">{c.note}</dd>
          </>
        )}
        {c.decisionNote && (
          <>
            <dt>{t('office.detail.decisionNote')}</dt>
            <dd className="corr-note">{c.decisionNote}</dd>
          </>
        )}
      </dl>
    </section>
  )
}

/** The lines: where, which item, by how much, at what unit cost and value. */
export function CorrectionLines({ correction: c }: { correction: CorrectionDetail }) {
  const { t } = useTranslation()
  const f = useFormat()
  return (
    <Card title={t('office.detail.lines', { count: c.lines.length })}>
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('office.detail.item')}</th>
              <th scope="col">{t('office.detail.location')}</th>
              <th scope="col" className="num">
                {t('office.detail.delta')}
              </th>
              <th scope="col" className="num">
                {t('office.detail.unitCost')}
              </th>
              <th scope="col" className="num">
                {t('office.detail.lineValue')}
              </th>
            </tr>
          </thead>
          <tbody>
            {c.lines.map((l) => (
              <tr key={l.lineNo}>
                <td>
                  <span className="cell-title">{l.itemName}</span>
                  <span className="cell-sub">{l.sku}</span>
                </td>
                <td>{t(`place.${l.locationKind}` as 'place.floor', { defaultValue: l.locationName })}</td>
                <td className={l.quantityDelta < 0 ? 'num movement-out' : 'num movement-in'}>{f.signedNumber(l.quantityDelta)}</td>
                <td className="num">{f.money(l.unitCost)}</td>
                <td className="num">{f.money(l.value)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={4}>
                {t('office.detail.total')}
              </th>
              <td className="num">{f.money(c.value)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      {c.status === 'confirmed' && (
        <p className="muted corr-posted">{t('office.detail.posted', { count: c.movements.length })}</p>
      )}
    </Card>
  )
}

type EventAfter = {
  value?: number
  tier?: string
  reason?: string | null
  note?: string | null
  decidedRole?: string
  proof?: string
  ageHours?: number
}

const ACTIONS = ['entered', 'confirmed', 'rejected', 'cancelled', 'escalated'] as const
type HistoryAction = (typeof ACTIONS)[number]
const actionOf = (action: string): HistoryAction | null => {
  const a = action.replace(/^correction\./, '')
  return (ACTIONS as readonly string[]).includes(a) ? (a as HistoryAction) : null
}

/** The audit trail of one correction: who did what, when, why and at what value. */
export function CorrectionHistory({ correction: c }: { correction: CorrectionDetail }) {
  const { t } = useTranslation()
  const f = useFormat()
  return (
    <Card title={t('office.detail.history')}>
      <ol className="timeline" data-testid="correction-history">
        {c.history.map((e: CorrectionEvent) => {
          const action = actionOf(e.action)
          const after = (e.after ?? {}) as EventAfter
          const who = e.actorName ?? t('office.detail.someone')
          const viaOther = e.sessionUserName && e.sessionUserName !== e.actorName
          return (
            <li key={e.seq} className={`timeline-item timeline-${action ?? 'other'}`}>
              <span className="timeline-dot" aria-hidden="true" />
              <div className="timeline-body">
                <p className="timeline-title">
                  {action ? t(`office.history.${action}`, { name: who }) : `${e.action} · ${who}`}
                </p>
                <p className="timeline-meta">
                  <time dateTime={e.at}>{f.dateTime(e.at)}</time>
                  {after.decidedRole && ` · ${t(`role.${after.decidedRole}` as 'role.clerk', { defaultValue: after.decidedRole })}`}
                  {typeof after.value === 'number' && ` · ${t('office.history.atValue', { value: f.money(after.value) })}`}
                  {` · ${t('office.history.auditSeq', { seq: e.seq })}`}
                </p>
                {viaOther && <p className="timeline-note">{t('office.history.onSessionOf', { name: e.sessionUserName })}</p>}
                {after.proof === 'credentials_in_request' && !viaOther && <p className="timeline-note">{t('office.history.withPin')}</p>}
                {(after.reason || (action === 'escalated' && after.note)) && (
                  <p className="timeline-note">“{after.reason ?? after.note}”</p>
                )}
              </div>
            </li>
          )
        })}
      </ol>
    </Card>
  )
}
