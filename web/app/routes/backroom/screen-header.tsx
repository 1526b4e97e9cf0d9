import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ArrowRightIcon } from '../../../components/ui/icons'
import { useCorrectionReferenceData } from '../../../features/corrections-entry/api/reference-data'
import { can } from '../../../lib/authorization'
import { useCurrentStore } from '../../guards'

/** Title of a back-room screen with the way back (big, at the top-left where thumbs expect it). */
export function ScreenHeader({ title, sub, back, actions }: { title: ReactNode; sub?: ReactNode; back: string; actions?: ReactNode }) {
  const { t } = useTranslation()
  const store = useCurrentStore()
  return (
    <header className="screen-head screen-head-row">
      {can(store, 'correction.enter') && <OfflineReady storeId={store.id} />}
      <Link to={back} className="back-link" aria-label={t('common.back')}>
        <ArrowRightIcon size={22} className="flip" />
      </Link>
      <div className="screen-head-text">
        <h1 className="screen-title">{title}</h1>
        {sub && <p className="screen-sub">{sub}</p>}
      </div>
      {actions && <div className="screen-head-actions">{actions}</div>}
    </header>
  )
}

/** Every back-room screen loads what a correction needs, while online, for use offline later. */
function OfflineReady({ storeId }: { storeId: string }) {
  useCorrectionReferenceData(storeId)
  return null
}
