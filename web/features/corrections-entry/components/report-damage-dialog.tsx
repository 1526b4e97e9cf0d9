import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Alert } from '../../../components/ui/alert'
import { Button } from '../../../components/ui/button'
import { Dialog } from '../../../components/ui/dialog'
import { QuantityInput } from '../../../components/ui/quantity-input'
import { Spinner } from '../../../components/ui/spinner'
import { Textarea } from '../../../components/ui/textarea'
import { signal } from '../../../lib/feedback'
import { useOnline } from '../../../lib/online'
import { useEnterCorrection } from '../api/enter-correction'
import { useLocations, useReasonCodes } from '../api/reference-data'
import { useReasonText } from './reason-label'

/** What a clerk can see on the floor; counting errors and supplier issues are the back room's. */
const FLOOR_REASONS = ['damaged', 'theft', 'expired', 'other']

/**
 * "Report damaged / missing" on the floor: enters a correction (source floor_report) that removes
 * units from the floor — once a second person confirms it. Works offline through the outbox.
 */
export function ReportDamageDialog({
  storeId,
  item,
  open,
  onClose,
}: {
  storeId: string
  item: { id: string; name: string }
  open: boolean
  onClose: () => void
}) {
  const { t } = useTranslation()
  const online = useOnline()
  const reasons = useReasonCodes(storeId)
  const locations = useLocations(storeId)
  const enter = useEnterCorrection(storeId)
  const reasonText = useReasonText()
  const [reason, setReason] = useState('damaged')
  const [quantity, setQuantity] = useState<number | null>(1)
  const [note, setNote] = useState('')
  const [touched, setTouched] = useState(false)
  const [done, setDone] = useState<'sent' | 'queued' | null>(null)
  const [busy, setBusy] = useState(false)

  const options = (reasons.data ?? []).filter((r) => FLOOR_REASONS.includes(r.code))
  const chosen = options.find((r) => r.code === reason)
  const floor = locations.data?.find((l) => l.kind === 'floor')
  const noteMissing = !!chosen?.requiresNote && !note.trim()

  const close = () => {
    onClose()
    setReason('damaged')
    setQuantity(1)
    setNote('')
    setTouched(false)
    setDone(null)
  }

  const submit = async () => {
    setTouched(true)
    if (!floor || !quantity || noteMissing) return
    setBusy(true)
    try {
      await enter(
        {
          source: 'floor_report',
          reasonCode: reason,
          ...(note.trim() ? { note: note.trim() } : {}),
          lines: [{ locationId: floor.id, itemId: item.id, quantityDelta: -quantity }],
        },
        { summary: item.name, units: quantity },
      )
      signal('success')
      setDone(online ? 'sent' : 'queued')
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog open={open} onClose={close} title={t('report.title', { name: item.name })} closeLabel={t('common.close')}>
      {done ? (
        <div className="stack">
          <Alert tone="success" title={t('report.doneTitle')}>
            {done === 'queued' ? t('report.doneOffline') : t('report.doneText')}
          </Alert>
          <Button variant="primary" size="lg" block onClick={close} autoFocus>
            {t('common.done')}
          </Button>
        </div>
      ) : reasons.isPending || locations.isPending ? (
        <Spinner label={t('common.loading')} />
      ) : !floor || options.length === 0 ? (
        <Alert tone="danger">{t('errors.network')}</Alert>
      ) : (
        <form
          className="stack"
          noValidate
          onSubmit={(e) => {
            e.preventDefault()
            void submit()
          }}
        >
          <fieldset className="choice-grid">
            <legend className="field-label">{t('report.reason')}</legend>
            {options.map((r) => (
              <label key={r.code} className="choice">
                <input type="radio" name="reason" value={r.code} checked={reason === r.code} onChange={() => setReason(r.code)} />
                <span>{reasonText(r.label)}</span>
              </label>
            ))}
          </fieldset>
          <QuantityInput
            label={t('report.quantity')}
            value={quantity}
            onChange={setQuantity}
            min={1}
            hint={t('report.quantityHint')}
            error={touched && !quantity ? t('report.quantityRequired') : undefined}
            decreaseLabel={t('common.decrease')}
            increaseLabel={t('common.increase')}
          />
          <Textarea
            label={chosen?.requiresNote ? t('report.noteRequired') : t('report.note')}
            value={note}
            maxLength={500}
            rows={2}
            onChange={(e) => setNote(e.target.value)}
            error={touched && noteMissing ? t('report.noteMissing') : undefined}
          />
          <p className="muted">{t('report.fourEyes')}</p>
          <Button type="submit" variant="primary" size="lg" block loading={busy}>
            {t('report.submit')}
          </Button>
        </form>
      )}
    </Dialog>
  )
}
