import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Alert } from '../../../components/ui/alert'
import { Button } from '../../../components/ui/button'
import { Card } from '../../../components/ui/card'
import { Input } from '../../../components/ui/input'
import { Select } from '../../../components/ui/select'
import { Spinner } from '../../../components/ui/spinner'
import {
  type StoreTierPolicy,
  type TierPolicyInput,
  type TierPolicyValues,
  useRemoveStoreTierPolicy,
  useSetTierPolicy,
  useStoreTierPolicy,
} from '../../../features/admin/api/tier-policy'
import { eurosToCents } from '../../../features/review/lib/filters'
import { useFormat } from '../../../i18n/format'
import { LoadError } from './corrections-screen'

type Scope = 'store' | 'chain'
type MoneyField = 'leadMax' | 'storeManagerMax' | 'recountValue'
type CountField = 'escalateAfterHours' | 'recountUnits'
/** What the person typed or ticked; a field they did not touch is absent and keeps the server's value. */
type Edits = Partial<Record<MoneyField | CountField, string>> & { allowNegativeStockroom?: boolean }

/** Minor units as the form shows them: "50" for 5 000, "12.5" for 1 250. */
const euros = (cents: number) => String(cents / 100)

/** The policy an edit starts from: the store's effective one, or the chain's (or the defaults). */
export const baseFor = (data: StoreTierPolicy, scope: Scope): TierPolicyValues =>
  scope === 'store' ? data.effective : (data.chain ?? data.defaults)

/**
 * The body to send: every value of the starting policy, with only the fields the person changed
 * replaced. Untouched fields are sent as they are (a new store override copies the chain's values
 * instead of falling back to the server's defaults). Null while an edited field is invalid.
 */
export function policyBody(base: TierPolicyValues, edits: Edits): TierPolicyInput | null {
  const money = (field: MoneyField) => {
    if (edits[field] === undefined) return base[field]
    const cents = eurosToCents(edits[field])
    return cents === null ? null : Number(cents)
  }
  const count = (field: CountField, min: number, max: number) => {
    if (edits[field] === undefined) return base[field]
    const n = Number(edits[field].trim())
    return edits[field].trim() !== '' && Number.isInteger(n) && n >= min && n <= max ? n : null
  }
  const body = {
    leadMax: money('leadMax'),
    storeManagerMax: money('storeManagerMax'),
    allowNegativeStockroom: edits.allowNegativeStockroom ?? base.allowNegativeStockroom,
    recountUnits: count('recountUnits', 0, 1_000_000),
    recountValue: money('recountValue'),
    escalateAfterHours: count('escalateAfterHours', 1, 24 * 90),
  }
  if (Object.values(body).some((v) => v === null)) return null
  if (body.storeManagerMax! < body.leadMax!) return null
  return body as TierPolicyInput
}

const changed = (base: TierPolicyValues, body: TierPolicyInput) =>
  (Object.keys(body) as Array<keyof TierPolicyInput>).some((k) => body[k] !== base[k])

/**
 * Approval thresholds: what applies to this store and where it comes from. Administrators edit the
 * store's or the chain's, starting from the values in force; everyone else with `policy.read` reads them.
 */
export function ThresholdsCard({ storeId, storeName, canManage }: { storeId: string; storeName: string; canManage: boolean }) {
  const { t } = useTranslation()
  const policy = useStoreTierPolicy(storeId)
  return (
    <Card title={t('office.admin.tiers')}>
      <p className="muted card-lead">{t('office.admin.tiersText')}</p>
      {policy.isPending ? (
        <Spinner label={t('common.loading')} />
      ) : policy.isError ? (
        <LoadError onRetry={() => void policy.refetch()} />
      ) : canManage ? (
        <ThresholdsForm data={policy.data} storeId={storeId} storeName={storeName} />
      ) : (
        <>
          <Source data={policy.data} />
          <PolicyFacts values={policy.data.effective} />
          <p className="muted">{t('office.admin.tiersReadOnly')}</p>
        </>
      )}
    </Card>
  )
}

function Source({ data }: { data: StoreTierPolicy }) {
  const { t } = useTranslation()
  const f = useFormat()
  const row = data.source === 'store' ? data.store : data.source === 'chain' ? data.chain : null
  return (
    <p data-testid="policy-source">
      <strong>{t(`office.admin.tiersSource.${data.source}`)}</strong>
      {row?.updatedByName && <> {t('office.admin.tiersUpdated', { name: row.updatedByName, at: f.dateTime(row.updatedAt) })}</>}
    </p>
  )
}

function PolicyFacts({ values }: { values: TierPolicyValues }) {
  const { t } = useTranslation()
  const f = useFormat()
  return (
    <dl className="facts">
      <dt>{t('office.admin.leadMax')}</dt>
      <dd>{f.money(values.leadMax)}</dd>
      <dt>{t('office.admin.managerMax')}</dt>
      <dd>{f.money(values.storeManagerMax)}</dd>
      <dt>{t('office.admin.escalateAfter')}</dt>
      <dd>{t('office.admin.hours', { count: values.escalateAfterHours })}</dd>
      <dt>{t('office.admin.recountUnits')}</dt>
      <dd>{f.number(values.recountUnits)}</dd>
      <dt>{t('office.admin.recountValue')}</dt>
      <dd>{f.money(values.recountValue)}</dd>
      <dt>{t('office.admin.negativeStock')}</dt>
      <dd>{values.allowNegativeStockroom ? t('office.admin.negativeAllowed') : t('office.admin.negativeRefused')}</dd>
    </dl>
  )
}

function ThresholdsForm({ data, storeId, storeName }: { data: StoreTierPolicy; storeId: string; storeName: string }) {
  const { t } = useTranslation()
  const f = useFormat()
  const save = useSetTierPolicy()
  const remove = useRemoveStoreTierPolicy(storeId)
  const [scope, setScope] = useState<Scope>('store')
  const [edits, setEdits] = useState<Edits>({})
  const base = baseFor(data, scope)
  const body = policyBody(base, edits)
  const dirty = body !== null && changed(base, body)

  const text = (field: MoneyField | CountField) => edits[field] ?? (field === 'escalateAfterHours' || field === 'recountUnits' ? String(base[field]) : euros(base[field]))
  const edit = (field: MoneyField | CountField) => (e: { target: { value: string } }) => setEdits((prev) => ({ ...prev, [field]: e.target.value }))
  const invalidMoney = (field: MoneyField) => edits[field] !== undefined && eurosToCents(edits[field]) === null
  const lead = eurosToCents(text('leadMax'))
  const manager = eurosToCents(text('storeManagerMax'))

  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!body || !dirty) return
    save.mutate({ storeId: scope === 'store' ? storeId : null, policy: body }, { onSuccess: () => setEdits({}) })
  }
  const switchScope = (next: Scope) => {
    setScope(next)
    setEdits({})
    save.reset()
  }
  const removeOverride = () => {
    if (!window.confirm(t('office.admin.removeOverrideConfirm', { store: storeName }))) return
    remove.mutate(undefined, { onSuccess: () => setEdits({}) })
  }

  return (
    <form className="step-up" onSubmit={submit} noValidate aria-label={t('office.admin.tiers')}>
      <Select
        label={t('office.admin.scope')}
        value={scope}
        onChange={(e) => switchScope(e.target.value as Scope)}
        options={[
          { value: 'store', label: t('office.admin.scopeStore', { store: storeName }) },
          { value: 'chain', label: t('office.admin.scopeChain') },
        ]}
      />
      {scope === 'store' ? <Source data={data} /> : <p className="muted">{t(data.chain ? 'office.admin.chainApplies' : 'office.admin.chainDefaults')}</p>}
      <Input label={t('office.admin.leadMax')} inputMode="decimal" value={text('leadMax')} onChange={edit('leadMax')} hint={t('office.admin.leadMaxHint')} error={invalidMoney('leadMax') ? t('office.admin.invalidAmount') : undefined} />
      <Input
        label={t('office.admin.managerMax')}
        inputMode="decimal"
        value={text('storeManagerMax')}
        onChange={edit('storeManagerMax')}
        hint={t('office.admin.managerMaxHint')}
        error={invalidMoney('storeManagerMax') ? t('office.admin.invalidAmount') : lead !== null && manager !== null && Number(manager) < Number(lead) ? t('office.admin.managerBelowLead') : undefined}
      />
      <Input
        label={t('office.admin.escalateAfter')}
        inputMode="numeric"
        value={text('escalateAfterHours')}
        onChange={edit('escalateAfterHours')}
        error={edits.escalateAfterHours !== undefined && policyBody(base, { escalateAfterHours: edits.escalateAfterHours }) === null ? t('office.admin.invalidHours') : undefined}
      />
      <Input
        label={t('office.admin.recountUnits')}
        inputMode="numeric"
        value={text('recountUnits')}
        onChange={edit('recountUnits')}
        hint={t('office.admin.recountHint')}
        error={edits.recountUnits !== undefined && policyBody(base, { recountUnits: edits.recountUnits }) === null ? t('office.admin.invalidUnits') : undefined}
      />
      <Input label={t('office.admin.recountValue')} inputMode="decimal" value={text('recountValue')} onChange={edit('recountValue')} error={invalidMoney('recountValue') ? t('office.admin.invalidAmount') : undefined} />
      <label className="check">
        <input type="checkbox" checked={edits.allowNegativeStockroom ?? base.allowNegativeStockroom} onChange={(e) => setEdits((prev) => ({ ...prev, allowNegativeStockroom: e.target.checked }))} />
        {t('office.admin.allowNegative')}
      </label>
      {save.isSuccess && (
        <Alert tone="success" title={t('office.common.saved')}>
          {t('office.admin.savedPolicy', { lead: f.money(save.data.policy.leadMax), manager: f.money(save.data.policy.storeManagerMax) })}
        </Alert>
      )}
      {remove.isSuccess && remove.data.removed && <Alert tone="success" title={t('office.common.saved')}>{t('office.admin.removedOverride', { store: storeName })}</Alert>}
      {save.isError && <Alert tone="danger" title={t('office.stock.refused')}>{save.error.message}</Alert>}
      {remove.isError && <Alert tone="danger" title={t('office.stock.refused')}>{remove.error.message}</Alert>}
      <div className="item-actions">
        {scope === 'store' && data.source === 'store' && (
          <Button onClick={removeOverride} loading={remove.isPending}>
            {t('office.admin.removeOverride')}
          </Button>
        )}
        {dirty && (
          <Button onClick={() => setEdits({})} disabled={save.isPending}>
            {t('office.common.reset')}
          </Button>
        )}
        <Button type="submit" variant="primary" loading={save.isPending} disabled={!dirty}>
          {t('office.common.save')}
        </Button>
      </div>
    </form>
  )
}
