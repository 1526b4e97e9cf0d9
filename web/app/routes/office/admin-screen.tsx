import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Alert } from '../../../components/ui/alert'
import { Badge } from '../../../components/ui/badge'
import { Button } from '../../../components/ui/button'
import { Card } from '../../../components/ui/card'
import { Input } from '../../../components/ui/input'
import { Select } from '../../../components/ui/select'
import { Spinner } from '../../../components/ui/spinner'
import { useCreatePosKey, usePosKeys, useRevokePosKey } from '../../../features/admin/api/pos-keys'
import { useSetTierPolicy } from '../../../features/admin/api/tier-policy'
import { eurosToCents } from '../../../features/review/lib/filters'
import { useFormat } from '../../../i18n/format'
import { can } from '../../../lib/authorization'
import { useCurrentStore } from '../../guards'
import { ReasonCodesCard, ShelfCard } from './admin-catalog'
import { UsersCard } from './admin-users'
import { LoadError } from './corrections-screen'
import { SectionGate } from './section-gate'

export function AdminScreen() {
  return (
    <SectionGate section="admin">
      <Admin />
    </SectionGate>
  )
}

/**
 * Administration in the office, section by section as the API offers it. Nothing here can release
 * stock: corrections always need their second person.
 */
function Admin() {
  const { t } = useTranslation()
  const store = useCurrentStore()
  return (
    <div className="screen screen-padded">
      <header className="screen-head">
        <h1 className="screen-title">{t('office.admin.title')}</h1>
        <p className="screen-sub">{t('office.admin.lead')}</p>
      </header>
      {can(store, 'store.users') && <UsersCard />}
      <div className="report-grid">
        {can(store, 'pos.keys') && <PosKeys storeId={store.id} storeName={store.name} />}
        {can(store, 'policy.manage') && <TierPolicy storeId={store.id} storeName={store.name} />}
        {can(store, 'catalog.manage') && <ReasonCodesCard />}
        {can(store, 'catalog.manage') && <ShelfCard />}
      </div>
    </div>
  )
}

function PosKeys({ storeId, storeName }: { storeId: string; storeName: string }) {
  const { t } = useTranslation()
  const f = useFormat()
  const keys = usePosKeys(storeId)
  const create = useCreatePosKey(storeId)
  const revoke = useRevokePosKey(storeId)
  const [name, setName] = useState('')
  const [tried, setTried] = useState(false)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    setTried(true)
    if (name.trim())
      create.mutate(name.trim(), {
        onSuccess: () => {
          setName('')
          setTried(false)
        },
      })
  }
  return (
    <Card title={t('office.admin.posKeys')}>
      <p className="muted card-lead">{t('office.admin.posKeysText', { store: storeName })}</p>
      {create.isSuccess && (
        <Alert tone="warning" title={t('office.admin.secretTitle', { name: create.data.key.name })}>
          <p>{t('office.admin.secretText')}</p>
          <code className="secret-box" data-testid="pos-secret">
            {create.data.secret}
          </code>
        </Alert>
      )}
      <form className="inline-form" onSubmit={submit} noValidate>
        <Input label={t('office.admin.keyName')} value={name} onChange={(e) => setName(e.target.value)} maxLength={60} placeholder={t('office.admin.keyNamePlaceholder')} error={tried && !name.trim() ? t('office.stock.required') : undefined} />
        <Button type="submit" variant="primary" loading={create.isPending}>
          {t('office.admin.createKey')}
        </Button>
      </form>
      {create.isError && <Alert tone="danger" title={t('office.stock.refused')}>{create.error.message}</Alert>}
      {revoke.isError && <Alert tone="danger" title={t('office.stock.refused')}>{revoke.error.message}</Alert>}
      {keys.isPending ? (
        <Spinner label={t('common.loading')} />
      ) : keys.isError ? (
        <LoadError onRetry={() => void keys.refetch()} />
      ) : keys.data.keys.length === 0 ? (
        <p className="muted">{t('office.admin.noKeys')}</p>
      ) : (
        <ul className="simple-list">
          {keys.data.keys.map((k) => (
            <li key={k.id}>
              <span className="cell-title">
                {k.name} · <code>{k.prefix}…</code>
              </span>
              <span className="cell-sub">{k.revokedAt ? t('office.admin.revokedAt', { at: f.dateTime(k.revokedAt) }) : t('office.admin.createdAt', { at: f.dateTime(k.createdAt) })}</span>
              {k.revokedAt ? (
                <Badge>{t('office.admin.revoked')}</Badge>
              ) : (
                <span className="item-actions">
                  <Button variant="danger" onClick={() => window.confirm(t('office.admin.revokeConfirm', { name: k.name })) && revoke.mutate(k.id)} loading={revoke.isPending && revoke.variables === k.id}>
                    {t('office.admin.revoke')}
                  </Button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  )
}

function TierPolicy({ storeId, storeName }: { storeId: string; storeName: string }) {
  const { t } = useTranslation()
  const f = useFormat()
  const save = useSetTierPolicy()
  const [scope, setScope] = useState<'store' | 'chain'>('store')
  const [leadMax, setLeadMax] = useState('50')
  const [managerMax, setManagerMax] = useState('500')
  const [escalate, setEscalate] = useState('24')
  const [negative, setNegative] = useState(false)
  const lead = eurosToCents(leadMax)
  const manager = eurosToCents(managerMax)
  const hours = Number(escalate)
  const invalid = lead === null || manager === null || Number(manager) < Number(lead) || !Number.isInteger(hours) || hours < 1
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (invalid) return
    save.mutate({
      storeId: scope === 'store' ? storeId : null,
      policy: { leadMax: Number(lead), storeManagerMax: Number(manager), allowNegativeStockroom: negative, escalateAfterHours: hours },
    })
  }
  return (
    <Card title={t('office.admin.tiers')}>
      <p className="muted card-lead">{t('office.admin.tiersText')}</p>
      <form className="step-up" onSubmit={submit} noValidate>
        <Select
          label={t('office.admin.scope')}
          value={scope}
          onChange={(e) => setScope(e.target.value as 'store' | 'chain')}
          options={[
            { value: 'store', label: t('office.admin.scopeStore', { store: storeName }) },
            { value: 'chain', label: t('office.admin.scopeChain') },
          ]}
        />
        <Input label={t('office.admin.leadMax')} inputMode="decimal" value={leadMax} onChange={(e) => setLeadMax(e.target.value)} hint={t('office.admin.leadMaxHint')} />
        <Input
          label={t('office.admin.managerMax')}
          inputMode="decimal"
          value={managerMax}
          onChange={(e) => setManagerMax(e.target.value)}
          hint={t('office.admin.managerMaxHint')}
          error={lead !== null && manager !== null && Number(manager) < Number(lead) ? t('office.admin.managerBelowLead') : undefined}
        />
        <Input label={t('office.admin.escalateAfter')} inputMode="numeric" value={escalate} onChange={(e) => setEscalate(e.target.value)} />
        <label className="check">
          <input type="checkbox" checked={negative} onChange={(e) => setNegative(e.target.checked)} />
          {t('office.admin.allowNegative')}
        </label>
        {save.isSuccess && (
          <Alert tone="success" title={t('office.common.saved')}>
            {t('office.admin.savedPolicy', { lead: f.money(save.data.policy.leadMax), manager: f.money(save.data.policy.storeManagerMax) })}
          </Alert>
        )}
        {save.isError && <Alert tone="danger" title={t('office.stock.refused')}>{save.error.message}</Alert>}
        <div>
          <Button type="submit" variant="primary" loading={save.isPending} disabled={invalid}>
            {t('office.common.save')}
          </Button>
        </div>
      </form>
    </Card>
  )
}
