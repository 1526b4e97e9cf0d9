import { type FormEvent, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Alert } from '../../../components/ui/alert'
import { Button } from '../../../components/ui/button'
import { Input } from '../../../components/ui/input'
import { Segmented } from '../../../components/ui/segmented'
import { PIN_PATTERN, pinProblem } from '../../../../server/core/auth/rules'
import { useChangePin } from '../api/account'
import { pinProblemText, useSecretError, type SecretError } from '../lib/secret-errors'

export type ChangePinFormProps = {
  employeeNo: string
  /**
   * Whether the current PIN may prove the change: only a PIN of one's own. A PIN someone else set (or none
   * at all) is no proof — then the password is asked.
   */
  ownPin: boolean
  hasPin: boolean
  onChanged?: () => void
}

const digitsOnly = (value: string) => value.replace(/\D/g, '').slice(0, 8)

/** Confirm with the current PIN or the password, then the new PIN twice (checked here with the server's rules). */
export function ChangePinForm({ employeeNo, ownPin, hasPin, onChanged }: ChangePinFormProps) {
  const { t } = useTranslation()
  const change = useChangePin()
  const describe = useSecretError()
  const [proof, setProof] = useState<'pin' | 'password'>(ownPin ? 'pin' : 'password')
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [repeat, setRepeat] = useState('')
  const [submitted, setSubmitted] = useState(false)
  const [answer, setAnswer] = useState<SecretError | null>(null)
  const currentRef = useRef<HTMLInputElement>(null)
  const nextRef = useRef<HTMLInputElement>(null)
  const repeatRef = useRef<HTMLInputElement>(null)

  const problem = next ? pinProblem(next, { employeeNo }) : null
  const currentInvalid = !current || (proof === 'pin' && !PIN_PATTERN.test(current))
  const currentError = submitted
    ? !current
      ? t('account.errors.required')
      : proof === 'pin' && !PIN_PATTERN.test(current)
        ? t('account.errors.pinFormat')
        : undefined
    : answer?.field === 'current'
      ? answer.text
      : undefined
  const nextError = submitted
    ? !next
      ? t('account.errors.required')
      : problem
        ? pinProblemText(t, problem)
        : proof === 'pin' && next === current
          ? t('account.errors.samePin')
          : undefined
    : answer?.field === 'new'
      ? answer.text
      : undefined
  const repeatError = submitted && !nextError && repeat !== next ? t('account.errors.mismatch') : undefined

  const submit = (e: FormEvent) => {
    e.preventDefault()
    setSubmitted(true)
    setAnswer(null)
    if (currentInvalid) return currentRef.current?.focus()
    if (!next || problem || (proof === 'pin' && next === current)) return nextRef.current?.focus()
    if (repeat !== next) return repeatRef.current?.focus()
    const input = proof === 'pin' ? { currentPin: current, newPin: next } : { currentPassword: current, newPin: next }
    change.mutate(input, {
      onSuccess: () => onChanged?.(),
      onError: (err) => {
        const described = describe(err, 'pin')
        setAnswer(described)
        setSubmitted(false)
        setCurrent('')
        // The server says this PIN proves nothing: the password it is.
        if (err && typeof err === 'object' && 'code' in err && err.code === 'PIN_CHANGE_REQUIRED') setProof('password')
        if (described.field === 'new') {
          setNext('')
          setRepeat('')
        }
        ;(described.field === 'new' ? nextRef : currentRef).current?.focus()
      },
    })
  }

  return (
    <form className="account-form" onSubmit={submit} noValidate aria-label={t('account.changePin')}>
      {answer?.field === 'form' && <Alert tone="danger">{answer.text}</Alert>}
      {ownPin ? (
        <Segmented<'pin' | 'password'>
          label={t('account.proofLabel')}
          value={proof}
          onChange={(value) => {
            setProof(value)
            setCurrent('')
            setAnswer(null)
          }}
          options={[
            { value: 'pin', label: t('account.proofPin') },
            { value: 'password', label: t('account.proofPassword') },
          ]}
        />
      ) : (
        <p className="account-note">{hasPin ? t('account.proofPasswordOnly') : t('account.proofNoPin')}</p>
      )}
      <Input
        ref={currentRef}
        key={proof}
        label={proof === 'pin' ? t('account.currentPin') : t('account.yourPassword')}
        type="password"
        name={proof === 'pin' ? 'current-pin' : 'current-password'}
        inputMode={proof === 'pin' ? 'numeric' : undefined}
        autoComplete={proof === 'pin' ? 'off' : 'current-password'}
        maxLength={proof === 'pin' ? 8 : 256}
        value={current}
        onChange={(e) => setCurrent(proof === 'pin' ? digitsOnly(e.target.value) : e.target.value)}
        error={currentError}
        autoFocus
      />
      <Input
        ref={nextRef}
        label={t('account.newPin')}
        type="password"
        name="new-pin"
        inputMode="numeric"
        autoComplete="off"
        maxLength={8}
        value={next}
        onChange={(e) => setNext(digitsOnly(e.target.value))}
        hint={t('account.pinHint')}
        error={nextError}
      />
      <Input
        ref={repeatRef}
        label={t('account.repeatPin')}
        type="password"
        name="repeat-pin"
        inputMode="numeric"
        autoComplete="off"
        maxLength={8}
        value={repeat}
        onChange={(e) => setRepeat(digitsOnly(e.target.value))}
        error={repeatError}
      />
      <Button type="submit" variant="primary" size="lg" block loading={change.isPending}>
        {t('account.savePin')}
      </Button>
    </form>
  )
}
