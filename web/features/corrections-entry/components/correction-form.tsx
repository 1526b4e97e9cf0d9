import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Alert } from '../../../components/ui/alert'
import { Button } from '../../../components/ui/button'
import { EmptyState } from '../../../components/ui/empty-state'
import { ScanIcon, TrashIcon } from '../../../components/ui/icons'
import { QuantityInput } from '../../../components/ui/quantity-input'
import { Segmented } from '../../../components/ui/segmented'
import { Select } from '../../../components/ui/select'
import { Spinner } from '../../../components/ui/spinner'
import { Textarea } from '../../../components/ui/textarea'
import { useFormat } from '../../../i18n/format'
import { signal } from '../../../lib/feedback'
import { useOnline } from '../../../lib/online'
import { useEnterCorrection } from '../api/enter-correction'
import { useLocations, useReasonCodes } from '../api/reference-data'
import { useReasonText } from './reason-label'

export type PickedItem = { id: string; sku: string; name: string }
type Direction = 'minus' | 'plus'
type Line = { key: string; item: PickedItem; locationId: string; direction: Direction; quantity: number | null }

const CORRECTABLE = ['stockroom', 'floor', 'quarantine', 'receiving']

/**
 * Enter a correction in the back room: lines of (location, item, ±quantity) added by scan or search
 * (the picker is handed in by the screen), a reason and a note. It is queued in the outbox (works
 * offline) and waits for a second person to confirm it.
 */
export function CorrectionForm({
  storeId,
  picker,
  lines,
  onLinesChange,
}: {
  storeId: string
  /** The item finder (scan, camera, search), rendered above the lines. */
  picker: React.ReactNode
  lines: Line[]
  onLinesChange: (lines: Line[]) => void
}) {
  const { t } = useTranslation()
  const f = useFormat()
  const online = useOnline()
  const reasons = useReasonCodes(storeId)
  const locations = useLocations(storeId)
  const reasonText = useReasonText()
  const enter = useEnterCorrection(storeId)
  const [reason, setReason] = useState('')
  const [note, setNote] = useState('')
  const [touched, setTouched] = useState(false)
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<'sent' | 'queued' | null>(null)

  const locs = (locations.data ?? []).filter((l) => CORRECTABLE.includes(l.kind))
  const chosen = reasons.data?.find((r) => r.code === reason)
  const noteMissing = !!chosen?.requiresNote && !note.trim()
  const badLine = lines.some((l) => !l.quantity)
  const duplicate = new Set(lines.map((l) => `${l.locationId}|${l.item.id}`)).size !== lines.length

  const update = (key: string, patch: Partial<Line>) => onLinesChange(lines.map((l) => (l.key === key ? { ...l, ...patch } : l)))

  const submit = async () => {
    setTouched(true)
    if (lines.length === 0 || !reason || noteMissing || badLine || duplicate) return
    setBusy(true)
    try {
      await enter(
        {
          source: 'backroom',
          reasonCode: reason,
          ...(note.trim() ? { note: note.trim() } : {}),
          lines: lines.map((l) => ({ locationId: l.locationId, itemId: l.item.id, quantityDelta: (l.direction === 'minus' ? -1 : 1) * l.quantity! })),
        },
        { summary: lines.map((l) => l.item.name).join(', '), units: lines.reduce((s, l) => s + (l.quantity ?? 0), 0) },
      )
      signal('success')
      setDone(online ? 'sent' : 'queued')
      onLinesChange([])
      setReason('')
      setNote('')
      setTouched(false)
    } finally {
      setBusy(false)
    }
  }

  if (reasons.isPending || locations.isPending) return <Spinner size="lg" label={t('common.loading')} />
  if (!reasons.data || !locations.data) return <Alert tone="danger">{t('errors.network')}</Alert>

  // The picker has its own search form: it sits beside this form, not inside it.
  return (
    <div className="stack">
      {done && (
        <Alert tone="success" title={t('correct.doneTitle')} action={<Button onClick={() => setDone(null)}>{t('common.close')}</Button>}>
          {done === 'queued' ? t('correct.doneOffline') : t('correct.doneText')}
        </Alert>
      )}
      {picker}
      <form
        className="stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          void submit()
        }}
      >
        {lines.length === 0 ? (
          <EmptyState icon={<ScanIcon size={40} />} title={t('correct.noLinesTitle')}>
            {t('correct.noLinesText')}
          </EmptyState>
        ) : (
          <ul className="line-list" aria-label={t('correct.lines')}>
            {lines.map((l) => (
              <li key={l.key} className="line-card" data-testid="correction-line">
                <div className="line-head">
                  <span className="line-title">{l.item.name}</span>
                  <span className="line-sub">{l.item.sku}</span>
                  <Button variant="ghost" icon={<TrashIcon />} aria-label={t('correct.removeLine', { name: l.item.name })} onClick={() => onLinesChange(lines.filter((x) => x.key !== l.key))} />
                </div>
                <div className="line-fields">
                  <Select
                    label={t('correct.location')}
                    value={l.locationId}
                    onChange={(e) => update(l.key, { locationId: e.target.value })}
                    options={locs.map((loc) => ({ value: loc.id, label: t(`place.${loc.kind as 'floor'}`, { defaultValue: loc.name }) }))}
                  />
                  <Segmented<Direction>
                    label={t('correct.direction')}
                    value={l.direction}
                    onChange={(direction) => update(l.key, { direction })}
                    options={[
                      { value: 'minus', label: t('correct.minus') },
                      { value: 'plus', label: t('correct.plus') },
                    ]}
                  />
                  <QuantityInput
                    label={t('correct.quantity')}
                    value={l.quantity}
                    onChange={(quantity) => update(l.key, { quantity })}
                    min={1}
                    error={touched && !l.quantity ? t('report.quantityRequired') : undefined}
                    decreaseLabel={t('common.decrease')}
                    increaseLabel={t('common.increase')}
                  />
                </div>
                <p className="line-effect" aria-live="polite">
                  {t('correct.effect', { delta: f.signedNumber((l.direction === 'minus' ? -1 : 1) * (l.quantity ?? 0)) })}
                </p>
              </li>
            ))}
          </ul>
        )}
        {touched && lines.length === 0 && <p className="field-error">{t('correct.needLine')}</p>}
        {duplicate && <p className="field-error">{t('correct.duplicate')}</p>}
        <fieldset className="choice-grid">
          <legend className="field-label">{t('correct.reason')}</legend>
          {reasons.data.map((r) => (
            <label key={r.code} className="choice">
              <input type="radio" name="reason" value={r.code} checked={reason === r.code} onChange={() => setReason(r.code)} />
              <span>{reasonText(r.label)}</span>
            </label>
          ))}
        </fieldset>
        {touched && !reason && <p className="field-error">{t('correct.needReason')}</p>}
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
          {t('correct.submit')}
        </Button>
      </form>
    </div>
  )
}

let lineSeq = 0
/** A new line for an item: the stockroom, "missing" and one unit unless the person changes them. */
export function newLine(item: PickedItem, locationId: string): Line {
  lineSeq += 1
  return { key: `${item.id}-${lineSeq}`, item, locationId, direction: 'minus', quantity: 1 }
}
export type { Line as CorrectionLine }
