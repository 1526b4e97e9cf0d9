import type { ReactNode } from 'react'
import { cx } from './cx'

export type AlertProps = {
  tone?: 'info' | 'success' | 'warning' | 'danger'
  title?: ReactNode
  children?: ReactNode
  action?: ReactNode
  className?: string
}

/** Errors are announced (role=alert); other tones politely (role=status). */
export function Alert({ tone = 'info', title, children, action, className }: AlertProps) {
  return (
    <div className={cx('alert', `alert-${tone}`, className)} role={tone === 'danger' ? 'alert' : 'status'}>
      <div className="alert-body">
        {title && <p className="alert-title">{title}</p>}
        {children && <div className="alert-text">{children}</div>}
      </div>
      {action && <div className="alert-action">{action}</div>}
    </div>
  )
}
