import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/ui/button'
import { Dialog } from '../../../components/ui/dialog'
import { QuantityInput } from '../../../components/ui/quantity-input'
import { useFormat } from '../../../i18n/format'

/**
 * Undoing a mis-scan or a typo on a line: "−1" takes one back at once, "Correct quantity…" asks for the
 * right figure and sends the difference (a negative scan or entry through the outbox, like any other).
 * Both are ≥ 44 px touch targets; "−1" is off when there is nothing to take back.
 */
export function UndoControls({
  name,
  current,
  onChange,
  label,
}: {
  /** The item, for the buttons' accessible names and the dialog title. */
  name: string
  /** What is there now (with writes still waiting to sync): the floor of every take-back. */
  current: number
  /** Sends `delta` (negative takes back, positive adds). */
  onChange: (delta: number) => void
  /** The dialog's field label ("Correct received quantity", "Your correct total"…). */
  label: string
}) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  return (
    <span className="undo-controls">
      <Button disabled={current <= 0} onClick={() => onChange(-1)} aria-label={t('undo.minusOneOf', { name })} data-testid="undo-minus-one">
        −1
      </Button>
      <Button onClick={() => setOpen(true)} aria-label={t('undo.correctOf', { name })} data-testid="undo-correct">
        {t('undo.correct')}
      </Button>
      <CorrectQuantityDialog
        open={open}
        name={name}
        current={current}
        label={label}
        onClose={() => setOpen(false)}
        onSubmit={(value) => {
          setOpen(false)
          if (value !== current) onChange(value - current)
        }}
      />
    </span>
  )
}

export function CorrectQuantityDialog({
  open,
  name,
  current,
  label,
  onClose,
  onSubmit,
}: {
  open: boolean
  name: string
  current: number
  label: string
  onClose: () => void
  onSubmit: (value: number) => void
}) {
  const { t } = useTranslation()
  return (
    <Dialog open={open} onClose={onClose} title={t('undo.title', { name })} closeLabel={t('common.close')} size="sm">
      {/* Mounted per opening: starts at the figure of that moment, and a refresh meanwhile does not overwrite what is typed. */}
      {open && <CorrectQuantityForm current={current} label={label} onSubmit={onSubmit} />}
    </Dialog>
  )
}

function CorrectQuantityForm({ current, label, onSubmit }: { current: number; label: string; onSubmit: (value: number) => void }) {
  const { t } = useTranslation()
  const f = useFormat()
  const [value, setValue] = useState<number | null>(current)
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault()
        if (value !== null) onSubmit(value)
      }}
    >
      <p className="muted">{t('undo.lead', { current: f.number(current) })}</p>
      <QuantityInput label={label} value={value} onChange={setValue} min={0} decreaseLabel={t('common.decrease')} increaseLabel={t('common.increase')} autoFocus />
      <Button type="submit" variant="primary" size="lg" block disabled={value === null || value === current}>
        {t('undo.save', { qty: f.number(value ?? 0) })}
      </Button>
    </form>
  )
}
