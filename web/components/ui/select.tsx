import { type ReactNode, type Ref, type SelectHTMLAttributes, useId } from 'react'
import { cx } from './cx'

export type SelectProps = SelectHTMLAttributes<HTMLSelectElement> & {
  label: ReactNode
  hint?: ReactNode
  error?: ReactNode
  hideLabel?: boolean
  options: Array<{ value: string; label: string }>
  ref?: Ref<HTMLSelectElement>
}

/** The native select (the platform's own picker on tablets), labelled like Input. */
export function Select({ label, hint, error, hideLabel, options, className, id, ref, ...rest }: SelectProps) {
  const autoId = useId()
  const fieldId = id ?? autoId
  const hintId = hint ? `${fieldId}-hint` : undefined
  const errorId = error ? `${fieldId}-error` : undefined
  return (
    <div className={cx('field', error ? 'field-invalid' : null, className)}>
      <label htmlFor={fieldId} className={cx('field-label', hideLabel && 'sr-only')}>
        {label}
      </label>
      <select
        id={fieldId}
        ref={ref}
        className="input select"
        aria-invalid={error ? true : undefined}
        aria-describedby={cx(hintId, errorId) || undefined}
        {...rest}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
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
