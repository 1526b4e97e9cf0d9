import { QueryClientProvider, type QueryClient } from '@tanstack/react-query'
import { type ReactNode, useState } from 'react'
import { I18nextProvider } from 'react-i18next'
import { initI18n } from '../i18n'
import { type ApiClient, ApiClientContext, createApiClient } from '../lib/api-client'
import { createQueryClient } from './query-client'

export type AppProviderProps = {
  children: ReactNode
  /** Injected by tests; the app builds its own. */
  api?: ApiClient
  queryClient?: QueryClient
}

export function AppProvider({ children, api, queryClient }: AppProviderProps) {
  const [client] = useState(() => api ?? createApiClient())
  const [qc] = useState(() => queryClient ?? createQueryClient())
  const [i18n] = useState(() => initI18n())
  return (
    <I18nextProvider i18n={i18n}>
      <ApiClientContext.Provider value={client}>
        <QueryClientProvider client={qc}>{children}</QueryClientProvider>
      </ApiClientContext.Provider>
    </I18nextProvider>
  )
}
