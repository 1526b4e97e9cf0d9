import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Alert } from '../../../components/ui/alert'
import { Button } from '../../../components/ui/button'
import { Dialog } from '../../../components/ui/dialog'
import { Input } from '../../../components/ui/input'
import { Segmented } from '../../../components/ui/segmented'
import { Textarea } from '../../../components/ui/textarea'
import { describeDecisionError, type DecisionProblem } from '../lib/decision-errors'
import { useOnline } from '../lib/use-online'

export type StepUpDecision = 'confirm' | 'reject'
export type StepUpCredentials = { employeeNo: string; pin: string } | { employeeNo: string; password: string }
export type StepUpResult = { decision: StepUpDecision; reason: string; credentials: StepUpCredentials }
export type DecidingTier = 'lead' | 'store_manager' | 'regional_manager'

export type StepUpDialogProps = {
  open: boolean
  onClose: () => void
  /**
   * `self`: the signed-in person proves it is really them (their PIN, now).
   * `handover`: the tablet is handed to someone else, who types their own employee number and PIN;
   * the session stays the tablet owner's and the decision is recorded under the other person's name.
   */
  mode: 'self' | 'handover'
  /** Who is signed in: fixed as the decider in `self` mode, named as the tablet's owner in `handover`. */
  person: { name: string; employeeNo: string }
  /** The decision the dialog opens with (in `handover` the manager may still switch). */
  decision: StepUpDecision
  /** Who may decide (the correction's tier), for the hand-over instructions. */
  tier?: DecidingTier
  /** One line about what is being decided (value, reason, items). */
  summary: ReactNode
  /** Sends the decision; a rejection (ApiError) is shown in the dialog, success is the caller's to show. */
  onSubmit: (result: StepUpResult) => Promise<unknown>
  /** The correction changed meanwhile: look at it again. */
  onReload?: () => void
}

const PIN = /^[0-9]{4,8}$/

/**
 * The step-up / hand-over dialog for the second vote on a shared tablet. Secrets never outlive an
 * attempt: the PIN field is cleared after every answer, right or wrong.
 */
export function StepUpDialog(props: StepUpDialogProps) {
  const { t } = useTranslation()
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      closeLabel={t('common.close')}
      title={props.mode === 'handover' ? t('office.stepUp.handoverTitle') : t(props.decision === 'confirm' ? 'office.stepUp.confirmTitle' : 'office.stepUp.rejectTitle')}
    >
      {props.open && <StepUpForm {...props} />}
    </Dialog>
  )
}

function StepUpForm({ mode, person, decision: initialDecision, tier, summary, onSubmit, onClose, onReload }: StepUpDialogProps) {
  const { t } = useTranslation()
  const online = useOnline()
  const [decision, setDecision] = useState<StepUpDecision>(initialDecision)
  const [secretKind, setSecretKind] = useState<'pin' | 'password'>('pin')
  const [employeeNo, setEmployeeNo] = useState(mode === 'self' ? person.employeeNo : '')
  const [secret, setSecret] = useState('')
  const [reason, setReason] = useState('')
  const [submitted, setSubmitted] = useState(false)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<DecisionProblem | null>(null)
  const employeeRef = useRef<HTMLInputElement>(null)
  const secretRef = useRef<HTMLInputElement>(null)
  const reasonRef = useRef<HTMLTextAreaElement>(null)
  const problemRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    // The answer sits under the fields: bring it into view (jsdom has no scrolling).
    if (problem) problemRef.current?.scrollIntoView?.({ block: 'nearest' })
  }, [problem])

  useEffect(() => {
    // Whoever holds the tablet starts typing at once.
    const first = mode === 'handover' ? employeeRef.current : secretRef.current
    first?.focus()
  }, [mode])

  const employeeError = submitted && mode === 'handover' && !employeeNo.trim() ? t('office.stepUp.employeeNoRequired') : undefined
  const secretError =
    submitted && !secret
      ? t(secretKind === 'pin' ? 'office.stepUp.pinRequired' : 'office.stepUp.passwordRequired')
      : submitted && secretKind === 'pin' && !PIN.test(secret)
        ? t('office.stepUp.pinFormat')
        : undefined
  const reasonError = submitted && decision === 'reject' && !reason.trim() ? t('office.stepUp.reasonRequired') : undefined

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setSubmitted(true)
    setProblem(null)
    const missingEmployee = mode === 'handover' && !employeeNo.trim()
    const badSecret = !secret || (secretKind === 'pin' && !PIN.test(secret))
    const missingReason = decision === 'reject' && !reason.trim()
    if (missingReason) return reasonRef.current?.focus()
    if (missingEmployee) return employeeRef.current?.focus()
    if (badSecret) return secretRef.current?.focus()
    if (!online) return setProblem({ key: 'offline' })
    const who = employeeNo.trim().toUpperCase()
    const credentials: StepUpCredentials = secretKind === 'pin' ? { employeeNo: who, pin: secret } : { employeeNo: who, password: secret }
    setBusy(true)
    try {
      await onSubmit({ decision, reason: reason.trim(), credentials })
    } catch (err) {
      const next = describeDecisionError(err, navigator.onLine)
      setProblem(next)
      setSubmitted(false)
      if (next.field === 'employeeNo' && mode === 'handover') employeeRef.current?.focus()
      else if (next.field) secretRef.current?.focus()
    } finally {
      setSecret('')
      setBusy(false)
    }
  }

  const tierWho = tier ? t(`office.tierWho.${tier}`) : t('office.tierWho.any')

  return (
    <form className="step-up" onSubmit={submit} noValidate aria-describedby="step-up-summary">
      {mode === 'handover' ? (
        <Alert tone="info" title={t('office.stepUp.handoverLead', { who: tierWho })}>
          {t('office.stepUp.handoverText', { name: person.name })}
        </Alert>
      ) : (
        <p className="step-up-lead">{t('office.stepUp.selfLead', { name: person.name, employeeNo: person.employeeNo })}</p>
      )}
      <div id="step-up-summary" className="step-up-summary">
        {summary}
      </div>

      {!online && (
        <Alert tone="warning" title={t('office.stepUp.offlineTitle')}>
          {t('office.stepUp.errors.offline')}
        </Alert>
      )}

      {mode === 'handover' && (
        <Segmented<StepUpDecision>
          label={t('office.stepUp.decision')}
          value={decision}
          onChange={(d) => {
            setDecision(d)
            setProblem(null)
          }}
          options={[
            { value: 'confirm', label: t('office.decision.confirm') },
            { value: 'reject', label: t('office.decision.reject') },
          ]}
        />
      )}

      {decision === 'reject' && (
        <Textarea
          ref={reasonRef}
          label={t('office.stepUp.reason')}
          hint={t('office.stepUp.reasonHint')}
          value={reason}
          maxLength={500}
          onChange={(e) => setReason(e.target.value)}
          error={reasonError}
          required
        />
      )}

      {mode === 'handover' && (
        <Input
          ref={employeeRef}
          label={t('office.stepUp.employeeNo')}
          value={employeeNo}
          onChange={(e) => setEmployeeNo(e.target.value)}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          error={employeeError}
          required
        />
      )}

      <Segmented<'pin' | 'password'>
        className="segmented-compact"
        label={t('office.stepUp.secretKind')}
        value={secretKind}
        onChange={(k) => {
          setSecretKind(k)
          setSecret('')
        }}
        options={[
          { value: 'pin', label: t('office.stepUp.pin') },
          { value: 'password', label: t('office.stepUp.password') },
        ]}
      />
      <Input
        ref={secretRef}
        key={secretKind}
        label={secretKind === 'pin' ? t('office.stepUp.pin') : t('office.stepUp.password')}
        type="password"
        inputMode={secretKind === 'pin' ? 'numeric' : undefined}
        autoComplete="off"
        maxLength={secretKind === 'pin' ? 8 : 256}
        value={secret}
        onChange={(e) => setSecret(e.target.value)}
        hint={secretKind === 'pin' ? t('office.stepUp.pinHint') : undefined}
        error={secretError}
        required
      />

      {problem && (
        <div ref={problemRef} className="step-up-problem">
        <Alert
          tone={problem.key === 'offline' ? 'warning' : 'danger'}
          title={t(`office.stepUp.errorTitles.${problem.key}`)}
          action={
            problem.reload && onReload ? (
              <Button onClick={onReload}>{t('office.stepUp.reload')}</Button>
            ) : undefined
          }
        >
          {t(`office.stepUp.errors.${problem.key}`, { who: problem.tier ? t(`office.tierWho.${problem.tier as DecidingTier}`) : tierWho })}
        </Alert>
        </div>
      )}

      <div className="step-up-actions">
        <Button onClick={onClose} disabled={busy}>
          {t('office.common.cancel')}
        </Button>
        <Button type="submit" variant={decision === 'reject' ? 'danger' : 'primary'} size="lg" loading={busy} disabled={!online}>
          {decision === 'confirm' ? t('office.decision.confirmNow') : t('office.decision.rejectNow')}
        </Button>
      </div>
    </form>
  )
}
