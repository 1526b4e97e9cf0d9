import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { uuidv7 } from 'uuidv7'
import { Alert } from '../../../components/ui/alert'
import { Button } from '../../../components/ui/button'
import { Dialog } from '../../../components/ui/dialog'
import { QuantityInput } from '../../../components/ui/quantity-input'
import { Textarea } from '../../../components/ui/textarea'
import { useFormat } from '../../../i18n/format'
import { isApiError } from '../../../lib/api-client'
import { useErrorText } from '../../../lib/error-text'
import { signal } from '../../../lib/feedback'
import { useOnline } from '../../../lib/online'
import { useRequestRefill } from '../api/request-refill'
import type { RefillRequested } from '../api/types'

/** `stockroom`/`floor` are null while the item is being counted blind (the server hides them). */
export type RefillItem = { id: string; name: string; stockroom: number | null; floor: number | null; shelfTarget: number }

/**
 * "Get it from the back": one tap opens this, a second sends it. Quantity and note are optional
 * (without a quantity the back room fills the shelf to its target). The answer says at once when the
 * stockroom has none.
 */
export function RefillDialog({ storeId, item, open, onClose }: { storeId: string; item: RefillItem; open: boolean; onClose: () => void }) {
  const { t } = useTranslation()
  const describeError = useErrorText()
  const f = useFormat()
  const online = useOnline()
  const [id, setId] = useState(uuidv7)
  const [quantity, setQuantity] = useState<number | null>(null)
  const [note, setNote] = useState('')
  const refill = useRequestRefill(storeId)
  const [result, setResult] = useState<RefillRequested | null>(null)

  const close = () => {
    onClose()
    // The next request is a new one.
    setId(uuidv7())
    setQuantity(null)
    setNote('')
    setResult(null)
    refill.reset()
  }

  const submit = () =>
    refill.mutate(
      { id, itemId: item.id, ...(quantity ? { quantity } : {}), ...(note.trim() ? { note: note.trim() } : {}) },
      {
        onSuccess: (answer) => {
          setResult(answer)
          signal(answer.request.status === 'cannot_fill' ? 'error' : 'success')
        },
      },
    )

  const fill = Math.max(item.shelfTarget - (item.floor ?? 0), 1)
  const error = refill.error
  const errorText = !error
    ? null
    : isApiError(error, 'DUPLICATE')
      ? t('replenishment.alreadyRequested')
      : describeError(error)

  return (
    <Dialog open={open} onClose={close} title={t('replenishment.dialogTitle', { name: item.name })} closeLabel={t('common.close')}>
      {result ? (
        <div className="stack">
          {result.request.status === 'cannot_fill' ? (
            <Alert tone="warning" title={t('replenishment.stockroomEmptyTitle')}>
              {t('replenishment.stockroomEmptyText')}
            </Alert>
          ) : result.stockroomAvailable === null ? (
            // The item is being counted blind: the answer carries no stock figure.
            <Alert tone="success" title={t('replenishment.sentTitle')}>
              {t('replenishment.sentTextBlind')}
            </Alert>
          ) : (
            <Alert tone="success" title={t('replenishment.sentTitle')}>
              {t('replenishment.sentText', { count: result.stockroomAvailable, qty: f.number(result.stockroomAvailable) })}
            </Alert>
          )}
          <Button variant="primary" size="lg" block onClick={close} autoFocus>
            {t('common.done')}
          </Button>
        </div>
      ) : (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault()
            submit()
          }}
        >
          {item.stockroom === null ? (
            <p className="muted">{t('replenishment.beingCounted')}</p>
          ) : item.stockroom <= 0 ? (
            <Alert tone="warning" title={t('replenishment.stockroomEmptyTitle')}>
              {t('replenishment.stockroomEmptyBefore')}
            </Alert>
          ) : (
            <p className="muted">{t('replenishment.stockroomHas', { qty: f.number(item.stockroom) })}</p>
          )}
          <QuantityInput
            label={t('replenishment.quantity')}
            value={quantity}
            onChange={setQuantity}
            min={1}
            placeholder={item.floor === null ? t('replenishment.fillShelfPlain') : t('replenishment.fillShelf', { qty: f.number(fill) })}
            hint={t('replenishment.quantityHint')}
            decreaseLabel={t('common.decrease')}
            increaseLabel={t('common.increase')}
          />
          <Textarea label={t('replenishment.note')} value={note} maxLength={500} rows={2} onChange={(e) => setNote(e.target.value)} />
          {errorText && <Alert tone="danger">{errorText}</Alert>}
          {!online && <Alert tone="info">{t('replenishment.needsServer')}</Alert>}
          <Button type="submit" variant="primary" size="lg" block loading={refill.isPending} disabled={!online} autoFocus>
            {t('replenishment.send')}
          </Button>
        </form>
      )}
    </Dialog>
  )
}
