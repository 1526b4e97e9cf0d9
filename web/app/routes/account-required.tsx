import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { Button } from '../../components/ui/button'
import { SignOutIcon } from '../../components/ui/icons'
import { useSignOut } from '../../features/auth/api/sign-out'
import { ChangePasswordForm } from '../../features/account/components/change-password-form'
import { ChangePinForm } from '../../features/account/components/change-pin-form'
import type { Me } from '../../types/api'
import { LanguageSwitch } from '../layout/language-switch'
import { Logo } from '../layout/logo'

/**
 * Shown instead of any screen while the session must first replace a secret someone else set (`me.account
 * .restriction`): the password (a temporary password, however this session signed in), or the PIN (a PIN
 * switch with a temporary PIN: the new PIN is confirmed with the password). The server refuses everything
 * else meanwhile (403 PASSWORD_CHANGE_REQUIRED / PIN_CHANGE_REQUIRED); once it is done `me` says so and the
 * screen the person was going to appears.
 */
export function AccountRequired({ me }: { me: Me }) {
  const { t } = useTranslation()
  const signOut = useSignOut()
  const navigate = useNavigate()
  const leave = () => signOut.mutate(undefined, { onSettled: () => navigate('/sign-in', { replace: true }) })
  const password = me.account.restriction === 'password'
  return (
    <main className="sign-in-page">
      <div className="sign-in-card">
        <header className="sign-in-header">
          <Logo />
          <LanguageSwitch />
        </header>
        <h1 className="sign-in-title">{password ? t('account.forced.passwordTitle') : t('account.forced.pinTitle')}</h1>
        <p className="sign-in-lead">{t(password ? 'account.forced.passwordLead' : 'account.forced.pinLead', { name: me.user.name })}</p>
        {password ? (
          <ChangePasswordForm employeeNo={me.user.employeeNo} temporary />
        ) : (
          <ChangePinForm employeeNo={me.user.employeeNo} ownPin={false} hasPin={me.account.hasPin} />
        )}
        <Button variant="ghost" block icon={<SignOutIcon />} onClick={leave} loading={signOut.isPending} className="account-sign-out">
          {t('account.forced.signOut')}
        </Button>
      </div>
    </main>
  )
}
