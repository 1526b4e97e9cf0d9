import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { discrepanciesOf, lineState } from '../../../../server/core/receiving/rules'
import { Alert } from '../../../components/ui/alert'
import { Badge } from '../../../components/ui/badge'
import { Button } from '../../../components/ui/button'
import { Dialog } from '../../../components/ui/dialog'
import { QuantityInput } from '../../../components/ui/quantity-input'
import { Segmented } from '../../../components/ui/segmented'
import { Spinner } from '../../../components/ui/spinner'
import { useFormat } from '../../../i18n/format'
import { isApiError } from '../../../lib/api-client'
import { useErrorText } from '../../../lib/error-text'
import { useOnline } from '../../../lib/online'
import { usePendingItems } from '../../../lib/outbox-react'
import { UndoControls } from '../../scanning/components/correct-quantity'
import { type Delivery, useCloseDelivery, useDelivery, useRecordScan } from '../api/deliveries'

type Mode = 'one' | 'qty'
export type ReceivedItem = { id: string; sku: string; name: string } | { barcode: string; name?: string }

type Row = { key: string; itemId: string | null; name: string; sku: string; expected: number; received: number; damaged: number; waiting: number; unexpected: boolean }

const STATE_TONE = { pending: 'neutral', partial: 'warning', complete: 'success', over: 'danger', unexpected: 'danger' } as const

/**
 * Receiving one delivery: each scan is +1 (or scan + quantity), damaged units apart; expected vs
 * received per line runs live (with scans still waiting to sync added in); close shows the
 * discrepancy summary and posts the receipt. Each line can take back a mis-scan while the delivery is
 * open ("−1", or "Correct quantity…" sending the difference as a negative scan; with Damaged on, from the
 * damaged units).
 */
export function ReceivingSession({
  storeId,
  deliveryId,
  picker,
  lastScan,
  onScanHandled,
}: {
  storeId: string
  deliveryId: string
  /** The item finder (scan, camera, search) rendered by the screen; it calls `receive`. */
  picker: (receive: (item: ReceivedItem) => void) => React.ReactNode
  lastScan?: string | null
  onScanHandled?: () => void
}) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const f = useFormat()
  const online = useOnline()
  const delivery = useDelivery(storeId, deliveryId)
  const scan = useRecordScan(storeId, deliveryId)
  const close = useCloseDelivery(storeId, deliveryId)
  const waiting = usePendingItems('delivery.scan', (i) => i.meta.deliveryId === deliveryId)
  const [mode, setMode] = useState<Mode>('one')
  const [damaged, setDamaged] = useState(false)
  const [asking, setAsking] = useState<ReceivedItem | null>(null)
  const [qty, setQty] = useState<number | null>(1)
  const [confirmClose, setConfirmClose] = useState(false)
  const [lastKey, setLastKey] = useState<string | null>(null)

  const send = (item: ReceivedItem, quantity: number) => {
    const ref = 'id' in item ? { itemId: item.id } : { barcode: item.barcode }
    void scan(ref, quantity, damaged, { name: item.name ?? ('barcode' in item ? item.barcode : '') })
    setLastKey('id' in item ? item.id : item.barcode)
    onScanHandled?.()
  }
  const takeBack = (r: Row, delta: number) => {
    const ref = r.itemId ? { itemId: r.itemId } : { barcode: r.sku }
    void scan(ref, delta, damaged, { name: r.name })
    setLastKey(r.key)
  }
  const receive = (item: ReceivedItem) => {
    if (mode === 'qty') {
      setAsking(item)
      setQty(1)
    } else send(item, 1)
  }

  if (delivery.isPending) return <Spinner size="lg" label={t('common.loading')} />
  if (!delivery.data)
    return (
      <Alert tone="danger" action={<Button onClick={() => void delivery.refetch()}>{t('common.retry')}</Button>}>
        {isApiError(delivery.error, 'NOT_FOUND') ? t('receive.notFound') : t('errors.network')}
      </Alert>
    )

  const d: Delivery = delivery.data
  const rows = mergeRows(d, waiting)
  const open = d.status === 'expected' || d.status === 'receiving'
  const preview = rows.flatMap((r) => discrepanciesOf({ expectedQty: r.expected, receivedQty: r.received + r.waiting, damagedQty: r.damaged }).map((x) => ({ ...x, name: r.name })))
  const totals = rows.reduce((s, r) => ({ expected: s.expected + r.expected, arrived: s.arrived + r.received + r.damaged + r.waiting }), { expected: 0, arrived: 0 })

  return (
    <div className="stack">
      <div className="session-head">
        <div>
          <h2 className="session-title">{d.supplier}</h2>
          <p className="work-sub">
            {t('receive.reference', { ref: d.reference })} · <Badge tone={open ? 'warning' : 'success'}>{t(`receive.status.${d.status}`)}</Badge>
          </p>
        </div>
        <div className="big-figures" aria-live="polite">
          <span className="figure">
            <span className="figure-label">{t('receive.expected')}</span>
            <span className="figure-value figure-big">{f.number(totals.expected)}</span>
          </span>
          <span className="figure">
            <span className="figure-label">{t('receive.received')}</span>
            <span className="figure-value figure-big" data-testid="received-total">
              {f.number(totals.arrived)}
            </span>
          </span>
        </div>
      </div>

      {open && (
        <div className="scan-panel">
          <div className="toolbar">
            <Segmented<Mode>
              label={t('receive.mode')}
              value={mode}
              onChange={setMode}
              options={[
                { value: 'one', label: t('receive.modeOne') },
                { value: 'qty', label: t('receive.modeQty') },
              ]}
            />
            <label className="switch">
              <input type="checkbox" checked={damaged} onChange={(e) => setDamaged(e.target.checked)} />
              <span>{t('receive.damaged')}</span>
            </label>
          </div>
          {damaged && <Alert tone="warning">{t('receive.damagedOn')}</Alert>}
          {picker(receive)}
          {lastScan && <p className="last-scan" role="status">{lastScan}</p>}
        </div>
      )}

      <div className="table-wrap">
        <table className="table receive-table">
          <caption className="sr-only">{t('receive.lines')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('receive.item')}</th>
              <th scope="col" className="num">
                {t('receive.expected')}
              </th>
              <th scope="col" className="num">
                {t('receive.received')}
              </th>
              <th scope="col" className="num">
                {t('receive.damagedShort')}
              </th>
              <th scope="col">{t('receive.state')}</th>
              {open && <th scope="col">{t('undo.column')}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const state = lineState({ expectedQty: r.expected, receivedQty: r.received + r.waiting, damagedQty: r.damaged })
              return (
                <tr key={r.key} data-testid="delivery-line" className={lastKey && (r.itemId === lastKey || r.key === lastKey) ? 'row-flash' : undefined}>
                  <th scope="row">
                    <span className="cell-title">{r.name}</span>
                    <span className="cell-sub">{r.sku}</span>
                  </th>
                  <td className="num">{r.unexpected ? '—' : f.number(r.expected)}</td>
                  <td className="num num-big">
                    {f.number(r.received)}
                    {r.waiting !== 0 && (
                      <span className="waiting-add">
                        {' '}
                        {r.waiting > 0 ? '+' : '−'}
                        {f.number(Math.abs(r.waiting))}
                      </span>
                    )}
                  </td>
                  <td className="num">{r.damaged ? f.number(r.damaged) : ''}</td>
                  <td>
                    <Badge tone={STATE_TONE[state]}>{t(`receive.lineState.${state}`)}</Badge>
                  </td>
                  {open && (
                    <td>
                      <UndoControls
                        name={r.name}
                        current={damaged ? r.damaged : r.received + r.waiting}
                        label={t(damaged ? 'undo.damagedLabel' : 'undo.receivedLabel')}
                        onChange={(delta) => takeBack(r, delta)}
                      />
                    </td>
                  )}
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      {waiting.length > 0 && <p className="muted">{t('receive.waitingScans', { count: waiting.length })}</p>}

      {open ? (
        <>
          {!online && <Alert tone="info">{t('receive.closeNeedsServer')}</Alert>}
          <Button variant="primary" size="lg" block disabled={!online || waiting.length > 0} onClick={() => setConfirmClose(true)}>
            {t('receive.close')}
          </Button>
        </>
      ) : (
        d.status === 'closed' && <Discrepancies delivery={d} />
      )}

      <Dialog open={!!asking} onClose={() => setAsking(null)} title={asking?.name ?? ''} closeLabel={t('common.close')} size="sm">
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault()
            if (asking && qty) send(asking, qty)
            setAsking(null)
          }}
        >
          <QuantityInput label={t('receive.quantity')} value={qty} onChange={setQty} min={1} decreaseLabel={t('common.decrease')} increaseLabel={t('common.increase')} autoFocus />
          {damaged && <Badge tone="warning">{t('receive.damaged')}</Badge>}
          <Button type="submit" variant="primary" size="lg" block disabled={!qty}>
            {t('receive.add', { qty: f.number(qty ?? 0) })}
          </Button>
        </form>
      </Dialog>

      <Dialog open={confirmClose} onClose={() => setConfirmClose(false)} title={t('receive.closeTitle')} closeLabel={t('common.close')}>
        <div className="stack">
          {preview.length === 0 ? (
            <Alert tone="success">{t('receive.noDiscrepancy')}</Alert>
          ) : (
            <>
              <p>{t('receive.discrepancyLead')}</p>
              <ul className="discrepancy-list">
                {preview.map((p, i) => (
                  <li key={i}>
                    <Badge tone={p.kind === 'damaged' || p.kind === 'short' ? 'danger' : 'warning'}>{t(`receive.kind.${p.kind}`)}</Badge>
                    <span>{p.name}</span>
                    <strong className="num">{f.number(p.quantity)}</strong>
                  </li>
                ))}
              </ul>
            </>
          )}
          {close.isError && <Alert tone="danger">{errorText(close.error)}</Alert>}
          <Button
            variant="primary"
            size="lg"
            block
            loading={close.isPending}
            onClick={() => close.mutate(d.version, { onSuccess: () => setConfirmClose(false) })}
          >
            {t('receive.closeConfirm')}
          </Button>
        </div>
      </Dialog>
    </div>
  )
}

function Discrepancies({ delivery }: { delivery: Delivery }) {
  const { t } = useTranslation()
  const f = useFormat()
  return (
    <section className="card" aria-labelledby="discrepancies-title" data-testid="discrepancies">
      <h2 id="discrepancies-title" className="card-title">
        {t('receive.discrepancies')}
      </h2>
      {delivery.discrepancies.length === 0 ? (
        <p className="muted">{t('receive.noDiscrepancy')}</p>
      ) : (
        <ul className="discrepancy-list">
          {delivery.discrepancies.map((p, i) => (
            <li key={i}>
              <Badge tone={p.kind === 'damaged' || p.kind === 'short' ? 'danger' : 'warning'}>{t(`receive.kind.${p.kind}`)}</Badge>
              <span>{p.item.name}</span>
              <strong className="num">{f.number(p.quantity)}</strong>
            </li>
          ))}
        </ul>
      )}
      <p className="muted">{t('receive.claimNote')}</p>
    </section>
  )
}

type Waiting = { meta: Record<string, string | number | boolean | null> }

/** Server lines plus scans still in the outbox (by item id, or as their own row when only the barcode is known). */
function mergeRows(d: Delivery, waiting: Waiting[]): Row[] {
  const rows: Row[] = d.lines.map((l) => ({
    key: l.item.id,
    itemId: l.item.id,
    name: l.item.name,
    sku: l.item.sku,
    expected: l.expectedQty,
    received: l.receivedQty,
    damaged: l.damagedQty,
    waiting: 0,
    unexpected: l.state === 'unexpected',
  }))
  for (const w of waiting) {
    const itemId = typeof w.meta.itemId === 'string' ? w.meta.itemId : null
    const key = itemId ?? `code:${String(w.meta.barcode)}`
    let row = rows.find((r) => r.key === key)
    if (!row) {
      row = { key, itemId, name: String(w.meta.name ?? w.meta.barcode), sku: itemId ? '' : String(w.meta.barcode), expected: 0, received: 0, damaged: 0, waiting: 0, unexpected: true }
      rows.push(row)
    }
    if (w.meta.damaged) row.damaged += Number(w.meta.quantity)
    else row.waiting += Number(w.meta.quantity)
  }
  return rows
}
