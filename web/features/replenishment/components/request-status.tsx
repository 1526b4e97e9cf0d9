import { useTranslation } from 'react-i18next'
import { Badge } from '../../../components/ui/badge'
import { isKnownReason, type RequestStatus } from '../api/types'

const TONE = { open: 'info', picking: 'warning', done: 'success', cannot_fill: 'danger', cancelled: 'neutral' } as const

export function RequestStatusBadge({ status }: { status: RequestStatus }) {
  const { t } = useTranslation()
  return <Badge tone={TONE[status]}>{t(`replenishment.status.${status}`)}</Badge>
}

/** A cannot-fill reason: our codes translated, free text as the back room typed it. */
export function useReasonLabel() {
  const { t } = useTranslation()
  return (reason: string | null) => (reason === null ? '' : isKnownReason(reason) ? t(`replenishment.reason.${reason}`) : reason)
}
