/**
 * Keyboard-wedge barcode scanners "type" the code as a burst of key presses a few ms apart, then Enter.
 * A person cannot average under ~35 ms per key over eight keys, so timing tells a scan from typing.
 * Bluetooth scanners and busy tablets deliver a gap late now and then: a burst may contain a couple
 * of slower gaps (up to `hiccupMs`) as long as its mean stays fast; a longer pause starts a new burst.
 * Key presses inside text fields are left alone, except in a field marked with `data-scan-field`.
 */

export type ScanListenerOptions = {
  onScan: (code: string, target: EventTarget | null) => void
  /** Longest mean gap between the key presses of one scan, in ms. */
  maxGapMs?: number
  /** A gap longer than this ends a burst; gaps between `maxGapMs` and this are "slow". */
  hiccupMs?: number
  /** How many slow gaps one scan may contain. */
  maxSlowGaps?: number
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
  hiccupMs = 120,
  maxSlowGaps = 2,
  minLength = 8,
  target = window,
  now = () => performance.now(),
}: ScanListenerOptions): () => void {
  let buffer = ''
  let gaps: number[] = []
  let last = -Infinity

  const reset = () => {
    buffer = ''
    gaps = []
    last = -Infinity
  }

  const isScan = (allGaps: number[]) => {
    const slow = allGaps.filter((g) => g > maxGapMs).length
    const mean = allGaps.reduce((a, b) => a + b, 0) / allGaps.length
    return slow <= maxSlowGaps && mean <= maxGapMs
  }

  const onKeyDown = (event: Event) => {
    const e = event as KeyboardEvent
    if (isTypingTarget(e.target)) return reset()
    if (e.ctrlKey || e.altKey || e.metaKey || e.repeat) return reset()
    const t = now()
    const gap = t - last

    if (e.key === 'Enter') {
      const scanned = buffer.length >= minLength && gap <= hiccupMs && isScan([...gaps, gap])
      const code = buffer
      reset()
      if (scanned) {
        // Keep the Enter from also pressing a focused button or submitting a form.
        e.preventDefault()
        e.stopPropagation()
        onScan(code, e.target)
      }
      return
    }
    if (e.key === 'Shift' || e.key === 'CapsLock') return // scanners press Shift for capitals
    if (e.key.length !== 1) return reset() // Tab, arrows, Backspace, …
    if (buffer && gap <= hiccupMs) {
      buffer += e.key
      gaps.push(gap)
    } else {
      // A pause starts a new burst (this key may be the first of a scan).
      buffer = e.key
      gaps = []
    }
    last = t
  }

  // Capture phase: see the Enter before a focused element acts on it.
  target.addEventListener('keydown', onKeyDown, true)
  return () => target.removeEventListener('keydown', onKeyDown, true)
}
