import { useTranslation } from 'react-i18next'
import { CheckIcon, OfficeIcon, StoreIcon, SwitchUserIcon } from '../../../components/ui/icons'
import { can } from '../../../lib/authorization'
import { useCurrentStore } from '../../guards'
import { type Task, TaskTiles } from '../task-tiles'

export function OfficeScreen() {
  const { t } = useTranslation()
  const store = useCurrentStore()
  const tasks: Array<Task | false> = [
    can(store, 'correction.decide') && { key: 'decide', title: t('office.decide'), text: t('office.decideText'), icon: <CheckIcon size={28} /> },
    can(store, 'report.read') && { key: 'reports', title: t('office.reports'), text: t('office.reportsText'), icon: <OfficeIcon size={28} /> },
    (can(store, 'evidence.export') || can(store, 'audit.read')) && {
      key: 'audit',
      title: t('office.audit'),
      text: t('office.auditText'),
      icon: <StoreIcon size={28} />,
    },
    can(store, 'store.users') && { key: 'users', title: t('office.users'), text: t('office.usersText'), icon: <SwitchUserIcon size={28} /> },
    can(store, 'policy.manage') && { key: 'policy', title: t('office.policy'), text: t('office.policyText'), icon: <OfficeIcon size={28} /> },
  ]
  return (
    <div className="screen screen-padded">
      <header className="screen-head">
        <h1 className="screen-title">{t('workspace.office')}</h1>
        <p className="screen-sub">{t('office.lead', { store: store.name, region: store.regionName })}</p>
      </header>
      <TaskTiles tasks={tasks.filter((x): x is Task => !!x)} />
    </div>
  )
}
