import { type InputHTMLAttributes, type ReactNode, type Ref, useId } from 'react'
import { cx } from './cx'

export type InputProps = InputHTMLAttributes<HTMLInputElement> & {
  label: ReactNode
  hint?: ReactNode
  error?: ReactNode
  /** Hide the label visually (it stays for screen readers). */
  hideLabel?: boolean
  leading?: ReactNode
  trailing?: ReactNode
  ref?: Ref<HTMLInputElement>
}

export function Input({ label, hint, error, hideLabel, leading, trailing, className, id, ref, ...rest }: InputProps) {
  const autoId = useId()
  const inputId = id ?? autoId
  const hintId = hint ? `${inputId}-hint` : undefined
  const errorId = error ? `${inputId}-error` : undefined
  return (
    <div className={cx('field', error ? 'field-invalid' : null, className)}>
      <label htmlFor={inputId} className={cx('field-label', hideLabel && 'sr-only')}>
        {label}
      </label>
      <div className="field-control">
        {leading && <span className="field-leading">{leading}</span>}
        <input
          id={inputId}
          ref={ref}
          className="input"
          aria-invalid={error ? true : undefined}
          aria-describedby={cx(hintId, errorId) || undefined}
          {...rest}
        />
        {trailing && <span className="field-trailing">{trailing}</span>}
      </div>
      {hint && !error && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  )
}
