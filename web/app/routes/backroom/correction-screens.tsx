import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { PlusIcon } from '../../../components/ui/icons'
import { useLocations } from '../../../features/corrections-entry/api/reference-data'
import { CorrectionForm, type CorrectionLine, newLine } from '../../../features/corrections-entry/components/correction-form'
import { MyCorrections } from '../../../features/corrections-entry/components/my-corrections'
import { ItemPicker } from '../../../features/scanning/components/item-picker'
import { useWedgeScan } from '../../../features/scanning/hooks/use-wedge-scan'
import { useCurrentStore } from '../../guards'
import { ScreenHeader } from './screen-header'
import './backroom.css'

export function MyCorrectionsScreen() {
  const { t } = useTranslation()
  const store = useCurrentStore()
  const base = `/stores/${store.id}/backroom`
  return (
    <div className="screen screen-padded">
      <ScreenHeader
        back={base}
        title={t('backroom.correct')}
        sub={t('correct.lead')}
        actions={
          <Link to={`${base}/corrections/new`} className="btn btn-primary btn-lg">
            <PlusIcon />
            <span className="btn-label">{t('correct.new')}</span>
          </Link>
        }
      />
      <MyCorrections storeId={store.id} detailPath={(id) => `${base}/corrections/${id}`} />
    </div>
  )
}

/** Enter a correction: scan or search items into lines, choose the reason, send (works offline). */
export function NewCorrectionScreen() {
  const { t } = useTranslation()
  const store = useCurrentStore()
  const locations = useLocations(store.id)
  const [lines, setLines] = useState<CorrectionLine[]>([])
  const [scanned, setScanned] = useState<{ code: string; at: number } | null>(null)
  useWedgeScan((code) => setScanned({ code, at: Date.now() }))
  const stockroom = locations.data?.find((l) => l.kind === 'stockroom') ?? locations.data?.[0]
  const base = `/stores/${store.id}/backroom/corrections`
  return (
    <div className="screen screen-padded screen-narrow">
      <ScreenHeader back={base} title={t('correct.new')} sub={t('correct.newLead')} />
      <CorrectionForm
        storeId={store.id}
        lines={lines}
        onLinesChange={setLines}
        picker={
          <ItemPicker
            storeId={store.id}
            scanned={scanned}
            label={t('correct.addItem')}
            onPick={(item) => {
              if (!stockroom) return
              const same = lines.find((l) => l.item.id === item.id && l.locationId === stockroom.id)
              // Scanning the same item again counts one more, as people expect from a scanner.
              if (same) setLines(lines.map((l) => (l === same ? { ...l, quantity: (l.quantity ?? 0) + 1 } : l)))
              else setLines([...lines, newLine({ id: item.id, sku: item.sku, name: item.name }, stockroom.id)])
            }}
          />
        }
      />
    </div>
  )
}
