import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Badge } from '../../components/ui/badge'

export type Task = { key: string; title: string; text: string; icon: ReactNode }

/** The tasks a workspace will offer; shown so people see what is coming, not yet actionable. */
export function TaskTiles({ tasks }: { tasks: Task[] }) {
  const { t } = useTranslation()
  return (
    <ul className="tiles">
      {tasks.map((task) => (
        <li key={task.key} className="tile" aria-disabled="true">
          <span className="tile-icon" aria-hidden="true">
            {task.icon}
          </span>
          <span className="tile-title">{task.title}</span>
          <span className="tile-text">{task.text}</span>
          <Badge>{t('common.comingSoon')}</Badge>
        </li>
      ))}
    </ul>
  )
}
