import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Alert } from '../../../components/ui/alert'
import { Button } from '../../../components/ui/button'
import { Dialog } from '../../../components/ui/dialog'
import type { Me } from '../../../types/api'
import { ChangePasswordForm } from './change-password-form'
import { ChangePinForm } from './change-pin-form'

export type AccountPanel = 'menu' | 'password' | 'pin'

export type AccountDialogProps = {
  open: boolean
  onClose: () => void
  me: Me
  /** Where it opens: the choice, or straight at one of the forms. */
  initial?: AccountPanel
}

/**
 * The signed-in person's own password and PIN, reachable from the header on every workspace: a choice of
 * two big buttons, then the form. Success is said in the dialog; secrets never stay in a field.
 */
export function AccountDialog(props: AccountDialogProps) {
  const { t } = useTranslation()
  return (
    <Dialog open={props.open} onClose={props.onClose} title={t('account.title')} closeLabel={t('common.close')} size="sm">
      {props.open && <AccountPanels {...props} />}
    </Dialog>
  )
}

function AccountPanels({ me, initial = 'menu', onClose }: AccountDialogProps) {
  const { t } = useTranslation()
  const [panel, setPanel] = useState<AccountPanel>(initial)
  const [done, setDone] = useState<string | null>(null)
  const { account, user } = me
  const show = (next: AccountPanel) => {
    setDone(null)
    setPanel(next)
  }
  const ownPin = account.hasPin && !account.mustChangePin

  if (panel === 'password' || panel === 'pin') {
    return (
      <div className="account-panel">
        <Button variant="ghost" className="account-back" onClick={() => show('menu')}>
          ← {t('account.back')}
        </Button>
        <h3 className="account-heading">{panel === 'password' ? t('account.changePassword') : account.hasPin ? t('account.changePin') : t('account.setPin')}</h3>
        {panel === 'password' ? (
          <ChangePasswordForm
            employeeNo={user.employeeNo}
            temporary={account.mustChangePassword}
            onChanged={({ sessionsEnded }) => {
              setDone(sessionsEnded > 0 ? t('account.passwordChangedSessions', { count: sessionsEnded }) : t('account.passwordChanged'))
              setPanel('menu')
            }}
          />
        ) : (
          <ChangePinForm
            employeeNo={user.employeeNo}
            ownPin={ownPin}
            hasPin={account.hasPin}
            onChanged={() => {
              setDone(t('account.pinChanged'))
              setPanel('menu')
            }}
          />
        )}
      </div>
    )
  }

  return (
    <div className="account-panel">
      <p className="account-lead">{t('account.lead')}</p>
      {done && <Alert tone="success">{done}</Alert>}
      {!done && account.mustChangePin && <Alert tone="warning">{t('account.pinTemporary')}</Alert>}
      {!done && !account.hasPin && <Alert tone="info">{t('account.noPin')}</Alert>}
      <div className="menu-actions">
        <Button size="lg" block onClick={() => show('password')}>
          {t('account.changePassword')}
        </Button>
        <Button size="lg" block variant={account.mustChangePin ? 'primary' : 'secondary'} onClick={() => show('pin')}>
          {account.hasPin ? t('account.changePin') : t('account.setPin')}
        </Button>
        {done && (
          <Button size="lg" block variant="ghost" onClick={onClose}>
            {t('common.done')}
          </Button>
        )}
      </div>
    </div>
  )
}
