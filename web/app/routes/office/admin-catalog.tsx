import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Alert } from '../../../components/ui/alert'
import { Badge } from '../../../components/ui/badge'
import { Button } from '../../../components/ui/button'
import { Card } from '../../../components/ui/card'
import { ErrorAlert } from '../../../components/ui/error-alert'
import { Input } from '../../../components/ui/input'
import { Spinner } from '../../../components/ui/spinner'
import { useAdminReasonCodes, useItemFinder, useSaveReasonCode, useSetShelf } from '../../../features/admin/api/users'
import { useDebouncedValue } from '../../../hooks/use-debounced-value'
import { useCurrentStore } from '../../guards'
import { LoadError } from './corrections-screen'

/** Reason codes offered for corrections: add one, or take one out of use (history keeps it). */
export function ReasonCodesCard() {
  const { t, i18n } = useTranslation()
  const codes = useAdminReasonCodes()
  const save = useSaveReasonCode()
  const [form, setForm] = useState({ code: '', labelEn: '', labelDe: '', requiresNote: false })
  const [tried, setTried] = useState(false)
  const codeOk = /^[a-z][a-z0-9_]{1,31}$/.test(form.code)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    setTried(true)
    if (!codeOk || !form.labelEn.trim() || !form.labelDe.trim()) return
    save.mutate(
      { create: { code: form.code, labelEn: form.labelEn.trim(), labelDe: form.labelDe.trim(), requiresNote: form.requiresNote } },
      {
        onSuccess: () => {
          setForm({ code: '', labelEn: '', labelDe: '', requiresNote: false })
          setTried(false)
        },
      },
    )
  }
  return (
    <Card title={t('office.catalog.reasons')}>
      {codes.isPending ? (
        <Spinner label={t('common.loading')} />
      ) : codes.isError ? (
        <LoadError onRetry={() => void codes.refetch()} />
      ) : (
        <ul className="simple-list">
          {codes.data.reasonCodes.map((r) => (
            <li key={r.code}>
              <span className="cell-title">{i18n.language === 'de' ? r.labelDe : r.labelEn}</span>
              <span className="cell-sub">
                {r.code}
                {r.requiresNote && ` · ${t('office.catalog.needsNote')}`}
              </span>
              <span className="item-actions">
                {!r.active && <Badge>{t('office.catalog.inactive')}</Badge>}
                <Button onClick={() => save.mutate({ code: r.code, patch: { active: !r.active } })} loading={save.isPending && 'code' in (save.variables ?? {}) && (save.variables as { code: string }).code === r.code}>
                  {r.active ? t('office.catalog.deactivate') : t('office.catalog.activate')}
                </Button>
              </span>
            </li>
          ))}
        </ul>
      )}
      <form className="step-up catalog-form" onSubmit={submit} noValidate>
        <Input label={t('office.catalog.code')} value={form.code} onChange={(e) => setForm({ ...form, code: e.target.value.toLowerCase() })} hint={t('office.catalog.codeHint')} error={tried && !codeOk ? t('office.catalog.codeHint') : undefined} />
        <div className="two-up">
          <Input label={t('office.catalog.labelEn')} lang="en" value={form.labelEn} onChange={(e) => setForm({ ...form, labelEn: e.target.value })} error={tried && !form.labelEn.trim() ? t('office.stock.required') : undefined} />
          <Input label={t('office.catalog.labelDe')} lang="de" value={form.labelDe} onChange={(e) => setForm({ ...form, labelDe: e.target.value })} error={tried && !form.labelDe.trim() ? t('office.stock.required') : undefined} />
        </div>
        <label className="check">
          <input type="checkbox" checked={form.requiresNote} onChange={(e) => setForm({ ...form, requiresNote: e.target.checked })} />
          {t('office.catalog.needsNote')}
        </label>
        {save.isError && <ErrorAlert title={t('office.stock.refused')} error={save.error} overrides={{ DUPLICATE: t('office.catalog.duplicateReason') }} />}
        <div>
          <Button type="submit" variant="primary" loading={save.isPending && 'create' in (save.variables ?? {})}>
            {t('office.catalog.addReason')}
          </Button>
        </div>
      </form>
    </Card>
  )
}

/** Shelf minimum and target per item in this store: below the minimum the floor is asked to refill. */
export function ShelfCard() {
  const { t } = useTranslation()
  const store = useCurrentStore()
  const [q, setQ] = useState('')
  const debounced = useDebouncedValue(q, 250)
  const found = useItemFinder(store.id, debounced)
  const save = useSetShelf(store.id)
  const [picked, setPicked] = useState<{ id: string; name: string; sku: string } | null>(null)
  const [min, setMin] = useState('')
  const [target, setTarget] = useState('')
  const minN = Number(min)
  const targetN = Number(target)
  const valid = min !== '' && target !== '' && Number.isInteger(minN) && Number.isInteger(targetN) && minN >= 0 && targetN >= minN
  return (
    <Card title={t('office.catalog.shelf')}>
      <p className="muted card-lead">{t('office.catalog.shelfText', { store: store.name })}</p>
      <Input label={t('office.catalog.findItem')} type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('office.catalog.findItemPlaceholder')} />
      {found.data && !picked && (
        <ul className="simple-list">
          {found.data.items.slice(0, 6).map((i) => (
            <li key={i.id}>
              <span className="cell-title">{i.name}</span>
              <span className="cell-sub">{i.sku}</span>
              <span className="item-actions">
                <Button onClick={() => { setPicked(i); save.reset() }}>{t('office.catalog.pick')}</Button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {picked && (
        <form
          className="step-up"
          noValidate
          onSubmit={(e) => {
            e.preventDefault()
            if (valid) save.mutate({ itemId: picked.id, shelfMin: minN, shelfTarget: targetN })
          }}
        >
          <p className="cell-title">
            {picked.name} · {picked.sku}
          </p>
          <div className="two-up">
            <Input label={t('office.catalog.shelfMin')} inputMode="numeric" value={min} onChange={(e) => setMin(e.target.value)} />
            <Input label={t('office.catalog.shelfTarget')} inputMode="numeric" value={target} onChange={(e) => setTarget(e.target.value)} error={min !== '' && target !== '' && targetN < minN ? t('office.catalog.targetBelowMin') : undefined} />
          </div>
          {save.isSuccess && <Alert tone="success" title={t('office.common.saved')} />}
          {save.isError && <ErrorAlert title={t('office.stock.refused')} error={save.error} />}
          <div className="decision-actions">
            <Button onClick={() => setPicked(null)}>{t('office.catalog.otherItem')}</Button>
            <Button type="submit" variant="primary" loading={save.isPending} disabled={!valid}>
              {t('office.common.save')}
            </Button>
          </div>
        </form>
      )}
    </Card>
  )
}
