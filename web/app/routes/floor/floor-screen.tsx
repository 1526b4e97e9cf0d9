import { useTranslation } from 'react-i18next'
import { ItemLookup } from '../../../features/items/components/item-lookup'
import { useCurrentStore } from '../../guards'

export function FloorScreen() {
  const { t } = useTranslation()
  const store = useCurrentStore()
  return (
    <div className="screen">
      <h1 className="sr-only">{t('workspace.floor')}</h1>
      <ItemLookup key={store.id} storeId={store.id} />
    </div>
  )
}
