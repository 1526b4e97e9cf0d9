import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { PickList } from '../../../features/replenishment/components/pick-list'
import { useResolveCode } from '../../../features/scanning/api/resolve-item'
import { useWedgeScan } from '../../../features/scanning/hooks/use-wedge-scan'
import { useCurrentStore } from '../../guards'
import { ScreenHeader } from './screen-header'
import './backroom.css'

export function PicksScreen() {
  const { t } = useTranslation()
  const store = useCurrentStore()
  const resolve = useResolveCode(store.id)
  const [focus, setFocus] = useState<{ itemId: string; at: number } | null>(null)
  const [unknown, setUnknown] = useState<string | null>(null)
  // Scanning an item on the shelf opens its request, if it has one.
  useWedgeScan((code) => {
    void resolve(code).then((r) => {
      if (r.kind === 'item') {
        setUnknown(null)
        setFocus({ itemId: r.item.id, at: Date.now() })
      } else setUnknown(code)
    })
  })
  return (
    <div className="screen screen-padded">
      <ScreenHeader back={`/stores/${store.id}/backroom`} title={t('backroom.pick')} sub={t('picks.lead')} />
      <PickList storeId={store.id} focus={focus} unknownCode={unknown} />
    </div>
  )
}
