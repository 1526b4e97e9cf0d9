import { useTranslation } from 'react-i18next'
import { EmptyState } from '../../../components/ui/empty-state'
import { SectionGate } from './section-gate'

export function ReportsScreen() {
  const { t } = useTranslation()
  return (
    <SectionGate section="reports">
      <div className="screen screen-padded">
        <h1 className="screen-title">{t('office.nav.reports')}</h1>
        <EmptyState title={t('common.comingSoon')}>{t('office.sections.reports')}</EmptyState>
      </div>
    </SectionGate>
  )
}
