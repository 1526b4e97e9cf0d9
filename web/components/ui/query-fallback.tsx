import { useTranslation } from 'react-i18next'
import { Alert } from './alert'
import { Button } from './button'
import { Spinner } from './spinner'

type PendingQuery = { isPending: boolean; refetch: () => unknown }

/** What a screen shows before its data is there: a spinner while loading, a retry when loading failed. */
export function QueryFallback({ query }: { query: PendingQuery }) {
  const { t } = useTranslation()
  if (query.isPending) return <Spinner size="lg" label={t('common.loading')} />
  return (
    <Alert tone="danger" action={<Button onClick={() => void query.refetch()}>{t('common.retry')}</Button>}>
      {t('errors.network')}
    </Alert>
  )
}
