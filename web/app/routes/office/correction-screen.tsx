import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, Navigate, useParams } from 'react-router'
import { Alert } from '../../../components/ui/alert'
import { Button } from '../../../components/ui/button'
import { EmptyState } from '../../../components/ui/empty-state'
import { ErrorAlert } from '../../../components/ui/error-alert'
import { Spinner } from '../../../components/ui/spinner'
import { useSession } from '../../../features/auth/api/use-session'
import { useWithdrawCorrection } from '../../../features/corrections-review/api/cancel-correction'
import { useDecideCorrection } from '../../../features/corrections-review/api/decide-correction'
import { useCorrection, type CorrectionDetail } from '../../../features/corrections-review/api/get-correction'
import { CorrectionHeader, CorrectionHistory, CorrectionLines } from '../../../features/corrections-review/components/correction-detail'
import { DecisionPanel } from '../../../features/corrections-review/components/decision-panel'
import { isTier, reasonLabel } from '../../../features/corrections-review/lib/labels'
import { StepUpDialog, type StepUpDecision, type StepUpResult } from '../../../features/step-up/components/step-up-dialog'
import { useOnline } from '../../../features/step-up/lib/use-online'
import { useFormat } from '../../../i18n/format'
import { isApiError } from '../../../lib/api-client'
import { can } from '../../../lib/authorization'
import { useCurrentStore } from '../../guards'
import './office.css'

export function OfficeCorrectionScreen() {
  return <CorrectionScreen workspace="office" />
}

export function BackroomCorrectionScreen() {
  return <CorrectionScreen workspace="backroom" />
}

type DialogState = { mode: 'self' | 'handover'; decision: StepUpDecision }
type Done = { decision: StepUpDecision; handedOver: boolean }

/**
 * One correction: what it changes, its full history, and the second vote. The confirm/reject buttons
 * follow the server's verdict for the signed-in person; anyone else decides by taking the tablet and
 * typing their own employee number and PIN (the hand-over), which the server checks again.
 */
function CorrectionScreen({ workspace }: { workspace: 'office' | 'backroom' }) {
  const { t } = useTranslation()
  const store = useCurrentStore()
  const { correctionId = '' } = useParams()
  if (!can(store, 'correction.read')) return <Navigate to={`/stores/${store.id}/${workspace}`} replace />
  return <CorrectionView key={correctionId} storeId={store.id} id={correctionId} workspace={workspace} backLabel={t(workspace === 'office' ? 'office.detail.back' : 'office.detail.backBackroom')} />
}

function CorrectionView({ storeId, id, workspace, backLabel }: { storeId: string; id: string; workspace: 'office' | 'backroom'; backLabel: string }) {
  const { t } = useTranslation()
  const me = useSession()
  const online = useOnline()
  const store = useCurrentStore()
  const detail = useCorrection(storeId, id)
  const decide = useDecideCorrection(storeId, id)
  const withdraw = useWithdrawCorrection(storeId, id)
  const [dialog, setDialog] = useState<DialogState | null>(null)
  const [done, setDone] = useState<Done | null>(null)
  const doneRef = useRef<HTMLDivElement>(null)
  const back = `/stores/${storeId}/${workspace}/corrections`

  useEffect(() => {
    if (done) doneRef.current?.focus()
  }, [done])

  if (detail.isPending) return <div className="screen screen-padded"><Spinner size="lg" label={t('common.loading')} /></div>
  if (detail.isError) {
    return (
      <div className="screen screen-padded">
        {isApiError(detail.error, 'NOT_FOUND') ? (
          <EmptyState title={t('office.detail.notFound')}>{t('office.detail.notFoundText')}</EmptyState>
        ) : (
          <Alert tone="danger" title={t('errors.genericTitle')} action={<Button onClick={() => void detail.refetch()}>{t('common.retry')}</Button>}>
            {t('office.common.loadFailed')}
          </Alert>
        )}
        <Link className="btn btn-secondary" to={back}>
          <span className="btn-label">{backLabel}</span>
        </Link>
      </div>
    )
  }
  const c = detail.data
  const submit = async ({ decision, reason, credentials }: StepUpResult) => {
    await decide.mutateAsync(
      decision === 'confirm' ? { kind: 'confirm', version: c.version, credentials } : { kind: 'reject', version: c.version, reason, credentials },
    )
    setDone({ decision, handedOver: dialog?.mode === 'handover' })
    setDialog(null)
  }

  return (
    <div className="screen screen-padded corr-screen">
      <Link className="text-back-link" to={back}>
        ← {backLabel}
      </Link>
      <CorrectionHeader correction={c} />
      {done && (
        <div ref={doneRef} tabIndex={-1} className="done-note">
          <Alert tone="success" title={t(done.decision === 'confirm' ? 'office.decision.confirmedTitle' : 'office.decision.rejectedTitle', { name: c.decidedByName ?? '' })}>
            {t(done.decision === 'confirm' ? 'office.decision.confirmedText' : 'office.decision.rejectedText', { count: c.movements.length })}
            {done.handedOver && ` ${t('office.decision.handBack', { name: me.user.name })}`}
          </Alert>
        </div>
      )}
      {withdraw.isError && <ErrorAlert title={t('office.decision.withdrawFailed')} error={withdraw.error} />}
      <DecisionPanel
        correction={c}
        online={online}
        mine={c.enteredBy === me.user.id}
        onDecide={(decision) => setDialog({ mode: 'self', decision })}
        canHandOver={me.device !== null || can(store, 'correction.report')}
        onHandOver={() => setDialog({ mode: 'handover', decision: 'confirm' })}
        onWithdraw={() => withdraw.mutate(c.version)}
        withdrawing={withdraw.isPending}
      />
      <div className="corr-columns">
        <CorrectionLines correction={c} />
        <CorrectionHistory correction={c} />
      </div>
      <StepUpDialog
        open={dialog !== null}
        onClose={() => setDialog(null)}
        mode={dialog?.mode ?? 'self'}
        decision={dialog?.decision ?? 'confirm'}
        person={{ name: me.user.name, employeeNo: me.user.employeeNo }}
        tier={isTier(c.effectiveTier) ? c.effectiveTier : undefined}
        summary={<DecisionSummary correction={c} />}
        onSubmit={submit}
        onReload={() => {
          setDialog(null)
          void detail.refetch()
        }}
      />
    </div>
  )
}

function DecisionSummary({ correction: c }: { correction: CorrectionDetail }) {
  const { t, i18n } = useTranslation()
  const f = useFormat()
  return (
    <p>
      <strong>{f.money(c.value)}</strong> · {reasonLabel(c.reasonLabel, c.reasonCode, i18n.language)} · {c.storeCode} ·{' '}
      {t('office.list.enteredBy', { name: c.enteredByName })}
      <br />
      <span className="muted">{c.lines.map((l) => `${f.signedNumber(l.quantityDelta)} × ${l.itemName}`).join(', ')}</span>
    </p>
  )
}
