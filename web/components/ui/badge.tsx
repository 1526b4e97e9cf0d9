import type { ReactNode } from 'react'
import { cx } from './cx'

export function Badge({ tone = 'neutral', children }: { tone?: 'neutral' | 'info' | 'success' | 'warning' | 'danger'; children: ReactNode }) {
  return <span className={cx('badge', `badge-${tone}`)}>{children}</span>
}
