import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Alert } from '../../../components/ui/alert'
import { Badge } from '../../../components/ui/badge'
import { Button } from '../../../components/ui/button'
import { Card } from '../../../components/ui/card'
import { Dialog } from '../../../components/ui/dialog'
import { Input } from '../../../components/ui/input'
import { Spinner } from '../../../components/ui/spinner'
import { type StoreDevice, useRevokeDevice, useStoreDevices } from '../../../features/admin/api/devices'
import { useFormat } from '../../../i18n/format'
import { LoadError } from './corrections-screen'

/**
 * The store's tablets: every browser a password sign-in registered for PIN switching. A lost or
 * replaced one is removed here — everyone on it is signed out at once and PINs no longer work on it.
 * Store managers (their stores), regional managers and administrators remove; auditors read.
 */
export function TabletsCard({ storeId, storeName, canManage }: { storeId: string; storeName: string; canManage: boolean }) {
  const { t } = useTranslation()
  const devices = useStoreDevices(storeId)
  const [target, setTarget] = useState<StoreDevice | null>(null)
  return (
    <Card title={t('office.tablets.title')}>
      <p className="muted card-lead">{t('office.tablets.text', { store: storeName })}</p>
      {devices.isPending ? (
        <Spinner label={t('common.loading')} />
      ) : devices.isError ? (
        <LoadError onRetry={() => void devices.refetch()} />
      ) : devices.data.devices.length === 0 ? (
        <p className="muted">{t('office.tablets.none')}</p>
      ) : (
        <ul className="simple-list" aria-label={t('office.tablets.title')}>
          {devices.data.devices.map((d) => (
            <TabletRow key={d.id} device={d} canManage={canManage} onRevoke={() => setTarget(d)} />
          ))}
        </ul>
      )}
      <p className="muted">{canManage ? t('office.tablets.disabledNote') : t('office.tablets.readOnly')}</p>
      <Dialog open={target !== null} onClose={() => setTarget(null)} title={t('office.tablets.revokeTitle')} closeLabel={t('common.close')} size="sm">
        {target && <RevokeForm storeId={storeId} device={target} onDone={() => setTarget(null)} />}
      </Dialog>
    </Card>
  )
}

export function useTabletName() {
  const { t } = useTranslation()
  return (d: Pick<StoreDevice, 'browser' | 'os' | 'shortId'>) => {
    const what = d.browser && d.os ? t('office.tablets.browserOn', { browser: d.browser, os: d.os }) : (d.browser ?? d.os ?? t('office.tablets.unknownBrowser'))
    return `${what} · ${d.shortId}`
  }
}

function TabletRow({ device: d, canManage, onRevoke }: { device: StoreDevice; canManage: boolean; onRevoke: () => void }) {
  const { t } = useTranslation()
  const f = useFormat()
  const name = useTabletName()
  return (
    <li data-testid="tablet">
      <span className="cell-title">
        {name(d)} {d.thisDevice && <Badge tone="info">{t('office.tablets.thisTablet')}</Badge>}
      </span>
      <span className="cell-sub">
        {t('office.tablets.registered', { name: d.registeredBy?.name ?? '—', at: f.dateTime(d.registeredAt) })}
        {' · '}
        {d.lastUsedBy ? t('office.tablets.lastUsedBy', { at: f.relative(d.lastUsedAt), name: d.lastUsedBy.name }) : t('office.tablets.lastUsed', { at: f.relative(d.lastUsedAt) })}
        {d.revokedAt ? (
          <>
            {' · '}
            {t('office.tablets.revokedBy', { at: f.dateTime(d.revokedAt), name: d.revokedBy?.name ?? '—' })}
          </>
        ) : (
          <>
            {' · '}
            {t('office.tablets.openSessions', { count: d.openSessions })}
          </>
        )}
      </span>
      {d.revokedAt ? (
        <Badge>{t('office.tablets.revoked')}</Badge>
      ) : canManage ? (
        <span className="item-actions">
          <Button variant="danger" size="lg" onClick={onRevoke} aria-label={t('office.tablets.revokeNamed', { tablet: name(d) })}>
            {t('office.tablets.revoke')}
          </Button>
        </span>
      ) : null}
    </li>
  )
}

function RevokeForm({ storeId, device, onDone }: { storeId: string; device: StoreDevice; onDone: () => void }) {
  const { t } = useTranslation()
  const name = useTabletName()
  const revoke = useRevokeDevice(storeId)
  const [reason, setReason] = useState('')
  const submit = (e: FormEvent) => {
    e.preventDefault()
    revoke.mutate({ deviceId: device.id, reason: reason.trim() || undefined }, { onSuccess: onDone })
  }
  return (
    <form className="step-up" onSubmit={submit} noValidate>
      <p>{t('office.tablets.revokeText', { tablet: name(device) })}</p>
      {device.thisDevice && <Alert tone="warning">{t('office.tablets.revokeThis')}</Alert>}
      <Input label={t('office.tablets.reason')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} placeholder={t('office.tablets.reasonPlaceholder')} />
      {revoke.isError && <Alert tone="danger" title={t('office.stock.refused')}>{revoke.error.message}</Alert>}
      <div className="item-actions">
        <Button size="lg" onClick={onDone} disabled={revoke.isPending}>
          {t('office.common.cancel')}
        </Button>
        <Button type="submit" variant="danger" size="lg" loading={revoke.isPending}>
          {t('office.tablets.confirm')}
        </Button>
      </div>
    </form>
  )
}
