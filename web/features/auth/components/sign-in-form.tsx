import { type FormEvent, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Alert } from '../../../components/ui/alert'
import { Button } from '../../../components/ui/button'
import { Input } from '../../../components/ui/input'
import { Segmented } from '../../../components/ui/segmented'
import { isApiError } from '../../../lib/api-client'
import type { Me } from '../../../types/api'
import { usePinSignIn, useSignIn } from '../api/sign-in'

export type SignInMode = 'password' | 'pin'

const normalizeEmployeeNo = (value: string) => value.trim().toUpperCase()

function useErrorMessage() {
  const { t } = useTranslation()
  return (err: unknown, mode: SignInMode): string => {
    if (!isApiError(err)) return t('errors.generic')
    switch (err.code) {
      case 'INVALID_CREDENTIALS':
        return mode === 'pin' ? t('auth.errors.invalidPin') : t('auth.errors.invalidCredentials')
      case 'ACCOUNT_LOCKED':
        return t('auth.errors.locked')
      case 'RATE_LIMITED': {
        const seconds = Number(err.details?.retryAfterSeconds)
        return Number.isFinite(seconds) && seconds > 0
          ? t('auth.errors.rateLimitedFor', { count: Math.ceil(seconds) })
          : t('auth.errors.rateLimited')
      }
      case 'DEVICE_NOT_REGISTERED':
      case 'DEVICE_REVOKED': // the office removed this tablet: the same way back, a password sign-in
        return t('auth.errors.deviceNotRegistered')
      case 'NETWORK_ERROR':
        return t('errors.network')
      case 'VALIDATION_FAILED':
        return t('auth.errors.invalidInput')
      default:
        return t('errors.generic')
    }
  }
}

export type SignInFormProps = {
  /** Offer the PIN mode: only a registered store tablet may switch users by PIN. */
  allowPin: boolean
  initialMode?: SignInMode
  onSignedIn: (me: Me | null) => void
}

export function SignInForm({ allowPin, initialMode = 'password', onSignedIn }: SignInFormProps) {
  const { t } = useTranslation()
  const [mode, setMode] = useState<SignInMode>(allowPin ? initialMode : 'password')
  const [employeeNo, setEmployeeNo] = useState('')
  const [secret, setSecret] = useState('')
  const [touched, setTouched] = useState(false)
  const signIn = useSignIn()
  const pinSignIn = usePinSignIn()
  const mutation = mode === 'pin' ? pinSignIn : signIn
  const errorMessage = useErrorMessage()
  const secretRef = useRef<HTMLInputElement>(null)

  const employeeError = touched && !normalizeEmployeeNo(employeeNo) ? t('auth.employeeNoRequired') : undefined
  const secretError =
    touched && !secret
      ? mode === 'pin'
        ? t('auth.pinRequired')
        : t('auth.passwordRequired')
      : touched && mode === 'pin' && !/^\d{4,8}$/.test(secret)
        ? t('auth.pinFormat')
        : undefined

  const submit = (e: FormEvent) => {
    e.preventDefault()
    setTouched(true)
    const no = normalizeEmployeeNo(employeeNo)
    if (!no || !secret || (mode === 'pin' && !/^\d{4,8}$/.test(secret))) return
    const done = {
      onSuccess: (me: Me | null) => onSignedIn(me),
      // Clear the secret for the next try, without calling the now empty field an input error.
      onError: () => {
        setSecret('')
        setTouched(false)
        secretRef.current?.focus()
      },
    }
    if (mode === 'pin') pinSignIn.mutate({ employeeNo: no, pin: secret }, done)
    else signIn.mutate({ employeeNo: no, password: secret }, done)
  }

  const switchMode = (next: SignInMode) => {
    setMode(next)
    setSecret('')
    setTouched(false)
    signIn.reset()
    pinSignIn.reset()
  }

  return (
    <form className="sign-in-form" onSubmit={submit} noValidate aria-label={t('auth.formLabel')}>
      {allowPin && (
        <Segmented
          label={t('auth.modeLabel')}
          value={mode}
          onChange={switchMode}
          options={[
            { value: 'pin', label: t('auth.modePin') },
            { value: 'password', label: t('auth.modePassword') },
          ]}
        />
      )}
      {mutation.isError && <Alert tone="danger">{errorMessage(mutation.error, mode)}</Alert>}
      <Input
        label={t('auth.employeeNo')}
        name="employeeNo"
        autoComplete="username"
        autoCapitalize="characters"
        autoCorrect="off"
        spellCheck={false}
        placeholder="E1001"
        value={employeeNo}
        onChange={(e) => setEmployeeNo(e.target.value)}
        error={employeeError}
        autoFocus
      />
      {mode === 'pin' ? (
        <Input
          key="pin"
          ref={secretRef}
          label={t('auth.pin')}
          name="pin"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          maxLength={8}
          value={secret}
          onChange={(e) => setSecret(e.target.value.replace(/\D/g, ''))}
          error={secretError}
          hint={t('auth.pinHint')}
        />
      ) : (
        <Input
          key="password"
          ref={secretRef}
          label={t('auth.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
          error={secretError}
        />
      )}
      <Button type="submit" variant="primary" size="lg" block loading={mutation.isPending}>
        {mode === 'pin' ? t('auth.switchSubmit') : t('auth.submit')}
      </Button>
    </form>
  )
}
