import { type ReactNode, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { Button } from '../../components/ui/button'
import { Dialog } from '../../components/ui/dialog'
import { LockIcon, SignOutIcon, SwitchUserIcon } from '../../components/ui/icons'
import { useSignOut } from '../../features/auth/api/sign-out'
import type { Me, StoreAccess } from '../../types/api'
import { LanguageSwitch } from './language-switch'

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p[0]?.toUpperCase())
    .join('')

/**
 * Who is signed in, always on screen. "Switch user" signs this person out first: a shared tablet
 * must never keep a manager's session open for the next person (see F14 in RELIABILITY.md).
 */
export function UserMenu({ me, store, before, onAccount }: { me: Me; store: StoreAccess; before?: ReactNode; onAccount?: () => void }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const signOut = useSignOut()
  const [open, setOpen] = useState(false)
  const tablet = me.device !== null
  const roles = store.roles.map((r) => t(`role.${r}` as 'role.clerk', { defaultValue: r })).join(', ')

  const leave = (mode: 'pin' | 'password') =>
    signOut.mutate(undefined, {
      onSettled: () => navigate(mode === 'pin' ? '/sign-in?mode=pin' : '/sign-in', { replace: true }),
    })

  return (
    <div className="user-area">
      {before}
      <button type="button" className="user-chip" onClick={() => setOpen(true)} aria-haspopup="dialog">
        <span className="avatar" aria-hidden="true">
          {initials(me.user.name)}
        </span>
        <span className="user-text">
          <span className="user-name">{me.user.name}</span>
          <span className="user-sub">
            {me.user.employeeNo} · {roles}
          </span>
        </span>
      </button>
      {tablet && (
        <Button
          variant="ghost"
          className="topbar-action"
          icon={<SwitchUserIcon />}
          onClick={() => leave('pin')}
          disabled={signOut.isPending}
          aria-label={t('shell.switchUser')}
        >
          <span className="hide-narrow">{t('shell.switchUser')}</span>
        </Button>
      )}
      <Button
        variant="ghost"
        className="topbar-action"
        icon={<SignOutIcon />}
        onClick={() => leave('password')}
        disabled={signOut.isPending}
        aria-label={t('shell.signOut')}
      >
        <span className="hide-narrow">{t('shell.signOut')}</span>
      </Button>

      <Dialog open={open} onClose={() => setOpen(false)} title={me.user.name} closeLabel={t('common.close')} size="sm">
        <dl className="facts">
          <dt>{t('shell.employeeNo')}</dt>
          <dd>{me.user.employeeNo}</dd>
          <dt>{t('shell.store')}</dt>
          <dd>
            {store.code} · {store.name}
          </dd>
          <dt>{t('shell.roles')}</dt>
          <dd>{roles || '—'}</dd>
          <dt>{t('shell.device')}</dt>
          <dd>{tablet ? t('shell.deviceRegistered') : t('shell.devicePersonal')}</dd>
        </dl>
        <div className="menu-row">
          <span>{t('shell.language')}</span>
          <LanguageSwitch />
        </div>
        <div className="menu-actions">
          {onAccount && (
            <Button
              size="lg"
              block
              icon={<LockIcon />}
              onClick={() => {
                setOpen(false)
                onAccount()
              }}
            >
              {t('account.open')}
            </Button>
          )}
          {tablet && (
            <Button size="lg" block icon={<SwitchUserIcon />} onClick={() => leave('pin')} loading={signOut.isPending}>
              {t('shell.switchUser')}
            </Button>
          )}
          <Button size="lg" block variant="danger" icon={<SignOutIcon />} onClick={() => leave('password')} loading={signOut.isPending}>
            {t('shell.signOut')}
          </Button>
        </div>
      </Dialog>
    </div>
  )
}
