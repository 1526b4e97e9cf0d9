/**
 * Keyboard-wedge barcode scanners "type" the code as a burst of key presses a few ms apart, then Enter.
 * A person cannot keep every gap under ~35 ms for eight keys, so the timing tells a scan from typing.
 * Key presses inside text fields are left alone, except in a field marked with `data-scan-field`.
 */

export type ScanListenerOptions = {
  onScan: (code: string, target: EventTarget | null) => void
  /** Longest gap between two key presses of one scan, in ms. */
  maxGapMs?: number
  /** Shortest code that counts as a scan (EAN-8 is the shortest barcode we carry). */
  minLength?: number
  /** Where to listen; the window by default. */
  target?: Pick<Window, 'addEventListener' | 'removeEventListener'>
  /** Clock in ms; injectable for tests. */
  now?: () => number
}

export const SCAN_FIELD_ATTRIBUTE = 'data-scan-field'

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'password', 'email', 'number', 'tel', 'url', ''])

/** Whether key presses on this element are someone typing into a field (and not ours to take). */
export function isTypingTarget(el: EventTarget | null): boolean {
  if (!el || typeof (el as Element).tagName !== 'string') return false
  const element = el as HTMLElement
  if (element.closest?.(`[${SCAN_FIELD_ATTRIBUTE}]`)) return false
  if (element.isContentEditable) return true
  const tag = element.tagName
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true
  if (tag === 'INPUT') return TEXT_INPUT_TYPES.has(((element as HTMLInputElement).type ?? '').toLowerCase())
  return false
}

export function createScanListener({
  onScan,
  maxGapMs = 35,
  minLength = 8,
  target = window,
  now = () => performance.now(),
}: ScanListenerOptions): () => void {
  let buffer = ''
  let last = -Infinity

  const reset = () => {
    buffer = ''
    last = -Infinity
  }

  const onKeyDown = (event: Event) => {
    const e = event as KeyboardEvent
    if (isTypingTarget(e.target)) return reset()
    if (e.ctrlKey || e.altKey || e.metaKey || e.repeat) return reset()
    const t = now()
    const gap = t - last

    if (e.key === 'Enter') {
      const isScan = buffer.length >= minLength && gap <= maxGapMs
      const code = buffer
      reset()
      if (isScan) {
        // Keep the Enter from also pressing a focused button or submitting a form.
        e.preventDefault()
        e.stopPropagation()
        onScan(code, e.target)
      }
      return
    }
    if (e.key === 'Shift' || e.key === 'CapsLock') return // scanners press Shift for capitals
    if (e.key.length !== 1) return reset() // Tab, arrows, Backspace, …
    // A slow key starts a new burst (it may be the first key of a scan).
    buffer = gap <= maxGapMs ? buffer + e.key : e.key
    last = t
  }

  // Capture phase: see the Enter before a focused element acts on it.
  target.addEventListener('keydown', onKeyDown, true)
  return () => target.removeEventListener('keydown', onKeyDown, true)
}
