import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { RouterProvider } from 'react-router'
import { AppProvider } from './app/provider'
import { createQueryClient } from './app/query-client'
import { createRouter } from './app/router'
import { persistQueries, restoreQueries } from './lib/query-persist'
import { registerServiceWorker } from './sw/register'
import './styles.css'

const router = createRouter()
const queryClient = createQueryClient()
// The build id: data saved by another version of the app is not restored.
const BUILD = import.meta.env.MODE + (import.meta.env.VITE_BUILD ?? '')

registerServiceWorker()
void restoreQueries(queryClient, BUILD).then(() => {
  persistQueries(queryClient, BUILD)
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <AppProvider queryClient={queryClient}>
        <RouterProvider router={router} />
      </AppProvider>
    </StrictMode>,
  )
})
