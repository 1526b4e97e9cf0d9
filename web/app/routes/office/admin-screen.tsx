import { useTranslation } from 'react-i18next'
import { EmptyState } from '../../../components/ui/empty-state'
import { SectionGate } from './section-gate'

export function AdminScreen() {
  const { t } = useTranslation()
  return (
    <SectionGate section="admin">
      <div className="screen screen-padded">
        <h1 className="screen-title">{t('office.nav.admin')}</h1>
        <EmptyState title={t('common.comingSoon')}>{t('office.sections.admin')}</EmptyState>
      </div>
    </SectionGate>
  )
}
