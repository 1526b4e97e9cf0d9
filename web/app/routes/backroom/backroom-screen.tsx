import { useTranslation } from 'react-i18next'
import { BoxIcon, CheckIcon, FloorIcon, ScanIcon, ArrowRightIcon } from '../../../components/ui/icons'
import { can } from '../../../lib/authorization'
import { useCurrentStore } from '../../guards'
import { type Task, TaskTiles } from '../task-tiles'

export function BackroomScreen() {
  const { t } = useTranslation()
  const store = useCurrentStore()
  const tasks: Array<Task | false> = [
    can(store, 'replenishment.pick') && { key: 'pick', title: t('backroom.pick'), text: t('backroom.pickText'), icon: <FloorIcon size={28} /> },
    can(store, 'delivery.receive') && { key: 'receive', title: t('backroom.receive'), text: t('backroom.receiveText'), icon: <BoxIcon size={28} /> },
    can(store, 'count.enter') && { key: 'count', title: t('backroom.count'), text: t('backroom.countText'), icon: <ScanIcon size={28} /> },
    can(store, 'correction.enter') && { key: 'correct', title: t('backroom.correct'), text: t('backroom.correctText'), icon: <CheckIcon size={28} /> },
    (can(store, 'transfer.ship') || can(store, 'transfer.receive')) && {
      key: 'transfer',
      title: t('backroom.transfer'),
      text: t('backroom.transferText'),
      icon: <ArrowRightIcon size={28} />,
    },
  ]
  return (
    <div className="screen screen-padded">
      <header className="screen-head">
        <h1 className="screen-title">{t('workspace.backroom')}</h1>
        <p className="screen-sub">{t('backroom.lead', { store: store.name })}</p>
      </header>
      <TaskTiles tasks={tasks.filter((x): x is Task => !!x)} />
    </div>
  )
}
