import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/ui/button'
import { Spinner } from '../../../components/ui/spinner'
import { useFormat } from '../../../i18n/format'
import { useCancelRequest } from '../api/cancel-request'
import { useMyRequests } from '../api/get-requests'
import type { RefillRequest } from '../api/types'
import { RequestStatusBadge, useReasonLabel } from './request-status'

const ACTIVE = new Set(['open', 'picking'])
const RECENT_MS = 8 * 3_600_000
const FINISHED_SHOWN = 3

/** "My open requests": what I asked the back room for today and where each one is, live. */
export function MyRequests({ storeId, onOpenItem }: { storeId: string; onOpenItem?: (itemId: string) => void }) {
  const { t } = useTranslation()
  const f = useFormat()
  const requests = useMyRequests(storeId)
  const cancel = useCancelRequest(storeId)
  const reasonLabel = useReasonLabel()
  const now = Date.now()
  // Active ones, and the last few finished in the last hours (so the clerk sees "done" or why not).
  const all = requests.data ?? []
  const finished = all.filter((r: RefillRequest) => !ACTIVE.has(r.status) && now - Date.parse(r.pickedAt ?? r.requestedAt) < RECENT_MS)
  const shown = [...all.filter((r) => ACTIVE.has(r.status)), ...finished.slice(0, FINISHED_SHOWN)]
  const openCount = shown.filter((r) => ACTIVE.has(r.status)).length

  return (
    <section className="my-requests" aria-labelledby="my-requests-title">
      <div className="section-head">
        <h2 id="my-requests-title" className="card-title">
          {t('replenishment.mine')}
        </h2>
        {openCount > 0 && <span className="count-pill">{f.number(openCount)}</span>}
        {requests.isFetching && <Spinner size="sm" />}
      </div>
      {requests.isPending ? (
        <Spinner label={t('common.loading')} />
      ) : requests.isError && !requests.data ? (
        <p className="muted">{t('errors.network')}</p>
      ) : shown.length === 0 ? (
        <p className="muted">{t('replenishment.mineEmpty')}</p>
      ) : (
        <ul className="request-list" aria-live="polite">
          {shown.map((r) => (
            <li key={r.id} className="request-row" data-status={r.status}>
              <button type="button" className="request-main" onClick={() => onOpenItem?.(r.item.id)}>
                <span className="request-name">{r.item.name}</span>
                <span className="request-sub">
                  {r.requestedQty ? t('replenishment.asked', { qty: f.number(r.requestedQty) }) : t('replenishment.askedFill')}
                  {' · '}
                  <time dateTime={r.requestedAt}>{f.relative(r.requestedAt)}</time>
                </span>
                {r.status === 'done' && r.pickedQty !== null && (
                  <span className="request-sub">{t('replenishment.brought', { qty: f.number(r.pickedQty), name: r.pickedBy?.name ?? '' })}</span>
                )}
                {r.status === 'cannot_fill' && <span className="request-sub request-reason">{reasonLabel(r.cannotFillReason)}</span>}
              </button>
              <span className="request-side">
                <RequestStatusBadge status={r.status} />
                {r.status === 'open' && (
                  <Button
                    variant="ghost"
                    onClick={() => cancel.mutate({ id: r.id, version: r.version })}
                    disabled={cancel.isPending}
                    aria-label={t('replenishment.cancelFor', { name: r.item.name })}
                  >
                    {t('replenishment.cancel')}
                  </Button>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
