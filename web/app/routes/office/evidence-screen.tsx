import { useTranslation } from 'react-i18next'
import { EmptyState } from '../../../components/ui/empty-state'
import { SectionGate } from './section-gate'

export function EvidenceScreen() {
  const { t } = useTranslation()
  return (
    <SectionGate section="evidence">
      <div className="screen screen-padded">
        <h1 className="screen-title">{t('office.nav.evidence')}</h1>
        <EmptyState title={t('common.comingSoon')}>{t('office.sections.evidence')}</EmptyState>
      </div>
    </SectionGate>
  )
}
