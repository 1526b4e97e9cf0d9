import { cx } from './cx'

export function Spinner({ size = 'md', label }: { size?: 'sm' | 'md' | 'lg'; label?: string }) {
  return (
    <span className={cx('spinner', `spinner-${size}`)} role={label ? 'status' : undefined} aria-label={label}>
      <span aria-hidden="true" />
    </span>
  )
}
