import { afterEach, describe, expect, it, vi } from 'vitest'
import { createScanListener, isTypingTarget, SCAN_FIELD_ATTRIBUTE } from '../../web/lib/scan-listener'

/** Presses keys on `target` with a controlled clock: `gaps[i]` ms before key i. */
function press(target: EventTarget, keys: string[], gapMs: number | number[], clock: { t: number }) {
  const events: KeyboardEvent[] = []
  keys.forEach((key, i) => {
    clock.t += Array.isArray(gapMs) ? (gapMs[i] ?? 0) : gapMs
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true })
    target.dispatchEvent(event)
    events.push(event)
  })
  return events
}

const chars = (s: string) => [...s]

function setup(options: { minLength?: number; maxGapMs?: number; maxSlowGaps?: number } = {}) {
  const clock = { t: 1000 }
  const onScan = vi.fn()
  const stop = createScanListener({ onScan, now: () => clock.t, ...options })
  return { clock, onScan, stop }
}

let stops: Array<() => void> = []
afterEach(() => {
  stops.forEach((s) => s())
  stops = []
  document.body.innerHTML = ''
})

describe('scan listener', () => {
  it('takes a fast burst ending with Enter as a scan', () => {
    const { clock, onScan, stop } = setup()
    stops.push(stop)
    const events = press(document.body, [...chars('4001234567890'), 'Enter'], 5, clock)
    expect(onScan).toHaveBeenCalledTimes(1)
    expect(onScan).toHaveBeenCalledWith('4001234567890', document.body)
    // The Enter of a scan must not also press a focused button or submit a form.
    expect(events.at(-1)!.defaultPrevented).toBe(true)
  })

  it('does not take slow typing for a scan, even of a full barcode', () => {
    const { clock, onScan, stop } = setup()
    stops.push(stop)
    const events = press(document.body, [...chars('4001234567890'), 'Enter'], 120, clock)
    expect(onScan).not.toHaveBeenCalled()
    expect(events.at(-1)!.defaultPrevented).toBe(false)
  })

  it('tolerates a late gap or two from a busy tablet or Bluetooth link', () => {
    const { clock, onScan, stop } = setup()
    stops.push(stop)
    const gaps = [0, 6, 7, 48, 6, 8, 7, 6, 90, 7, 6, 7, 6, 9]
    press(document.body, [...chars('4001234567890'), 'Enter'], gaps, clock)
    expect(onScan).toHaveBeenCalledWith('4001234567890', document.body)
  })

  it('does not take quick typing for a scan (a fast typist averages far above 35 ms a key)', () => {
    const { clock, onScan, stop } = setup()
    stops.push(stop)
    press(document.body, [...chars('12345678'), 'Enter'], [0, 30, 90, 25, 110, 40, 60, 28, 70], clock)
    expect(onScan).not.toHaveBeenCalled()
  })

  it('refuses a burst with too many slow gaps even if its mean is fast', () => {
    const { clock, onScan, stop } = setup()
    stops.push(stop)
    press(document.body, [...chars('4001234567890'), 'Enter'], [0, 2, 60, 2, 60, 2, 60, 2, 2, 2, 2, 2, 2, 2], clock)
    expect(onScan).not.toHaveBeenCalled()
  })

  it('ignores a burst that is too short (Enter without enough characters)', () => {
    const { clock, onScan, stop } = setup()
    stops.push(stop)
    press(document.body, [...chars('1234567'), 'Enter'], 5, clock)
    press(document.body, ['Enter'], 5, clock)
    expect(onScan).not.toHaveBeenCalled()
  })

  it('ignores a burst whose Enter comes late (someone pressed Enter by hand)', () => {
    const { clock, onScan, stop } = setup()
    stops.push(stop)
    press(document.body, chars('4001234567890'), 5, clock)
    press(document.body, ['Enter'], 400, clock)
    expect(onScan).not.toHaveBeenCalled()
  })

  it('ignores one slow gap in the middle, then finds a scan that follows', () => {
    const { clock, onScan, stop } = setup()
    stops.push(stop)
    // A person typed "12", paused, then a scanner fired a whole code.
    press(document.body, ['1', '2'], 200, clock)
    press(document.body, [...chars('40012345'), 'Enter'], [300, 4, 4, 4, 4, 4, 4, 4, 4], clock)
    expect(onScan).toHaveBeenCalledWith('40012345', document.body)
  })

  it('does not join a slow prefix to a fast burst', () => {
    const { clock, onScan, stop } = setup()
    stops.push(stop)
    press(document.body, [...chars('9999'), ...chars('4001234'), 'Enter'], [0, 300, 300, 300, 300, 5, 5, 5, 5, 5, 5, 5], clock)
    expect(onScan).not.toHaveBeenCalled() // only 7 fast characters
  })

  it('treats the Shift a scanner sends for capitals as part of the burst', () => {
    const { clock, onScan, stop } = setup()
    stops.push(stop)
    press(document.body, ['Shift', 'A', 'B', 'C', '1', '2', '3', '4', '5', 'Enter'], 3, clock)
    expect(onScan).toHaveBeenCalledWith('ABC12345', document.body)
  })

  it('leaves key presses in ordinary text fields alone', () => {
    const { clock, onScan, stop } = setup()
    stops.push(stop)
    const input = document.createElement('input')
    document.body.append(input)
    const events = press(input, [...chars('4001234567890'), 'Enter'], 5, clock)
    expect(onScan).not.toHaveBeenCalled()
    expect(events.at(-1)!.defaultPrevented).toBe(false)
  })

  it('accepts a scan into the field marked as the scan field', () => {
    const { clock, onScan, stop } = setup()
    stops.push(stop)
    const input = document.createElement('input')
    input.setAttribute(SCAN_FIELD_ATTRIBUTE, '')
    document.body.append(input)
    press(input, [...chars('4001234567890'), 'Enter'], 5, clock)
    expect(onScan).toHaveBeenCalledWith('4001234567890', input)
  })

  it('resets on keys with modifiers, navigation keys and key repeat', () => {
    const { clock, onScan, stop } = setup()
    stops.push(stop)
    press(document.body, [...chars('4001'), 'Backspace', ...chars('2345'), 'Enter'], 5, clock)
    expect(onScan).not.toHaveBeenCalled()
    for (const key of chars('11111111')) {
      clock.t += 5
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key, repeat: true, bubbles: true }))
    }
    press(document.body, ['Enter'], 5, clock)
    expect(onScan).not.toHaveBeenCalled()
  })

  it('honours custom thresholds and stops listening when disposed', () => {
    const { clock, onScan, stop } = setup({ minLength: 4, maxGapMs: 50, maxSlowGaps: 0 })
    press(document.body, [...chars('1234'), 'Enter'], 45, clock)
    expect(onScan).toHaveBeenCalledWith('1234', document.body)
    stop()
    press(document.body, [...chars('1234'), 'Enter'], 5, clock)
    expect(onScan).toHaveBeenCalledTimes(1)
  })

  it('knows typing targets', () => {
    const make = (html: string) => {
      document.body.innerHTML = html
      return document.body.firstElementChild
    }
    expect(isTypingTarget(make('<input type="text">'))).toBe(true)
    expect(isTypingTarget(make('<input type="password">'))).toBe(true)
    expect(isTypingTarget(make('<textarea></textarea>'))).toBe(true)
    expect(isTypingTarget(make('<input type="checkbox">'))).toBe(false)
    expect(isTypingTarget(make('<button>ok</button>'))).toBe(false)
    expect(isTypingTarget(make(`<input type="search" ${SCAN_FIELD_ATTRIBUTE}>`))).toBe(false)
    expect(isTypingTarget(document.body)).toBe(false)
    expect(isTypingTarget(null)).toBe(false)
  })
})
