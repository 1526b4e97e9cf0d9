import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { isNetworkFailure, useErrorText, type ErrorOverrides } from '../../lib/error-text'
import { Alert } from './alert'

/**
 * A failed call as a danger alert, in the screen's language (web/lib/error-text.ts). Without a
 * connection the title says so instead of the screen's own ("Not saved" …).
 */
export function ErrorAlert({ error, title, overrides, action }: { error: unknown; title?: ReactNode; overrides?: ErrorOverrides; action?: ReactNode }) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  return (
    <Alert tone="danger" title={isNetworkFailure(error) ? t('errors.unreachableTitle') : title} action={action}>
      {errorText(error, overrides)}
    </Alert>
  )
}
