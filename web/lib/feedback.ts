/**
 * Audible and haptic confirmation for scans: people scan without looking at the screen.
 * Both are best-effort: no AudioContext (or no user gesture yet) and no vibration are fine.
 */
let audio: AudioContext | null = null

function context(): AudioContext | null {
  if (typeof window === 'undefined') return null
  const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext
  if (!Ctor) return null
  try {
    audio ??= new Ctor()
    if (audio.state === 'suspended') void audio.resume()
    return audio
  } catch {
    return null
  }
}

function tone(ctx: AudioContext, frequency: number, startAt: number, duration: number) {
  const osc = ctx.createOscillator()
  const gain = ctx.createGain()
  osc.type = 'square'
  osc.frequency.value = frequency
  gain.gain.setValueAtTime(0.0001, startAt)
  gain.gain.exponentialRampToValueAtTime(0.12, startAt + 0.01)
  gain.gain.exponentialRampToValueAtTime(0.0001, startAt + duration)
  osc.connect(gain).connect(ctx.destination)
  osc.start(startAt)
  osc.stop(startAt + duration + 0.02)
}

export type FeedbackKind = 'success' | 'error'

export function signal(kind: FeedbackKind) {
  try {
    navigator.vibrate?.(kind === 'success' ? 60 : [80, 60, 80])
  } catch {
    /* not supported */
  }
  const ctx = context()
  if (!ctx) return
  try {
    const t = ctx.currentTime
    if (kind === 'success') tone(ctx, 1760, t, 0.09)
    else {
      tone(ctx, 330, t, 0.14)
      tone(ctx, 247, t + 0.18, 0.2)
    }
  } catch {
    /* audio blocked */
  }
}
