import { useTranslation } from 'react-i18next'
import { Alert } from '../../../components/ui/alert'
import { Button } from '../../../components/ui/button'
import { CheckIcon, CloseIcon, SwitchUserIcon } from '../../../components/ui/icons'
import type { CorrectionDetail } from '../api/get-correction'
import { isVerdictCode, withdrawable } from '../lib/labels'

export type DecisionPanelProps = {
  correction: CorrectionDetail
  online: boolean
  /** The signed-in person entered it (they may withdraw it, unless it came from a count or a transfer). */
  mine: boolean
  onDecide: (decision: 'confirm' | 'reject') => void
  /** Offer the hand-over: on a store tablet, or to store staff (not an auditor at their desk). */
  canHandOver: boolean
  onHandOver: () => void
  onWithdraw?: () => void
  withdrawing?: boolean
}

/**
 * What the signed-in person may do with a pending correction, from the server's verdict: the confirm
 * and reject buttons only when the server would accept them; otherwise why not, and the hand-over to
 * someone who may (the server checks that person again).
 */
export function DecisionPanel({ correction: c, online, mine, onDecide, canHandOver, onHandOver, onWithdraw, withdrawing }: DecisionPanelProps) {
  const { t } = useTranslation()
  if (c.status !== 'pending') return null
  const who = t(`office.tierWho.${c.effectiveTier}`)
  const verdict = c.canConfirm
  return (
    <section className="decision-panel card" aria-labelledby="decision-title">
      <h2 id="decision-title" className="card-title">
        {t('office.decision.title')}
      </h2>
      {!online && (
        <Alert tone="warning" title={t('office.stepUp.offlineTitle')}>
          {t('office.stepUp.errors.offline')}
        </Alert>
      )}
      {verdict.ok ? (
        <>
          <p>{t('office.decision.mayDecide')}</p>
          <div className="decision-actions">
            <Button variant="primary" size="lg" icon={<CheckIcon />} onClick={() => onDecide('confirm')} disabled={!online}>
              {t('office.decision.confirm')}
            </Button>
            <Button variant="danger" size="lg" icon={<CloseIcon />} onClick={() => onDecide('reject')} disabled={!online}>
              {t('office.decision.reject')}
            </Button>
          </div>
        </>
      ) : (
        <>
          <Alert tone="info" title={t(`office.verdict.${isVerdictCode(verdict.code) ? verdict.code : 'OTHER'}.title`, { name: c.enteredByName })}>
            {!canHandOver
              ? t('office.verdict.readOnly', { who })
              : isVerdictCode(verdict.code)
                ? t(`office.verdict.${verdict.code}.text`, { who, name: c.enteredByName })
                : verdict.message}
          </Alert>
          <div className="decision-actions">
            {canHandOver && (
              <Button variant="primary" size="lg" icon={<SwitchUserIcon />} onClick={onHandOver} disabled={!online}>
                {t('office.decision.handOver', { who })}
              </Button>
            )}
            {mine && onWithdraw && withdrawable(c) && (
              <Button variant="danger" onClick={onWithdraw} loading={withdrawing}>
                {t('office.decision.withdraw')}
              </Button>
            )}
          </div>
          {mine && !withdrawable(c) && <p className="muted">{t('office.decision.notWithdrawable')}</p>}
        </>
      )}
    </section>
  )
}
