import { useTranslation } from 'react-i18next'
import { EmptyState } from '../../../components/ui/empty-state'
import { SectionGate } from './section-gate'

export function ReviewScreen() {
  const { t } = useTranslation()
  return (
    <SectionGate section="review">
      <div className="screen screen-padded">
        <h1 className="screen-title">{t('office.nav.review')}</h1>
        <EmptyState title={t('common.comingSoon')}>{t('office.sections.review')}</EmptyState>
      </div>
    </SectionGate>
  )
}
