import { useTranslation } from 'react-i18next'
import { Navigate, useNavigate, useSearchParams } from 'react-router'
import { Spinner } from '../../components/ui/spinner'
import { useMe } from '../../features/auth/api/get-me'
import { SignInForm } from '../../features/auth/components/sign-in-form'
import { registeredDeviceStore } from '../../features/auth/lib/device'
import { LanguageSwitch } from '../layout/language-switch'
import { Logo } from '../layout/logo'

/** Only same-site paths: `?next=//evil.example` must not become an open redirect. */
const safeNext = (next: string | null) => (next && next.startsWith('/') && !next.startsWith('//') ? next : '/')

export function SignInRoute() {
  const { t } = useTranslation()
  const [params] = useSearchParams()
  const navigate = useNavigate()
  const me = useMe()
  const next = safeNext(params.get('next'))
  const allowPin = registeredDeviceStore() !== null

  if (me.isPending) {
    return (
      <main className="page-center">
        <Spinner size="lg" label={t('common.loading')} />
      </main>
    )
  }
  if (me.data) return <Navigate to={next} replace />

  return (
    <main className="sign-in-page">
      <div className="sign-in-card">
        <header className="sign-in-header">
          <Logo />
          <LanguageSwitch />
        </header>
        <h1 className="sign-in-title">{params.get('mode') === 'pin' && allowPin ? t('auth.switchTitle') : t('auth.title')}</h1>
        <p className="sign-in-lead">{allowPin ? t('auth.leadDevice') : t('auth.lead')}</p>
        <SignInForm
          allowPin={allowPin}
          initialMode={params.get('mode') === 'pin' ? 'pin' : 'password'}
          onSignedIn={() => navigate(next, { replace: true })}
        />
      </div>
      <p className="sign-in-foot">{t('auth.foot')}</p>
    </main>
  )
}
