import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocation, useNavigate } from 'react-router'
import { Button } from '../../components/ui/button'
import { Dialog } from '../../components/ui/dialog'
import { useSignOut } from '../../features/auth/api/sign-out'
import { useOnline } from '../../lib/online'

/** Minutes of inactivity before a shared tablet locks; a device may set its own (localStorage). */
export const DEFAULT_LOCK_MINUTES = 5
const LOCK_KEY = 'backstore.lockMinutes'
const WARN_SECONDS = 30
const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const

export function lockMinutes(): number {
  try {
    const v = Number(localStorage.getItem(LOCK_KEY))
    return Number.isFinite(v) && v > 0 ? v : DEFAULT_LOCK_MINUTES
  } catch {
    return DEFAULT_LOCK_MINUTES
  }
}

/**
 * Shared tablets lock themselves: after `minutes` without a touch or key press this person is signed
 * out and the PIN switch screen shows (and brings the next person back to the same screen). A warning
 * counts down the last 30 seconds; any touch keeps the session. Work waiting in the outbox stays and
 * is sent when the same person signs in again.
 */
export function IdleLock({ minutes = lockMinutes() }: { minutes?: number }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const location = useLocation()
  const signOut = useSignOut()
  const online = useOnline()
  const [left, setLeft] = useState<number | null>(null)
  // Time is up. Signing out needs the server: offline, the screen stays locked until it can.
  const [locked, setLocked] = useState(false)
  const last = useRef(Date.now())
  const here = useRef(location.pathname + location.search)
  here.current = location.pathname + location.search

  useEffect(() => {
    if (locked) return
    const touch = () => {
      last.current = Date.now()
      setLeft(null)
    }
    for (const e of ACTIVITY) window.addEventListener(e, touch, { passive: true, capture: true })
    const limit = minutes * 60_000
    const timer = setInterval(() => {
      const idle = Date.now() - last.current
      if (idle >= limit) {
        clearInterval(timer)
        setLeft(null)
        setLocked(true)
      } else if (idle >= limit - WARN_SECONDS * 1000) setLeft(Math.ceil((limit - idle) / 1000))
    }, 1000)
    return () => {
      clearInterval(timer)
      for (const e of ACTIVITY) window.removeEventListener(e, touch, { capture: true })
    }
    // signOut/navigate are stable enough; restarting the timer on every render would never lock.
  }, [minutes, locked])

  useEffect(() => {
    if (!locked || !online) return
    const next = encodeURIComponent(here.current)
    signOut.mutate(undefined, { onSettled: () => navigate(`/sign-in?mode=pin&next=${next}`, { replace: true }) })
  }, [locked, online])

  if (locked) return <LockScreen online={online} />
  return (
    <Dialog open={left !== null} onClose={() => setLeft(null)} title={t('lock.title')} closeLabel={t('lock.stay')} size="sm">
      <div className="stack">
        <p>{t('lock.text')}</p>
        <p className="lock-count" aria-live="polite">
          {left ?? ''}
        </p>
        <Button variant="primary" size="lg" block onClick={() => setLeft(null)}>
          {t('lock.stay')}
        </Button>
      </div>
    </Dialog>
  )
}

/**
 * The locked screen: a modal <dialog> that cannot be dismissed (no close button, Escape ignored), so
 * the page behind is inert and scans are ignored until the sign-out went through.
 */
function LockScreen({ online }: { online: boolean }) {
  const { t } = useTranslation()
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const el = ref.current
    if (el && !el.open) {
      if (typeof el.showModal === 'function') el.showModal()
      else el.setAttribute('open', '')
    }
  }, [])
  return (
    <dialog ref={ref} className="dialog dialog-sm lock-screen" aria-labelledby="lock-title" onCancel={(e) => e.preventDefault()}>
      <div className="dialog-panel">
        <div className="dialog-body">
          <h2 id="lock-title" className="dialog-title">
            {t('lock.lockedTitle')}
          </h2>
          <p>{online ? t('lock.signingOut') : t('lock.lockedOffline')}</p>
        </div>
      </div>
    </dialog>
  )
}
