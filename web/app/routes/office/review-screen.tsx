import { useQueryClient } from '@tanstack/react-query'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { Alert } from '../../../components/ui/alert'
import { Button } from '../../../components/ui/button'
import { EmptyState } from '../../../components/ui/empty-state'
import { CloseIcon } from '../../../components/ui/icons'
import { Input } from '../../../components/ui/input'
import { Select } from '../../../components/ui/select'
import { Dialog } from '../../../components/ui/dialog'
import { Spinner } from '../../../components/ui/spinner'
import { Textarea } from '../../../components/ui/textarea'
import { useSession } from '../../../features/auth/api/use-session'
import { decideCorrection, invalidateAfterDecision } from '../../../features/corrections-review/api/decide-correction'
import { useReasonCodes } from '../../../features/corrections-review/api/get-reason-codes'
import { isTier, reasonLabel as labelOf, TIERS } from '../../../features/corrections-review/lib/labels'
import { useEscalate, useReviewQueue, type ReviewRow } from '../../../features/review/api/get-review'
import { ReviewList } from '../../../features/review/components/review-list'
import { mayEscalate } from '../../../features/review/lib/escalation'
import { useErrorText } from '../../../lib/error-text'
import {
  AGE_CHOICES,
  centsToEuros,
  DATE_KEYS,
  dateFieldOf,
  DRILL_ONLY,
  eurosToCents,
  KNOWN_REASONS,
  REVIEW_SORTS,
  reviewQuery,
  switchDateField,
  type DateField,
} from '../../../features/review/lib/filters'
import { StepUpDialog, type StepUpResult } from '../../../features/step-up/components/step-up-dialog'
import { useOnline } from '../../../features/step-up/lib/use-online'
import { categoryLabel } from '../../../features/reports/lib/categories'
import { useFormat } from '../../../i18n/format'
import { useApiClient } from '../../../lib/api-client'
import { can } from '../../../lib/authorization'
import { useCurrentStore } from '../../guards'
import { LoadError } from './corrections-screen'
import { SectionGate } from './section-gate'

export function ReviewScreen() {
  return (
    <SectionGate section="review">
      <Review />
    </SectionGate>
  )
}

type Deciding = { row: ReviewRow; decision: 'confirm' | 'reject' }

/**
 * The regional review queue: every correction in the stores I may read, filtered and sorted on the
 * server; the ones I may decide carry confirm/reject (each with my PIN), overdue ones may be escalated.
 */
function Review() {
  const { t, i18n } = useTranslation()
  const f = useFormat()
  const api = useApiClient()
  const queryClient = useQueryClient()
  const me = useSession()
  const store = useCurrentStore()
  const online = useOnline()
  const [search, setSearch] = useSearchParams()
  const query = useMemo(() => reviewQuery(search), [search])
  const queue = useReviewQueue(query)
  const reasons = useReasonCodes(store.id, can(store, 'correction.report'))
  const escalate = useEscalate()
  const errorText = useErrorText()
  const [deciding, setDeciding] = useState<Deciding | null>(null)
  const [escalating, setEscalating] = useState<ReviewRow | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  // The value fields keep what is typed until it is applied; a new generation clears them (Reset).
  const [generation, setGeneration] = useState(0)

  const set = (key: string, value: string | null) =>
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev)
        if (value === null || value === '') next.delete(key)
        else next.set(key, value)
        return next
      },
      { replace: true },
    )

  const rows = queue.data?.pages.flatMap((p) => p.corrections) ?? []
  // Regional managers and auditors do not enter corrections (no reason-code list): fall back to known labels.
  const reasonLabel = (code: string) => {
    const fromApi = reasons.data?.reasonCodes.find((r) => r.code === code)?.label
    return fromApi ? labelOf(fromApi, code, i18n.language) : t(`office.reasons.${code as 'damaged'}`, { defaultValue: code })
  }
  const reasonCodes = reasons.data?.reasonCodes.map((r) => r.code) ?? [...KNOWN_REASONS]
  const readable = me.stores.filter((s) => can(s, 'correction.read'))
  const people = new Map<string, string>()
  for (const r of rows) people.set(r.enteredBy.id, r.enteredBy.name)
  const enteredBy = search.get('enteredBy')
  if (enteredBy && !people.has(enteredBy)) people.set(enteredBy, t('office.review.selectedPerson'))
  const drills = DRILL_ONLY.filter((k) => search.get(k))
  const dateField = dateFieldOf(search)
  const [fromKey, toKey] = DATE_KEYS[dateField]
  const window = queue.data?.pages[0]?.window ?? null

  const submit = async ({ decision, reason, credentials }: StepUpResult) => {
    if (!deciding) return
    const { row } = deciding
    try {
      await decideCorrection(api, row.storeId, row.id, decision === 'confirm' ? { kind: 'confirm', version: row.version, credentials } : { kind: 'reject', version: row.version, reason, credentials })
    } finally {
      void invalidateAfterDecision(queryClient, row.storeId)
    }
    setNotice(t(decision === 'confirm' ? 'office.review.confirmedNotice' : 'office.review.rejectedNotice', { store: row.storeCode, value: f.money(row.value) }))
    setDeciding(null)
  }

  const sendEscalation = (note: string) => {
    if (!escalating) return
    const row = escalating
    escalate.mutate(
      { id: row.id, ...(note.trim() ? { note: note.trim() } : {}) },
      {
        onSuccess: () => {
          setNotice(t('office.review.escalatedNotice', { store: row.storeCode, value: f.money(row.value) }))
          setEscalating(null)
        },
      },
    )
  }

  return (
    <div className="screen screen-padded">
      <header className="screen-head">
        <h1 className="screen-title">{t('office.review.title')}</h1>
        <p className="screen-sub">{t('office.review.lead', { count: readable.length })}</p>
      </header>

      <div className="filters" role="search" aria-label={t('office.filters.label')}>
        <Select
          label={t('office.review.store')}
          value={search.get('storeIds') ?? ''}
          onChange={(e) => set('storeIds', e.target.value)}
          options={[{ value: '', label: t('office.review.allStores') }, ...readable.map((s) => ({ value: s.id, label: `${s.code} · ${s.name}` }))]}
        />
        <Select
          label={t('office.filters.status')}
          value={search.get('status') ?? 'pending'}
          onChange={(e) => set('status', e.target.value === 'pending' ? null : e.target.value)}
          options={[
            { value: 'pending', label: t('office.status.pending') },
            { value: 'confirmed', label: t('office.status.confirmed') },
            { value: 'rejected', label: t('office.status.rejected') },
            { value: 'cancelled', label: t('office.status.cancelled') },
            { value: 'any', label: t('office.filters.any') },
          ]}
        />
        <Select
          label={t('office.review.tier')}
          value={search.get('tier') ?? ''}
          onChange={(e) => set('tier', e.target.value)}
          options={[{ value: '', label: t('office.review.anyTier') }, ...TIERS.map((tier) => ({ value: tier, label: t(`office.tier.${tier}`) }))]}
        />
        <Select
          label={t('office.review.reason')}
          value={search.get('reason') ?? ''}
          onChange={(e) => set('reason', e.target.value)}
          options={[
            { value: '', label: t('office.review.anyReason') },
            ...reasonCodes.map((code) => ({ value: code, label: reasonLabel(code) })),
            ...(search.get('reason') && !reasonCodes.includes(search.get('reason')!) ? [{ value: search.get('reason')!, label: reasonLabel(search.get('reason')!) }] : []),
          ]}
        />
        <Input
          key={`min-${generation}-${search.get('minValue') ?? ''}`}
          label={t('office.review.minValue')}
          inputMode="decimal"
          defaultValue={centsToEuros(search.get('minValue'))}
          onBlur={(e) => set('minValue', eurosToCents(e.target.value))}
          onKeyDown={(e) => e.key === 'Enter' && set('minValue', eurosToCents(e.currentTarget.value))}
        />
        <Input
          key={`max-${generation}-${search.get('maxValue') ?? ''}`}
          label={t('office.review.maxValue')}
          inputMode="decimal"
          defaultValue={centsToEuros(search.get('maxValue'))}
          onBlur={(e) => set('maxValue', eurosToCents(e.target.value))}
          onKeyDown={(e) => e.key === 'Enter' && set('maxValue', eurosToCents(e.currentTarget.value))}
        />
        <Select
          label={t('office.review.person')}
          value={enteredBy ?? ''}
          onChange={(e) => set('enteredBy', e.target.value)}
          options={[{ value: '', label: t('office.filters.anyone') }, ...[...people].map(([id, name]) => ({ value: id, label: name }))]}
        />
        <Select
          label={t('office.review.age')}
          value={search.get('olderThanHours') ?? ''}
          onChange={(e) => set('olderThanHours', e.target.value)}
          options={[{ value: '', label: t('office.review.anyAge') }, ...AGE_CHOICES.map((h) => ({ value: h, label: t(`office.review.olderThan.${h}`) }))]}
        />
        <Select
          label={t('office.review.dates')}
          value={dateField}
          onChange={(e) => setSearch((prev) => switchDateField(prev, e.target.value as DateField), { replace: true })}
          options={[
            { value: 'entered', label: t('office.review.datesBy.entered') },
            { value: 'decided', label: t('office.review.datesBy.decided') },
          ]}
        />
        <Input
          label={t('office.review.from')}
          type="date"
          value={search.get(fromKey) ?? ''}
          max={search.get(toKey) ?? undefined}
          onChange={(e) => set(fromKey, e.target.value)}
        />
        <Input
          label={t('office.review.to')}
          type="date"
          value={search.get(toKey) ?? ''}
          min={search.get(fromKey) ?? undefined}
          onChange={(e) => set(toKey, e.target.value)}
        />
        <Select
          label={t('office.review.sort')}
          value={search.get('sort') ?? 'oldest'}
          onChange={(e) => set('sort', e.target.value === 'oldest' ? null : e.target.value)}
          options={REVIEW_SORTS.map((s) => ({ value: s, label: t(`office.review.sorts.${s}`) }))}
        />
        <label className="check">
          <input type="checkbox" checked={search.get('overdue') === 'true'} onChange={(e) => set('overdue', e.target.checked ? 'true' : null)} />
          {t('office.review.overdueOnly')}
        </label>
        <label className="check">
          <input type="checkbox" checked={search.get('escalated') === 'true'} onChange={(e) => set('escalated', e.target.checked ? 'true' : null)} />
          {t('office.review.escalatedOnly')}
        </label>
        <Button
          onClick={() => {
            setSearch(new URLSearchParams(), { replace: true })
            setGeneration((g) => g + 1)
          }}
        >
          {t('office.common.reset')}
        </Button>
      </div>

      {drills.length > 0 && (
        <div className="chips" aria-label={t('office.review.drillLabel')}>
          <span className="muted">{t('office.review.drillLabel')}:</span>
          {drills.map((k) => {
            const raw = search.get(k) ?? ''
            // Days read as dates in the person's language; other values as sent.
            const value = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? f.date(`${raw}T12:00:00Z`) : k === 'category' ? categoryLabel(t, raw) : raw
            const name = t(`office.review.drill.${k as 'itemId'}`, { value })
            return (
              <span key={k} className="chip">
                {name}
                <button type="button" className="chip-x" onClick={() => set(k, null)} aria-label={t('office.review.removeFilter', { name })}>
                  <CloseIcon size={16} />
                </button>
              </span>
            )
          })}
        </div>
      )}

      {notice && (
        <Alert tone="success" title={notice} action={<Button variant="ghost" onClick={() => setNotice(null)}>{t('common.close')}</Button>} />
      )}
      {window && (
        <p className="muted" data-testid="review-window">
          {t('office.review.window', { date: f.date(`${window.enteredFrom}T12:00:00Z`) })}
        </p>
      )}

      {queue.isPending ? (
        <Spinner size="lg" label={t('common.loading')} />
      ) : queue.isError ? (
        <LoadError onRetry={() => void queue.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title={t('office.corrections.noneFound')}>{t('office.corrections.noneFoundText')}</EmptyState>
      ) : (
        <>
          <p className="muted" aria-live="polite">
            {queue.hasNextPage ? t('office.review.shownMore', { count: rows.length }) : t('office.corrections.shown', { count: rows.length })}
          </p>
          <ReviewList
            rows={rows}
            reasonLabel={reasonLabel}
            hrefFor={(r) => `/stores/${r.storeId}/office/corrections/${r.id}`}
            onDecide={(row, decision) => setDeciding({ row, decision })}
            canEscalate={(r) => mayEscalate(r, me)}
            onEscalate={(r) => {
              escalate.reset()
              setEscalating(r)
            }}
            escalating={escalate.isPending ? (escalate.variables?.id ?? null) : null}
            online={online}
          />
          {queue.hasNextPage && (
            <Button onClick={() => void queue.fetchNextPage()} loading={queue.isFetchingNextPage}>
              {t('office.common.loadMore')}
            </Button>
          )}
        </>
      )}

      <Dialog open={escalating !== null} onClose={() => setEscalating(null)} title={t('office.review.escalateTitle')} closeLabel={t('common.close')} size="sm">
        {escalating && (
          <EscalateForm
            summary={`${f.money(escalating.value)} · ${reasonLabel(escalating.reasonCode)} · ${escalating.storeCode} · ${t('office.list.enteredBy', { name: escalating.enteredBy.name })}`}
            error={escalate.isError ? errorText(escalate.error) : null}
            pending={escalate.isPending}
            online={online}
            onCancel={() => setEscalating(null)}
            onSubmit={sendEscalation}
          />
        )}
      </Dialog>

      <StepUpDialog
        open={deciding !== null}
        onClose={() => setDeciding(null)}
        mode="self"
        decision={deciding?.decision ?? 'confirm'}
        person={{ name: me.user.name, employeeNo: me.user.employeeNo }}
        tier={deciding && isTier(deciding.row.effectiveTier) ? deciding.row.effectiveTier : undefined}
        summary={
          deciding && (
            <p>
              <strong>{f.money(deciding.row.value)}</strong> · {reasonLabel(deciding.row.reasonCode)} · {deciding.row.storeCode} · {t('office.list.enteredBy', { name: deciding.row.enteredBy.name })}
            </p>
          )
        }
        onSubmit={submit}
        onReload={() => {
          setDeciding(null)
          void queue.refetch()
        }}
      />
    </div>
  )
}

/** Escalating asks the region to look at an overdue correction: said in words, with an optional note. */
function EscalateForm(props: { summary: string; error: string | null; pending: boolean; online: boolean; onCancel: () => void; onSubmit: (note: string) => void }) {
  const { t } = useTranslation()
  const [note, setNote] = useState('')
  return (
    <form
      className="step-up"
      onSubmit={(e) => {
        e.preventDefault()
        props.onSubmit(note)
      }}
    >
      <p className="step-up-lead">{t('office.review.escalateText')}</p>
      <p className="step-up-summary">{props.summary}</p>
      <Textarea label={t('office.review.escalateNote')} hint={t('office.review.escalateNoteHint')} value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
      {props.error && (
        <Alert tone="danger" title={t('office.review.escalateFailed')}>
          {props.error}
        </Alert>
      )}
      <div className="decision-actions">
        <Button type="button" onClick={props.onCancel}>
          {t('office.common.cancel')}
        </Button>
        <Button type="submit" variant="primary" loading={props.pending} disabled={!props.online}>
          {t('office.review.escalateSend')}
        </Button>
      </div>
    </form>
  )
}
