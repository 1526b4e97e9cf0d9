import { useTranslation } from 'react-i18next'
import { Link, isRouteErrorResponse, useRouteError } from 'react-router'
import { Alert } from '../../components/ui/alert'
import { Button } from '../../components/ui/button'
import { EmptyState } from '../../components/ui/empty-state'
import { Spinner } from '../../components/ui/spinner'
import { isApiError } from '../../lib/api-client'

export function FullPageSpinner() {
  const { t } = useTranslation()
  return (
    <main className="page-center">
      <Spinner size="lg" label={t('common.loading')} />
    </main>
  )
}

export const RouteFallback = FullPageSpinner

export function FullPageError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation()
  const network = isApiError(error, 'NETWORK_ERROR') || (isApiError(error) && error.status >= 500)
  return (
    <main className="page-center">
      <div className="panel">
        <Alert
          tone="danger"
          title={network ? t('errors.unreachableTitle') : t('errors.genericTitle')}
          action={onRetry && <Button onClick={onRetry}>{t('common.retry')}</Button>}
        >
          {network ? t('errors.network') : t('errors.generic')}
        </Alert>
      </div>
    </main>
  )
}

/** Render errors and failed chunk loads (e.g. a new deployment replaced the files). */
export function RouteError() {
  const error = useRouteError()
  const { t } = useTranslation()
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFound />
  return (
    <main className="page-center">
      <div className="panel">
        <Alert
          tone="danger"
          title={t('errors.genericTitle')}
          action={<Button onClick={() => window.location.reload()}>{t('common.reload')}</Button>}
        >
          {t('errors.crashed')}
        </Alert>
      </div>
    </main>
  )
}

export function NotFound() {
  const { t } = useTranslation()
  return (
    <main className="page-center">
      <div className="panel">
        <EmptyState title={t('errors.notFoundTitle')}>{t('errors.notFoundText')}</EmptyState>
        <Link className="btn btn-primary btn-lg btn-block" to="/">
          <span className="btn-label">{t('common.home')}</span>
        </Link>
      </div>
    </main>
  )
}
