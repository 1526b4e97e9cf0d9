import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { Alert } from '../../../components/ui/alert'
import { Button } from '../../../components/ui/button'
import { Card } from '../../../components/ui/card'
import { EmptyState } from '../../../components/ui/empty-state'
import { CheckIcon, SearchIcon } from '../../../components/ui/icons'
import { Input } from '../../../components/ui/input'
import { Segmented } from '../../../components/ui/segmented'
import { Select } from '../../../components/ui/select'
import { Spinner } from '../../../components/ui/spinner'
import { useCorrections, type CorrectionListItem } from '../../../features/corrections-review/api/get-corrections'
import { CORRECTION_STATUSES, type CorrectionStatus } from '../../../features/corrections-review/api/keys'
import { CorrectionList } from '../../../features/corrections-review/components/correction-list'
import { reasonLabel } from '../../../features/corrections-review/lib/labels'
import { useCurrentStore } from '../../guards'
import { SectionGate } from './section-gate'

type View = 'waiting' | 'history'

export function CorrectionsScreen() {
  return (
    <SectionGate section="corrections">
      <Corrections />
    </SectionGate>
  )
}

/** This store's corrections: what waits for my decision, and the history with filters. */
function Corrections() {
  const { t } = useTranslation()
  const store = useCurrentStore()
  const [params, setParams] = useSearchParams()
  const view: View = params.get('view') === 'history' ? 'history' : 'waiting'
  const set = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev)
        if (value === null || value === '') next.delete(key)
        else next.set(key, value)
        return next
      },
      { replace: true },
    )

  return (
    <div className="screen screen-padded">
      <header className="screen-head screen-head-row">
        <div>
          <h1 className="screen-title">{t('office.corrections.title')}</h1>
          <p className="screen-sub">{t('office.corrections.lead', { store: store.name })}</p>
        </div>
        <Segmented<View>
          label={t('office.corrections.view')}
          value={view}
          onChange={(v) => set('view', v === 'waiting' ? null : v)}
          options={[
            { value: 'waiting', label: t('office.corrections.waiting') },
            { value: 'history', label: t('office.corrections.history') },
          ]}
        />
      </header>
      {view === 'waiting' ? <Waiting storeId={store.id} /> : <History storeId={store.id} params={params} set={set} />}
    </div>
  )
}

const detailHref = (c: CorrectionListItem) => `/stores/${c.storeId}/office/corrections/${c.id}`

function Waiting({ storeId }: { storeId: string }) {
  const { t } = useTranslation()
  const pending = useCorrections(storeId, { status: 'pending' })
  if (pending.isPending) return <Spinner size="lg" label={t('common.loading')} />
  if (pending.isError) return <LoadError onRetry={() => void pending.refetch()} />
  // Oldest first: the ones that have waited longest are decided first.
  const all = [...pending.data.corrections].sort((a, b) => a.enteredAt.localeCompare(b.enteredAt))
  const mine = all.filter((c) => c.canConfirm.ok)
  const others = all.filter((c) => !c.canConfirm.ok)
  return (
    <div className="stack">
      <Card title={t('office.corrections.forMe', { count: mine.length })}>
        {mine.length === 0 ? (
          <EmptyState icon={<CheckIcon size={40} />} title={t('office.corrections.nothingForMe')}>
            {t('office.corrections.nothingForMeText')}
          </EmptyState>
        ) : (
          <CorrectionList corrections={mine} hrefFor={detailHref} show="verdict" label={t('office.corrections.forMeLabel')} />
        )}
      </Card>
      {others.length > 0 && (
        <Card title={t('office.corrections.othersPending', { count: others.length })}>
          <p className="muted card-lead">{t('office.corrections.othersPendingText')}</p>
          <CorrectionList corrections={others} hrefFor={detailHref} show="verdict" label={t('office.corrections.othersLabel')} />
        </Card>
      )}
    </div>
  )
}

function History({ storeId, params, set }: { storeId: string; params: URLSearchParams; set: (k: string, v: string | null) => void }) {
  const { t, i18n } = useTranslation()
  const statusParam = params.get('status')
  const status = (CORRECTION_STATUSES as readonly string[]).includes(statusParam ?? '') ? (statusParam as CorrectionStatus) : undefined
  const mine = params.get('mine') === 'true'
  const q = params.get('q') ?? ''
  const list = useCorrections(storeId, { status, mine })
  const shown = useMemo(() => {
    const needle = q.trim().toLowerCase()
    const rows = list.data?.corrections ?? []
    if (!needle) return rows
    return rows.filter((c) =>
      [c.enteredByName, c.decidedByName ?? '', reasonLabel(c.reasonLabel, c.reasonCode, i18n.language), ...c.itemNames, c.note ?? '']
        .some((v) => v.toLowerCase().includes(needle)),
    )
  }, [list.data, q, i18n.language])

  return (
    <div className="stack">
      <div className="filters" role="search" aria-label={t('office.filters.label')}>
        <Select
          label={t('office.filters.status')}
          value={status ?? ''}
          onChange={(e) => set('status', e.target.value || null)}
          options={[{ value: '', label: t('office.filters.any') }, ...CORRECTION_STATUSES.map((s) => ({ value: s, label: t(`office.status.${s}`) }))]}
        />
        <Select
          label={t('office.filters.enteredBy')}
          value={mine ? 'true' : ''}
          onChange={(e) => set('mine', e.target.value || null)}
          options={[
            { value: '', label: t('office.filters.anyone') },
            { value: 'true', label: t('office.filters.me') },
          ]}
        />
        <Input
          label={t('office.filters.search')}
          type="search"
          value={q}
          placeholder={t('office.filters.searchPlaceholder')}
          onChange={(e) => set('q', e.target.value || null)}
          leading={<SearchIcon />}
        />
      </div>
      {list.isPending ? (
        <Spinner size="lg" label={t('common.loading')} />
      ) : list.isError ? (
        <LoadError onRetry={() => void list.refetch()} />
      ) : shown.length === 0 ? (
        <EmptyState title={t('office.corrections.noneFound')}>{t('office.corrections.noneFoundText')}</EmptyState>
      ) : (
        <>
          <p className="muted" aria-live="polite">
            {t('office.corrections.shown', { count: shown.length })}
          </p>
          <CorrectionList corrections={shown} hrefFor={detailHref} show="status" label={t('office.corrections.historyLabel')} />
        </>
      )}
    </div>
  )
}

export function LoadError({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation()
  return (
    <Alert tone="danger" title={t('errors.genericTitle')} action={<Button onClick={onRetry}>{t('common.retry')}</Button>}>
      {t('office.common.loadFailed')}
    </Alert>
  )
}
