import { type ReactNode, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { uuidv7 } from 'uuidv7'
import { Alert } from '../../../components/ui/alert'
import { Button } from '../../../components/ui/button'
import { TrashIcon } from '../../../components/ui/icons'
import { QuantityInput } from '../../../components/ui/quantity-input'
import { Select } from '../../../components/ui/select'
import { Textarea } from '../../../components/ui/textarea'
import { useErrorText } from '../../../lib/error-text'
import { useOnline } from '../../../lib/online'
import { type Transfer, useCreateTransfer } from '../api/transfers'

export type TransferItem = { id: string; sku: string; name: string }
export type StoreOption = { id: string; code: string; name: string }
type Line = { item: TransferItem; quantity: number | null }

/** Draft a transfer: destination store, lines by scan or search, note; then ship it from its page. */
export function NewTransfer({
  storeId,
  destinations,
  picker,
  lines,
  onLinesChange,
  onCreated,
}: {
  storeId: string
  destinations: StoreOption[]
  picker: ReactNode
  lines: Line[]
  onLinesChange: (lines: Line[]) => void
  onCreated: (transfer: Transfer) => void
}) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const online = useOnline()
  const create = useCreateTransfer(storeId)
  const [id] = useState(uuidv7)
  const [to, setTo] = useState('')
  const [note, setNote] = useState('')
  const [touched, setTouched] = useState(false)
  const dest = to || destinations[0]?.id || ''
  const valid = !!dest && lines.length > 0 && lines.every((l) => l.quantity)

  // The picker has its own search form: it sits beside this form, not inside it.
  return (
    <div className="stack">
      {picker}
      <form
        className="stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          setTouched(true)
          if (!valid) return
          create.mutate(
            { id, toStoreId: dest, ...(note.trim() ? { note: note.trim() } : {}), lines: lines.map((l) => ({ itemId: l.item.id, quantity: l.quantity! })) },
            { onSuccess: onCreated },
          )
        }}
      >
        {destinations.length === 0 ? (
          <Alert tone="info">{t('transfer.noDestinations')}</Alert>
        ) : (
          <Select label={t('transfer.destination')} value={dest} onChange={(e) => setTo(e.target.value)} options={destinations.map((d) => ({ value: d.id, label: `${d.code} · ${d.name}` }))} />
        )}
        <ul className="line-list">
          {lines.map((l, i) => (
            <li key={l.item.id} className="line-card">
              <div className="line-head">
                <span className="line-title">{l.item.name}</span>
                <span className="line-sub">{l.item.sku}</span>
                <Button variant="ghost" icon={<TrashIcon />} aria-label={t('correct.removeLine', { name: l.item.name })} onClick={() => onLinesChange(lines.filter((_, j) => j !== i))} />
              </div>
              <QuantityInput
                label={t('transfer.quantity')}
                value={l.quantity}
                onChange={(quantity) => onLinesChange(lines.map((x, j) => (j === i ? { ...x, quantity } : x)))}
                min={1}
                decreaseLabel={t('common.decrease')}
                increaseLabel={t('common.increase')}
              />
            </li>
          ))}
        </ul>
        {touched && lines.length === 0 && <p className="field-error">{t('correct.needLine')}</p>}
        <Textarea label={t('report.note')} value={note} maxLength={500} rows={2} onChange={(e) => setNote(e.target.value)} />
        {create.isError && <Alert tone="danger">{errorText(create.error)}</Alert>}
        {!online && <Alert tone="info">{t('transfer.needsServer')}</Alert>}
        <Button type="submit" variant="primary" size="lg" block disabled={!online} loading={create.isPending}>
          {t('transfer.create')}
        </Button>
      </form>
    </div>
  )
}
