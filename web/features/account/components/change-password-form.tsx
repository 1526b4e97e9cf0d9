import { type FormEvent, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Alert } from '../../../components/ui/alert'
import { Button } from '../../../components/ui/button'
import { Input } from '../../../components/ui/input'
import { PASSWORD_MIN_LENGTH, passwordProblem } from '../../../../server/core/auth/rules'
import { useChangePassword } from '../api/account'
import { passwordProblemText, useSecretError, type SecretError } from '../lib/secret-errors'

export type ChangePasswordFormProps = {
  employeeNo: string
  /** The password to replace was handed out by someone else (the forced screen after a temporary sign-in). */
  temporary?: boolean
  onChanged?: (result: { sessionsEnded: number }) => void
}

/**
 * Current password, new password twice. The new one is checked here with the server's own rules
 * (rules.ts) before it is sent; the fields are cleared after every answer.
 */
export function ChangePasswordForm({ employeeNo, temporary = false, onChanged }: ChangePasswordFormProps) {
  const { t } = useTranslation()
  const change = useChangePassword()
  const describe = useSecretError()
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [repeat, setRepeat] = useState('')
  const [submitted, setSubmitted] = useState(false)
  const [answer, setAnswer] = useState<SecretError | null>(null)
  const currentRef = useRef<HTMLInputElement>(null)
  const nextRef = useRef<HTMLInputElement>(null)
  const repeatRef = useRef<HTMLInputElement>(null)

  const problem = next ? passwordProblem(next, { employeeNo }) : null
  const currentError = submitted && !current ? t('account.errors.required') : answer?.field === 'current' ? answer.text : undefined
  const nextError = submitted
    ? !next
      ? t('account.errors.required')
      : problem
        ? passwordProblemText(t, problem)
        : next === current
          ? t('account.errors.samePassword')
          : undefined
    : answer?.field === 'new'
      ? answer.text
      : undefined
  const repeatError = submitted && !nextError && repeat !== next ? t('account.errors.mismatch') : undefined

  const submit = (e: FormEvent) => {
    e.preventDefault()
    setSubmitted(true)
    setAnswer(null)
    if (!current) return currentRef.current?.focus()
    if (!next || problem || next === current) return nextRef.current?.focus()
    if (repeat !== next) return repeatRef.current?.focus()
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: (result) => onChanged?.(result),
        onError: (err) => {
          const described = describe(err, 'password')
          setAnswer(described)
          setSubmitted(false)
          setCurrent('')
          if (described.field === 'new') {
            setNext('')
            setRepeat('')
          }
          ;(described.field === 'new' ? nextRef : currentRef).current?.focus()
        },
      },
    )
  }

  return (
    <form className="account-form" onSubmit={submit} noValidate aria-label={t('account.changePassword')}>
      {answer?.field === 'form' && <Alert tone="danger">{answer.text}</Alert>}
      <Input
        ref={currentRef}
        label={temporary ? t('account.givenPassword') : t('account.currentPassword')}
        type="password"
        name="current-password"
        autoComplete="current-password"
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
        error={currentError}
        maxLength={256}
        autoFocus
      />
      <Input
        ref={nextRef}
        label={t('account.newPassword')}
        type="password"
        name="new-password"
        autoComplete="new-password"
        value={next}
        onChange={(e) => setNext(e.target.value)}
        hint={t('account.passwordHint', { min: PASSWORD_MIN_LENGTH })}
        error={nextError}
        maxLength={256}
      />
      <Input
        ref={repeatRef}
        label={t('account.repeatPassword')}
        type="password"
        name="repeat-password"
        autoComplete="new-password"
        value={repeat}
        onChange={(e) => setRepeat(e.target.value)}
        error={repeatError}
        maxLength={256}
      />
      <Button type="submit" variant="primary" size="lg" block loading={change.isPending}>
        {t('account.savePassword')}
      </Button>
    </form>
  )
}
