import type { HTMLAttributes, ReactNode } from 'react'
import { cx } from './cx'

export type CardProps = HTMLAttributes<HTMLElement> & {
  title?: ReactNode
  actions?: ReactNode
  as?: 'section' | 'article' | 'div'
}

export function Card({ title, actions, as: Tag = 'section', className, children, ...rest }: CardProps) {
  return (
    <Tag className={cx('card', className)} {...rest}>
      {(title || actions) && (
        <header className="card-header">
          {title && <h2 className="card-title">{title}</h2>}
          {actions && <div className="card-actions">{actions}</div>}
        </header>
      )}
      {children}
    </Tag>
  )
}
