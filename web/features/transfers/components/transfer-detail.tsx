import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Alert } from '../../../components/ui/alert'
import { Badge } from '../../../components/ui/badge'
import { Button } from '../../../components/ui/button'
import { Spinner } from '../../../components/ui/spinner'
import { useFormat } from '../../../i18n/format'
import { isApiError } from '../../../lib/api-client'
import { useErrorText } from '../../../lib/error-text'
import { useOnline } from '../../../lib/online'
import { usePendingItems } from '../../../lib/outbox-react'
import { UndoControls } from '../../scanning/components/correct-quantity'
import { useTransfer, useTransferScan, useTransferStep } from '../api/transfers'

export type ArrivedItem = { id: string; name: string } | { barcode: string }

/**
 * One transfer. Outgoing drafts are shipped (or dropped); incoming shipped transfers are received by
 * scanning (each scan +1, through the outbox) and closed — differences become a pending correction.
 * While the receipt is open, each line can take back a mis-scan ("−1" or "Correct quantity…").
 */
export function TransferDetail({ storeId, transferId, picker }: { storeId: string; transferId: string; picker: (arrived: (item: ArrivedItem) => void) => ReactNode }) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const f = useFormat()
  const online = useOnline()
  const transfer = useTransfer(storeId, transferId)
  const step = useTransferStep(storeId, transferId)
  const scan = useTransferScan(storeId, transferId)
  const waiting = usePendingItems('transfer.scan', (i) => i.meta.transferId === transferId)

  if (transfer.isPending) return <Spinner size="lg" label={t('common.loading')} />
  if (!transfer.data) return <Alert tone="danger">{isApiError(transfer.error, 'NOT_FOUND') ? t('transfer.notFound') : t('errors.network')}</Alert>
  const tr = transfer.data
  const incoming = tr.direction === 'incoming'
  const receiving = incoming && tr.status === 'shipped'
  const waitingFor = (itemId: string) => waiting.filter((w) => w.meta.itemId === itemId).reduce((s, w) => s + Number(w.meta.quantity), 0)
  const stepError = step.error && errorText(step.error)

  return (
    <div className="stack">
      <div className="session-head">
        <div>
          <h2 className="session-title">
            {incoming ? t('transfer.from', { store: `${tr.fromStore.code} · ${tr.fromStore.name}` }) : t('transfer.to', { store: `${tr.toStore.code} · ${tr.toStore.name}` })}
          </h2>
          <p className="work-sub">
            <Badge tone={tr.status === 'shipped' ? 'warning' : tr.status === 'received' ? 'success' : 'info'}>{t(`transfer.status.${tr.status}`)}</Badge>
            {tr.note && ` · ${tr.note}`}
          </p>
        </div>
        <div className="big-figures">
          <span className="figure">
            <span className="figure-label">{t('transfer.quantity')}</span>
            <span className="figure-value figure-big">{f.number(tr.totals.quantity)}</span>
          </span>
          {incoming && (
            <span className="figure">
              <span className="figure-label">{t('receive.received')}</span>
              <span className="figure-value figure-big">{f.number(tr.totals.received + waiting.reduce((s, w) => s + Number(w.meta.quantity), 0))}</span>
            </span>
          )}
        </div>
      </div>

      {receiving &&
        picker((item) => {
          const ref = 'id' in item ? { itemId: item.id } : { barcode: item.barcode }
          void scan(ref, 1, 'name' in item ? item.name : item.barcode)
        })}

      <div className="table-wrap">
        <table className="table">
          <caption className="sr-only">{t('transfer.linesCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('receive.item')}</th>
              <th scope="col" className="num">
                {t('transfer.shipped')}
              </th>
              {incoming && (
                <th scope="col" className="num">
                  {t('receive.received')}
                </th>
              )}
              {receiving && <th scope="col">{t('undo.column')}</th>}
            </tr>
          </thead>
          <tbody>
            {tr.lines.map((l) => (
              <tr key={l.item.id}>
                <th scope="row">
                  <span className="cell-title">{l.item.name}</span>
                  <span className="cell-sub">{l.item.sku}</span>
                </th>
                <td className="num num-big">{f.number(l.quantity)}</td>
                {incoming && (
                  <td className="num num-big">
                    {f.number(l.receivedQty)}
                    {waitingFor(l.item.id) !== 0 && (
                      <span className="waiting-add">
                        {' '}
                        {waitingFor(l.item.id) > 0 ? '+' : '−'}
                        {f.number(Math.abs(waitingFor(l.item.id)))}
                      </span>
                    )}
                  </td>
                )}
                {receiving && (
                  <td>
                    <UndoControls
                      name={l.item.name}
                      current={l.receivedQty + waitingFor(l.item.id)}
                      label={t('undo.receivedLabel')}
                      onChange={(delta) => void scan({ itemId: l.item.id }, delta, l.item.name)}
                    />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {stepError && <Alert tone="danger">{stepError}</Alert>}
      {!online && (tr.status === 'draft' || receiving) && <Alert tone="info">{t('transfer.needsServer')}</Alert>}
      {!incoming && tr.status === 'draft' && (
        <div className="button-row">
          <Button variant="danger" size="lg" disabled={!online} loading={step.isPending} onClick={() => step.mutate({ step: 'cancel', version: tr.version })}>
            {t('transfer.drop')}
          </Button>
          <Button variant="primary" size="lg" disabled={!online} loading={step.isPending} onClick={() => step.mutate({ step: 'ship', version: tr.version })}>
            {t('transfer.ship')}
          </Button>
        </div>
      )}
      {receiving && (
        <Button variant="primary" size="lg" block disabled={!online || waiting.length > 0} loading={step.isPending} onClick={() => step.mutate({ step: 'receive', version: tr.version })}>
          {t('transfer.closeReceipt')}
        </Button>
      )}
      {tr.status === 'received' && tr.correctionId && <Alert tone="warning">{t('transfer.differences')}</Alert>}
    </div>
  )
}
