import { type Ref, useId } from 'react'
import { cx } from './cx'

export type QuantityInputProps = {
  label: string
  value: number | null
  onChange: (value: number | null) => void
  min?: number
  max?: number
  /** Shown in the field while it is empty (e.g. "fill the shelf"). */
  placeholder?: string
  hint?: string
  error?: string
  decreaseLabel: string
  increaseLabel: string
  ref?: Ref<HTMLInputElement>
  autoFocus?: boolean
  className?: string
  /** Let the page's wedge-scanner listener see scans typed into this field (the screen handles them). */
  scanField?: boolean
}

/**
 * A big whole-number field with − / + buttons (56 px, usable with gloves). Empty is allowed when the
 * caller allows it (`value` null); typing keeps digits only.
 */
export function QuantityInput({
  label,
  value,
  onChange,
  min = 0,
  max = 1_000_000,
  placeholder,
  hint,
  error,
  decreaseLabel,
  increaseLabel,
  ref,
  autoFocus,
  className,
  scanField,
}: QuantityInputProps) {
  const id = useId()
  const clamp = (n: number) => Math.min(max, Math.max(min, n))
  const hintId = hint && !error ? `${id}-hint` : undefined
  const errorId = error ? `${id}-error` : undefined
  return (
    <div className={cx('field', 'qty-field', error ? 'field-invalid' : null, className)}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <div className="qty-control">
        <button
          type="button"
          className="qty-step"
          aria-label={decreaseLabel}
          aria-controls={id}
          disabled={value !== null && value <= min}
          onClick={() => onChange(value === null ? clamp(min) : clamp(value - 1))}
        >
          −
        </button>
        <input
          id={id}
          ref={ref}
          className="input qty-input"
          inputMode="numeric"
          pattern="[0-9]*"
          autoComplete="off"
          autoFocus={autoFocus}
          {...(scanField ? { 'data-scan-field': '' } : {})}
          placeholder={placeholder}
          value={value === null ? '' : String(value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={cx(hintId, errorId) || undefined}
          onChange={(e) => {
            const digits = e.target.value.replace(/\D/g, '')
            onChange(digits === '' ? null : clamp(Number(digits)))
          }}
          onFocus={(e) => e.target.select()}
        />
        <button
          type="button"
          className="qty-step"
          aria-label={increaseLabel}
          aria-controls={id}
          disabled={value !== null && value >= max}
          onClick={() => onChange(value === null ? clamp(Math.max(min, 1)) : clamp(value + 1))}
        >
          +
        </button>
      </div>
      {hintId && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {errorId && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  )
}
