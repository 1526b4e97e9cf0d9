import { createBrowserRouter, type RouteObject } from 'react-router'
import { RequireAuth, RequireStore, RequireWorkspace } from './guards'
import { AppShell } from './layout/app-shell'
import { backroomRoutes } from './routes/backroom/routes'
import { HomeRedirect, StoreIndexRedirect } from './routes/home'
import { NotFound, RouteError, RouteFallback } from './routes/misc'
import { backroomCorrectionRoute, officeRoutes } from './routes/office/routes'
import { SignInRoute } from './routes/sign-in'

/**
 * Each workspace is its own chunk: a clerk's tablet never downloads the office screens.
 * The path says where you are: /stores/:storeId/{floor|backroom|office}.
 */
export const routes: RouteObject[] = [
  {
    id: 'root',
    ErrorBoundary: RouteError,
    HydrateFallback: RouteFallback,
    children: [
      { path: '/sign-in', Component: SignInRoute },
      {
        Component: RequireAuth,
        children: [
          { index: true, Component: HomeRedirect },
          {
            path: 'stores/:storeId',
            Component: RequireStore,
            children: [
              {
                Component: AppShell,
                children: [
                  { index: true, Component: StoreIndexRedirect },
                  {
                    path: 'floor',
                    element: <RequireWorkspace workspace="floor" />,
                    children: [{ index: true, lazy: () => import('./routes/floor/floor-screen').then((m) => ({ Component: m.FloorScreen })) }],
                  },
                  {
                    path: 'backroom',
                    element: <RequireWorkspace workspace="backroom" />,
                    children: [...backroomRoutes, backroomCorrectionRoute],
                  },
                  {
                    path: 'office',
                    element: <RequireWorkspace workspace="office" />,
                    children: officeRoutes,
                  },
                ],
              },
            ],
          },
        ],
      },
      { path: '*', Component: NotFound },
    ],
  },
]

export const createRouter = () => createBrowserRouter(routes)
