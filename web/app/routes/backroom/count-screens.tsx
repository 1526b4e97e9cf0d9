import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { CountList } from '../../../features/counts/components/count-list'
import { CountSession } from '../../../features/counts/components/count-session'
import { useResolveCode } from '../../../features/scanning/api/resolve-item'
import { CameraButton } from '../../../features/scanning/components/camera-button'
import { useWedgeScan } from '../../../features/scanning/hooks/use-wedge-scan'
import { useCurrentStore } from '../../guards'
import { ScreenHeader } from './screen-header'
import './backroom.css'

export function CountsScreen() {
  const { t } = useTranslation()
  const store = useCurrentStore()
  const base = `/stores/${store.id}/backroom`
  return (
    <div className="screen screen-padded">
      <ScreenHeader back={base} title={t('backroom.count')} sub={t('count.lead')} />
      <CountList storeId={store.id} pathFor={(id) => `${base}/counts/${id}`} />
    </div>
  )
}

/** One count on this device: scan + quantity, blind; several devices count the same count at once. */
export function CountScreen() {
  const { t } = useTranslation()
  const store = useCurrentStore()
  const { countId = '' } = useParams()
  const resolve = useResolveCode(store.id)
  const [scan, setScan] = useState<{ code: string; at: number } | null>(null)
  useWedgeScan((code) => setScan({ code, at: Date.now() }))
  return (
    <div className="screen screen-padded">
      <ScreenHeader back={`/stores/${store.id}/backroom/counts`} title={t('count.sessionTitle')} />
      <CountSession
        storeId={store.id}
        countId={countId}
        scan={scan}
        resolveUnknown={async (code) => {
          const r = await resolve(code)
          return r.kind === 'item' ? r.item : null
        }}
        cameraButton={<CameraButton onCode={(code) => setScan({ code, at: Date.now() })} />}
      />
    </div>
  )
}
