import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { Alert } from '../../../components/ui/alert'
import { Badge } from '../../../components/ui/badge'
import { Button } from '../../../components/ui/button'
import { Card } from '../../../components/ui/card'
import { Dialog } from '../../../components/ui/dialog'
import { Input } from '../../../components/ui/input'
import { Select } from '../../../components/ui/select'
import { Spinner } from '../../../components/ui/spinner'
import { Textarea } from '../../../components/ui/textarea'
import {
  itemRef,
  parseLines,
  useCancelCount,
  useCountReview,
  useCounts,
  useCreateCount,
  useCreateDelivery,
  useDeliveries,
  useImportDeliveries,
  useSubmitCount,
  type CountSummary,
  type NewCount,
} from '../../../features/admin/api/stock'
import { newClientId } from '../../../features/admin/lib/ids'
import { CountOverlapDetails, FlaggedItemsPreview } from '../../../features/counts/components/count-planning'
import { useFormat } from '../../../i18n/format'
import { isApiError } from '../../../lib/api-client'
import { can } from '../../../lib/authorization'
import { isNetworkFailure, useErrorText } from '../../../lib/error-text'
import { useCurrentStore } from '../../guards'
import { LoadError } from './corrections-screen'
import { SectionGate } from './section-gate'

export function StockScreen() {
  return (
    <SectionGate section="stock">
      <Stock />
    </SectionGate>
  )
}

const DELIVERY_TONE: Record<string, 'info' | 'warning' | 'success' | 'neutral'> = { expected: 'info', receiving: 'warning', closed: 'success', cancelled: 'neutral' }
const COUNT_TONE: Record<string, 'info' | 'warning' | 'success' | 'neutral'> = { open: 'info', recount: 'warning', submitted: 'success', cancelled: 'neutral' }

/** Counts and deliveries as the office plans them; the back room counts and receives. */
function Stock() {
  const { t } = useTranslation()
  const store = useCurrentStore()
  return (
    <div className="screen screen-padded">
      <header className="screen-head">
        <h1 className="screen-title">{t('office.stock.title')}</h1>
        <p className="screen-sub">{t('office.stock.lead', { store: store.name })}</p>
      </header>
      <div className="report-grid">
        {can(store, 'delivery.manage') && <Deliveries storeId={store.id} />}
        {can(store, 'count.manage') && <Counts storeId={store.id} />}
      </div>
    </div>
  )
}

function Deliveries({ storeId }: { storeId: string }) {
  const { t } = useTranslation()
  const f = useFormat()
  const list = useDeliveries(storeId)
  const [open, setOpen] = useState<'new' | 'import' | null>(null)
  const [all, setAll] = useState(false)
  // Open deliveries matter; the closed ones are history (the last few, the rest on request).
  const deliveries = list.data?.deliveries ?? []
  const openOnes = deliveries.filter((d) => d.status === 'expected' || d.status === 'receiving')
  const shown = all ? deliveries : [...openOnes, ...deliveries.filter((d) => !openOnes.includes(d)).slice(0, 3)]
  return (
    <Card
      title={t('office.stock.deliveries')}
      actions={
        <>
          <Button onClick={() => setOpen('import')}>{t('office.stock.importCsv')}</Button>
          <Button variant="primary" onClick={() => setOpen('new')}>
            {t('office.stock.newDelivery')}
          </Button>
        </>
      }
    >
      {list.isPending ? (
        <Spinner label={t('common.loading')} />
      ) : list.isError ? (
        <LoadError onRetry={() => void list.refetch()} />
      ) : deliveries.length === 0 ? (
        <p className="muted">{t('office.stock.noDeliveries')}</p>
      ) : (
        <>
          <ul className="simple-list">
            {shown.map((d) => (
              <li key={d.id}>
                <span className="cell-title">
                  {d.supplier} · {d.reference}
                </span>
                <span className="cell-sub">
                  {t('office.stock.deliveryLine', { lines: d.lineCount, expected: f.number(d.totals.expected), received: f.number(d.totals.received) })}
                  {d.expectedAt && ` · ${f.date(d.expectedAt)}`}
                </span>
                <Badge tone={DELIVERY_TONE[d.status] ?? 'neutral'}>{t(`office.stock.deliveryStatus.${d.status}`)}</Badge>
              </li>
            ))}
          </ul>
          {shown.length < deliveries.length && (
            <Button variant="ghost" onClick={() => setAll(true)}>
              {t('office.stock.showAll', { count: deliveries.length })}
            </Button>
          )}
        </>
      )}
      <Dialog open={open === 'new'} onClose={() => setOpen(null)} title={t('office.stock.newDelivery')} closeLabel={t('common.close')}>
        {open === 'new' && <NewDeliveryForm storeId={storeId} onDone={() => setOpen(null)} />}
      </Dialog>
      <Dialog open={open === 'import'} onClose={() => setOpen(null)} title={t('office.stock.importCsv')} closeLabel={t('common.close')}>
        {open === 'import' && <ImportForm storeId={storeId} onDone={() => setOpen(null)} />}
      </Dialog>
    </Card>
  )
}

function NewDeliveryForm({ storeId, onDone }: { storeId: string; onDone: () => void }) {
  const { t } = useTranslation()
  const create = useCreateDelivery(storeId)
  const [supplier, setSupplier] = useState('')
  const [reference, setReference] = useState('')
  const [expectedAt, setExpectedAt] = useState('')
  const [linesText, setLinesText] = useState('')
  const [tried, setTried] = useState(false)
  const parsed = parseLines(linesText)
  const linesError = tried && (parsed.lines.length === 0 ? t('office.stock.linesRequired') : parsed.bad.length > 0 ? t('office.stock.linesBad', { rows: parsed.bad.join(', ') }) : undefined)

  const submit = (e: FormEvent) => {
    e.preventDefault()
    setTried(true)
    if (!supplier.trim() || !reference.trim() || parsed.lines.length === 0 || parsed.bad.length > 0) return
    create.mutate(
      { id: newClientId(), supplier: supplier.trim(), reference: reference.trim(), ...(expectedAt ? { expectedAt } : {}), lines: parsed.lines },
      { onSuccess: onDone },
    )
  }
  return (
    <form className="step-up" onSubmit={submit} noValidate>
      <Input label={t('office.stock.supplier')} value={supplier} onChange={(e) => setSupplier(e.target.value)} error={tried && !supplier.trim() ? t('office.stock.required') : undefined} />
      <Input label={t('office.stock.reference')} value={reference} onChange={(e) => setReference(e.target.value)} error={tried && !reference.trim() ? t('office.stock.required') : undefined} />
      <Input label={t('office.stock.expectedAt')} type="date" value={expectedAt} onChange={(e) => setExpectedAt(e.target.value)} />
      <Textarea label={t('office.stock.lines')} hint={t('office.stock.linesHint')} rows={5} value={linesText} onChange={(e) => setLinesText(e.target.value)} error={linesError || undefined} />
      {create.isError && <ApiProblem error={create.error} />}
      <div className="step-up-actions">
        <Button onClick={onDone}>{t('office.common.cancel')}</Button>
        <Button type="submit" variant="primary" loading={create.isPending}>
          {t('office.stock.create')}
        </Button>
      </div>
    </form>
  )
}

function ImportForm({ storeId, onDone }: { storeId: string; onDone: () => void }) {
  const { t } = useTranslation()
  const importCsv = useImportDeliveries(storeId)
  const [csv, setCsv] = useState<string | null>(null)
  const [name, setName] = useState('')
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (csv) importCsv.mutate(csv)
  }
  return (
    <form className="step-up" onSubmit={submit} noValidate>
      <p className="muted">{t('office.stock.csvHint')}</p>
      <div className="field">
        <label className="field-label" htmlFor="csv-file">
          {t('office.stock.csvFile')}
        </label>
        <input
          id="csv-file"
          className="input file-input"
          type="file"
          accept=".csv,text/csv"
          onChange={async (e) => {
            const file = e.target.files?.[0]
            setName(file?.name ?? '')
            setCsv(file ? await file.text() : null)
          }}
        />
      </div>
      {importCsv.isSuccess && (
        <Alert tone="success" title={t('office.stock.imported', { count: importCsv.data.deliveries.length })}>
          {importCsv.data.deliveries.map((d) => `${d.supplier} · ${d.reference}`).join(', ')}
        </Alert>
      )}
      {importCsv.isError && <ApiProblem error={importCsv.error} />}
      <div className="step-up-actions">
        <Button onClick={onDone}>{importCsv.isSuccess ? t('common.close') : t('office.common.cancel')}</Button>
        {!importCsv.isSuccess && (
          <Button type="submit" variant="primary" loading={importCsv.isPending} disabled={!csv}>
            {name ? t('office.stock.importFile', { name }) : t('office.stock.importCsv')}
          </Button>
        )}
      </div>
    </form>
  )
}

/** An API refusal in words; CSV imports list the rows at fault. */
function ApiProblem({ error }: { error: Error }) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const rows = isApiError(error) && Array.isArray(error.details?.errors) ? (error.details.errors as Array<{ row: number; column?: string; message: string }>) : []
  return (
    <Alert tone="danger" title={isNetworkFailure(error) ? t('errors.unreachableTitle') : t('office.stock.refused')}>
      {errorText(error)}
      {rows.length > 0 && (
        <ul className="row-errors">
          {rows.map((r, i) => (
            <li key={i}>{t('office.stock.rowError', { row: r.row, message: r.column ? `${r.column}: ${r.message}` : r.message })}</li>
          ))}
        </ul>
      )}
    </Alert>
  )
}

const COUNT_KINDS = ['cycle', 'location', 'flagged', 'full'] as const
const COUNT_LOCATIONS = ['floor', 'stockroom', 'receiving', 'quarantine'] as const

function Counts({ storeId }: { storeId: string }) {
  const { t } = useTranslation()
  const f = useFormat()
  const list = useCounts(storeId)
  const [open, setOpen] = useState(false)
  const [reviewing, setReviewing] = useState<CountSummary | null>(null)
  return (
    <Card
      title={t('office.stock.counts')}
      actions={
        <Button variant="primary" onClick={() => setOpen(true)}>
          {t('office.stock.newCount')}
        </Button>
      }
    >
      {list.isPending ? (
        <Spinner label={t('common.loading')} />
      ) : list.isError ? (
        <LoadError onRetry={() => void list.refetch()} />
      ) : list.data.counts.length === 0 ? (
        <p className="muted">{t('office.stock.noCounts')}</p>
      ) : (
        <ul className="simple-list">
          {list.data.counts.map((c) => (
            <li key={c.id}>
              <span className="cell-title">
                {t(`office.stock.kinds.${c.kind}`)}
                {c.location && ` · ${t(`place.${c.location.kind}` as 'place.floor', { defaultValue: c.location.name })}`}
              </span>
              <span className="cell-sub">
                {t('office.stock.countProgress', { counted: f.number(c.progress.counted), lines: f.number(c.progress.lines) })} · {f.dateTime(c.createdAt)}
              </span>
              <span className="item-actions">
                <Badge tone={COUNT_TONE[c.status] ?? 'neutral'}>{t(`office.stock.countStatus.${c.status}`)}</Badge>
                {(c.status === 'open' || c.status === 'recount') && <Button onClick={() => setReviewing(c)}>{t('office.stock.review')}</Button>}
                {c.correctionId && (
                  <Link className="btn btn-ghost" to={`/stores/${storeId}/office/corrections/${c.correctionId}`}>
                    <span className="btn-label">{t('office.stock.toCorrection')}</span>
                  </Link>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      <Dialog open={open} onClose={() => setOpen(false)} title={t('office.stock.newCount')} closeLabel={t('common.close')}>
        {open && <NewCountForm storeId={storeId} onDone={() => setOpen(false)} />}
      </Dialog>
      <Dialog open={reviewing !== null} onClose={() => setReviewing(null)} title={t('office.stock.reviewTitle')} closeLabel={t('common.close')}>
        {reviewing && <CountReviewPanel storeId={storeId} count={reviewing} onDone={() => setReviewing(null)} />}
      </Dialog>
    </Card>
  )
}

function NewCountForm({ storeId, onDone }: { storeId: string; onDone: () => void }) {
  const { t } = useTranslation()
  const create = useCreateCount(storeId)
  const [kind, setKind] = useState<(typeof COUNT_KINDS)[number]>('cycle')
  const [location, setLocation] = useState<(typeof COUNT_LOCATIONS)[number]>('stockroom')
  const [items, setItems] = useState('')
  const [note, setNote] = useState('')
  const [tried, setTried] = useState(false)
  const refs = items.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean)
  const needsLocation = kind === 'cycle' || kind === 'location'
  const submit = (e: FormEvent) => {
    e.preventDefault()
    setTried(true)
    if (kind === 'cycle' && refs.length === 0) return
    const body: NewCount = {
      id: newClientId(),
      kind,
      ...(needsLocation ? { location } : {}),
      ...(kind === 'cycle' ? { items: refs.map(itemRef) } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    }
    create.mutate(body, { onSuccess: onDone })
  }
  return (
    <form className="step-up" onSubmit={submit} noValidate>
      <Select
        label={t('office.stock.kind')}
        value={kind}
        onChange={(e) => setKind(e.target.value as typeof kind)}
        options={COUNT_KINDS.map((k) => ({ value: k, label: t(`office.stock.kinds.${k}`) }))}
        hint={t(`office.stock.kindHints.${kind}`)}
      />
      {needsLocation && (
        <Select
          label={t('office.stock.location')}
          value={location}
          onChange={(e) => setLocation(e.target.value as typeof location)}
          options={COUNT_LOCATIONS.map((l) => ({ value: l, label: t(`place.${l}`) }))}
        />
      )}
      {kind === 'cycle' && (
        <Textarea
          label={t('office.stock.items')}
          hint={t('office.stock.itemsHint')}
          rows={4}
          value={items}
          onChange={(e) => setItems(e.target.value)}
          error={tried && refs.length === 0 ? t('office.stock.itemsRequired') : undefined}
        />
      )}
      {kind === 'flagged' && <FlaggedItemsPreview storeId={storeId} />}
      <Input label={t('office.stock.note')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} />
      {create.isError && <ApiProblem error={create.error} />}
      <CountOverlapDetails error={create.error} />
      <div className="step-up-actions">
        <Button onClick={onDone}>{t('office.common.cancel')}</Button>
        <Button type="submit" variant="primary" loading={create.isPending}>
          {t('office.stock.createCount')}
        </Button>
      </div>
    </form>
  )
}

/**
 * The count's variances as of counting time (the reviewer never counted: the server refuses counters),
 * then submit: large variances come back for a recount by someone else; otherwise one pending
 * correction is entered, which a second person confirms like any other.
 */
function CountReviewPanel({ storeId, count, onDone }: { storeId: string; count: CountSummary; onDone: () => void }) {
  const { t } = useTranslation()
  const f = useFormat()
  const review = useCountReview(storeId, count.id)
  const submit = useSubmitCount(storeId, count.id)
  const cancel = useCancelCount(storeId, count.id)
  const [uncountedAsZero, setUncountedAsZero] = useState(false)
  if (review.isPending) return <Spinner label={t('common.loading')} />
  if (review.isError) {
    return isApiError(review.error, 'COUNTER_CANNOT_REVIEW') ? (
      <Alert tone="info" title={t('office.stock.counterCannotReview')}>{t('office.stock.counterCannotReviewText')}</Alert>
    ) : (
      <ApiProblem error={review.error} />
    )
  }
  const r = review.data
  const done = submit.data
  return (
    <div className="step-up">
      <p>{t('office.stock.reviewTotals', { counted: f.number(r.totals.counted), lines: f.number(r.totals.lines), variance: f.number(r.totals.withVariance), value: f.money(r.totals.varianceValue) })}</p>
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('office.detail.item')}</th>
              <th scope="col" className="num">{t('office.stock.expected')}</th>
              <th scope="col" className="num">{t('office.stock.counted')}</th>
              <th scope="col" className="num">{t('office.stock.variance')}</th>
            </tr>
          </thead>
          <tbody>
            {r.lines.map((l) => (
              <tr key={`${l.locationId}-${l.item.id}`}>
                <td>
                  <span className="cell-title">{l.item.name}</span>
                  <span className="cell-sub">
                    {l.item.sku} · {t(`place.${l.locationKind}` as 'place.floor', { defaultValue: l.locationKind })}
                    {l.needsRecount && ` · ${t('office.stock.needsRecount')}`}
                  </span>
                </td>
                <td className="num">{f.number(l.expected)}</td>
                <td className="num">{l.counted === null ? '—' : f.number(l.counted)}</td>
                <td className={l.variance && l.variance < 0 ? 'num movement-out' : 'num'}>
                  {l.variance === null ? '—' : f.signedNumber(l.variance)}
                  {l.varianceValue ? <span className="cell-sub">{f.money(Math.abs(l.varianceValue))}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {r.totals.counted < r.totals.lines && (
        <label className="check">
          <input type="checkbox" checked={uncountedAsZero} onChange={(e) => setUncountedAsZero(e.target.checked)} />
          {t('office.stock.uncountedAsZero', { count: r.totals.lines - r.totals.counted })}
        </label>
      )}
      {done?.outcome === 'recount' && (
        <Alert tone="warning" title={t('office.stock.recountTitle')}>
          {t('office.stock.recountText', { items: done.recount.map((x) => x.name).join(', ') })}
        </Alert>
      )}
      {done?.outcome === 'submitted' && (
        <Alert tone="success" title={t('office.stock.submittedTitle')}>
          {done.correctionId ? (
            <Link to={`/stores/${storeId}/office/corrections/${done.correctionId}`}>{t('office.stock.submittedLink')}</Link>
          ) : (
            t('office.stock.noVariance')
          )}
        </Alert>
      )}
      {submit.isError && <ApiProblem error={submit.error} />}
      {cancel.isError && <ApiProblem error={cancel.error} />}
      <div className="step-up-actions">
        {done ? (
          <Button onClick={onDone}>{t('common.close')}</Button>
        ) : (
          <>
            <Button variant="danger" onClick={() => cancel.mutate(r.count.version, { onSuccess: onDone })} loading={cancel.isPending}>
              {t('office.stock.cancelCount')}
            </Button>
            <Button variant="primary" onClick={() => submit.mutate({ version: r.count.version, uncountedAsZero })} loading={submit.isPending}>
              {t('office.stock.submit')}
            </Button>
          </>
        )}
      </div>
    </div>
  )
}
