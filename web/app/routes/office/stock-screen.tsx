import { useTranslation } from 'react-i18next'
import { EmptyState } from '../../../components/ui/empty-state'
import { SectionGate } from './section-gate'

export function StockScreen() {
  const { t } = useTranslation()
  return (
    <SectionGate section="stock">
      <div className="screen screen-padded">
        <h1 className="screen-title">{t('office.nav.stock')}</h1>
        <EmptyState title={t('common.comingSoon')}>{t('office.sections.stock')}</EmptyState>
      </div>
    </SectionGate>
  )
}
