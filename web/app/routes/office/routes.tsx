import type { RouteObject } from 'react-router'

/**
 * The office workspace's routes. Only this small table is in the initial bundle: every screen (and the
 * office styles) loads on first use, so a clerk's tablet never downloads them.
 */
export const officeRoutes: RouteObject[] = [
  {
    lazy: () => import('./office-layout').then((m) => ({ Component: m.OfficeLayout })),
    children: [
      { index: true, lazy: () => import('./office-screen').then((m) => ({ Component: m.OfficeScreen })) },
      { path: 'corrections', lazy: () => import('./corrections-screen').then((m) => ({ Component: m.CorrectionsScreen })) },
      { path: 'corrections/:correctionId', lazy: () => import('./correction-screen').then((m) => ({ Component: m.OfficeCorrectionScreen })) },
      { path: 'review', lazy: () => import('./review-screen').then((m) => ({ Component: m.ReviewScreen })) },
      { path: 'reports', lazy: () => import('./reports-screen').then((m) => ({ Component: m.ReportsScreen })) },
      { path: 'evidence', lazy: () => import('./evidence-screen').then((m) => ({ Component: m.EvidenceScreen })) },
      { path: 'stock', lazy: () => import('./stock-screen').then((m) => ({ Component: m.StockScreen })) },
      { path: 'admin', lazy: () => import('./admin-screen').then((m) => ({ Component: m.AdminScreen })) },
    ],
  },
]

/**
 * The same correction screen in the back room: whoever entered a correction on a stockroom tablet
 * opens it there and hands the tablet to a manager, who confirms with their PIN on the same page.
 */
export const backroomCorrectionRoute: RouteObject = {
  path: 'corrections/:correctionId',
  lazy: () => import('./correction-screen').then((m) => ({ Component: m.BackroomCorrectionScreen })),
}
