import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Alert } from '../../../components/ui/alert'
import { Badge } from '../../../components/ui/badge'
import { Button } from '../../../components/ui/button'
import { Dialog } from '../../../components/ui/dialog'
import { EmptyState } from '../../../components/ui/empty-state'
import { CheckIcon } from '../../../components/ui/icons'
import { Input } from '../../../components/ui/input'
import { QuantityInput } from '../../../components/ui/quantity-input'
import { Segmented } from '../../../components/ui/segmented'
import { Spinner } from '../../../components/ui/spinner'
import { categoryLabel } from '../../../i18n/categories'
import { useFormat } from '../../../i18n/format'
import { useErrorText } from '../../../lib/error-text'
import { signal } from '../../../lib/feedback'
import { useOnline } from '../../../lib/online'
import { usePendingItems } from '../../../lib/outbox-react'
import { usePickList, usePick, useStartPicking } from '../api/pick-list'
import { CANNOT_FILL_REASONS, type PickLine } from '../api/types'
import { RequestStatusBadge } from './request-status'

type Filter = 'all' | 'open' | 'picking'

/** The back room's pick list: refills by state, "on it", then picked (all / part) or cannot fill. */
export function PickList({
  storeId,
  focus,
  unknownCode,
}: {
  storeId: string
  /** An item scanned on the page: open its request. */
  focus?: { itemId: string; at: number } | null
  unknownCode?: string | null
}) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const f = useFormat()
  const online = useOnline()
  const list = usePickList(storeId)
  const start = useStartPicking(storeId)
  const pending = usePendingItems('replenishment.pick', (i) => i.storeId === storeId)
  const [filter, setFilter] = useState<Filter>('all')
  const [active, setActive] = useState<PickLine | null>(null)
  const waiting = new Set(pending.map((p) => String(p.meta.requestId)))
  const [notListed, setNotListed] = useState(false)

  useEffect(() => {
    if (!focus) return
    const line = list.data?.find((l) => l.item.id === focus.itemId)
    setNotListed(!line)
    if (line) setActive(line)
    signal(line ? 'success' : 'error')
    // Only a new scan opens a line, not a refresh of the list.
  }, [focus])

  const lines = (list.data ?? []).filter((l) => filter === 'all' || l.status === filter)
  const counts = { open: 0, picking: 0 }
  for (const l of list.data ?? []) if (l.status === 'open' || l.status === 'picking') counts[l.status]++

  return (
    <div className="stack">
      <div className="toolbar">
        <Segmented<Filter>
          label={t('picks.filter')}
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'all', label: t('picks.filterAll', { count: counts.open + counts.picking }) },
            { value: 'open', label: t('picks.filterOpen', { count: counts.open }) },
            { value: 'picking', label: t('picks.filterPicking', { count: counts.picking }) },
          ]}
        />
        {list.isFetching && <Spinner size="sm" label={t('common.loading')} />}
      </div>
      {unknownCode && <Alert tone="danger">{t('scan.unknownCode', { code: unknownCode })}</Alert>}
      {notListed && !unknownCode && <Alert tone="info">{t('picks.notListed')}</Alert>}
      {start.isError && (
        <Alert tone="danger">{errorText(start.error)}</Alert>
      )}
      {list.isPending ? (
        <Spinner size="lg" label={t('common.loading')} />
      ) : list.isError && !list.data ? (
        <Alert tone="danger" action={<Button onClick={() => void list.refetch()}>{t('common.retry')}</Button>}>
          {t('errors.network')}
        </Alert>
      ) : lines.length === 0 ? (
        <EmptyState icon={<CheckIcon size={48} />} title={t('picks.emptyTitle')}>
          {t('picks.emptyText')}
        </EmptyState>
      ) : (
        <ul className="work-list">
          {lines.map((line) => {
            const syncing = waiting.has(line.id)
            return (
              <li key={line.id} className="work-row" data-testid="pick-line">
                <div className="work-main">
                  <p className="work-title">{line.item.name}</p>
                  <p className="work-sub">
                    {line.item.sku} · {categoryLabel(t, line.item.category)}
                  </p>
                  <p className="work-sub">
                    {line.source === 'rule' ? t('picks.byRule') : t('picks.by', { name: line.requestedBy?.name ?? '' })}
                    {' · '}
                    <time dateTime={line.requestedAt}>{f.relative(line.requestedAt)}</time>
                  </p>
                  {line.note && <p className="work-note">“{line.note}”</p>}
                </div>
                <div className="work-figures">
                  <span className="figure">
                    <span className="figure-label">{t('picks.toPick')}</span>
                    <span className="figure-value figure-big">{line.toPick === null ? t('picks.fillShelf') : f.number(line.toPick)}</span>
                  </span>
                  {line.stock === null ? (
                    // Blind count: the picker may be counting this item, so no stock figure is shown.
                    <span className="figure" data-testid="pick-blind">
                      <span className="figure-label">{t('place.stockroom')} · {t('place.floor')}</span>
                      <span className="figure-value">{t('picks.beingCounted')}</span>
                    </span>
                  ) : (
                    <>
                      <span className="figure">
                        <span className="figure-label">{t('place.stockroom')}</span>
                        <span className="figure-value">{f.number(line.stock.stockroom)}</span>
                      </span>
                      <span className="figure">
                        <span className="figure-label">{t('place.floor')}</span>
                        <span className="figure-value">{f.number(line.stock.floor)}</span>
                      </span>
                    </>
                  )}
                </div>
                <div className="work-actions">
                  {syncing ? (
                    <Badge tone="warning">{t('outbox.waiting')}</Badge>
                  ) : (
                    <>
                      <RequestStatusBadge status={line.status} />
                      {line.status === 'open' && (
                        <Button
                          onClick={() => start.mutate({ id: line.id, version: line.version })}
                          disabled={!online || start.isPending}
                          title={online ? undefined : t('picks.pickingNeedsServer')}
                        >
                          {t('picks.start')}
                        </Button>
                      )}
                      <Button variant="primary" onClick={() => setActive(line)}>
                        {t('picks.pick')}
                      </Button>
                    </>
                  )}
                </div>
              </li>
            )
          })}
        </ul>
      )}
      {active && <PickDialog storeId={storeId} line={active} onClose={() => setActive(null)} />}
    </div>
  )
}

type Mode = 'done' | 'cannot_fill'

function PickDialog({ storeId, line, onClose }: { storeId: string; line: PickLine; onClose: () => void }) {
  const { t } = useTranslation()
  const f = useFormat()
  const pick = usePick(storeId)
  // Blind (stock null): no figure to suggest or to check against; the server refuses too many without one.
  const blind = line.stock === null
  const startPicked = blind || (line.toPick ?? 0) > 0
  const [mode, setMode] = useState<Mode>(startPicked ? 'done' : 'cannot_fill')
  const [quantity, setQuantity] = useState<number | null>(line.toPick !== null && line.toPick > 0 ? line.toPick : null)
  const [reason, setReason] = useState<string>(startPicked ? 'not_found' : 'stockroom_empty')
  const [other, setOther] = useState('')
  const [busy, setBusy] = useState(false)
  const max = line.stock === null ? null : Math.max(line.stock.stockroom, 0)
  const qtyError = max !== null && quantity !== null && quantity > max ? t('picks.moreThanStock', { qty: f.number(max) }) : undefined
  const otherMissing = mode === 'cannot_fill' && reason === 'other' && !other.trim()

  const submit = async () => {
    setBusy(true)
    try {
      if (mode === 'done') await pick(line, { kind: 'done', quantity: quantity! })
      else await pick(line, { kind: 'cannot_fill', reason: reason === 'other' ? other.trim() : reason })
      signal('success')
      onClose()
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog open onClose={onClose} title={line.item.name} closeLabel={t('common.close')}>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault()
          void submit()
        }}
      >
        <Segmented<Mode>
          label={t('picks.outcome')}
          value={mode}
          onChange={setMode}
          options={[
            { value: 'done', label: t('picks.picked') },
            { value: 'cannot_fill', label: t('picks.cannotFill') },
          ]}
        />
        {mode === 'done' ? (
          <>
            <QuantityInput
              label={t('picks.quantityPicked')}
              value={quantity}
              onChange={setQuantity}
              min={1}
              max={max === null ? undefined : Math.max(max, 1)}
              hint={
                line.requestedQty
                  ? t('picks.askedFor', { qty: f.number(line.requestedQty) })
                  : line.toPick === null
                    ? t('picks.fillShelfBlind')
                    : t('picks.fillTo', { qty: f.number(line.toPick) })
              }
              error={qtyError}
              decreaseLabel={t('common.decrease')}
              increaseLabel={t('common.increase')}
              autoFocus
            />
            {quantity !== null && line.toPick !== null && quantity < line.toPick && <Alert tone="info">{t('picks.partialNote')}</Alert>}
            {blind && <Alert tone="info">{t('picks.blindNote')}</Alert>}
          </>
        ) : (
          <fieldset className="choice-list">
            <legend className="field-label">{t('picks.reason')}</legend>
            {(['stockroom_empty', ...CANNOT_FILL_REASONS] as const).map((r) => (
              <label key={r} className="choice">
                <input type="radio" name="reason" value={r} checked={reason === r} onChange={() => setReason(r)} />
                <span>{t(`replenishment.reason.${r}`)}</span>
              </label>
            ))}
            {reason === 'other' && (
              <Input label={t('picks.otherReason')} value={other} maxLength={200} onChange={(e) => setOther(e.target.value)} autoFocus />
            )}
          </fieldset>
        )}
        <Button
          type="submit"
          variant="primary"
          size="lg"
          block
          loading={busy}
          disabled={(mode === 'done' && (!quantity || !!qtyError)) || otherMissing}
        >
          {mode === 'done' ? t('picks.confirmPicked', { qty: f.number(quantity ?? 0) }) : t('picks.confirmCannotFill')}
        </Button>
      </form>
    </Dialog>
  )
}
