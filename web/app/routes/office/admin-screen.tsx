import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Alert } from '../../../components/ui/alert'
import { Badge } from '../../../components/ui/badge'
import { Button } from '../../../components/ui/button'
import { Card } from '../../../components/ui/card'
import { Input } from '../../../components/ui/input'
import { Spinner } from '../../../components/ui/spinner'
import { useCreatePosKey, usePosKeys, useRevokePosKey } from '../../../features/admin/api/pos-keys'
import { useFormat } from '../../../i18n/format'
import { useSession } from '../../../features/auth/api/use-session'
import { can, canManagePlaces } from '../../../lib/authorization'
import { useCurrentStore } from '../../guards'
import { AnomalyThresholdsCard } from './admin-anomaly-thresholds'
import { ReasonCodesCard, ShelfCard } from './admin-catalog'
import { PlacesCard } from './admin-places'
import { TabletsCard } from './admin-tablets'
import { ThresholdsCard } from './admin-thresholds'
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
  const me = useSession()
  return (
    <div className="screen screen-padded">
      <header className="screen-head">
        <h1 className="screen-title">{t('office.admin.title')}</h1>
        <p className="screen-sub">{t('office.admin.lead')}</p>
      </header>
      {can(store, 'store.users') && <UsersCard />}
      {canManagePlaces(me) && <PlacesCard />}
      {can(store, 'device.read') && <TabletsCard storeId={store.id} storeName={store.name} canManage={can(store, 'device.manage')} />}
      <div className="report-grid">
        {can(store, 'pos.keys') && <PosKeys storeId={store.id} storeName={store.name} />}
        {(can(store, 'policy.read') || can(store, 'policy.manage')) && <ThresholdsCard storeId={store.id} storeName={store.name} canManage={can(store, 'policy.manage')} />}
        <AnomalyThresholdsCard />
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
