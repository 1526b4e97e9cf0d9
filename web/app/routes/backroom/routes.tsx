import type { RouteObject } from 'react-router'

/**
 * The back room's routes. Only this table is in the initial bundle; each screen (and the workflow
 * styles) loads on first use.
 */
export const backroomRoutes: RouteObject[] = [
  { index: true, lazy: () => import('./backroom-screen').then((m) => ({ Component: m.BackroomScreen })) },
  { path: 'picks', lazy: () => import('./picks-screen').then((m) => ({ Component: m.PicksScreen })) },
  { path: 'receiving', lazy: () => import('./receiving-screens').then((m) => ({ Component: m.DeliveriesScreen })) },
  { path: 'receiving/:deliveryId', lazy: () => import('./receiving-screens').then((m) => ({ Component: m.ReceivingScreen })) },
  { path: 'counts', lazy: () => import('./count-screens').then((m) => ({ Component: m.CountsScreen })) },
  { path: 'counts/:countId', lazy: () => import('./count-screens').then((m) => ({ Component: m.CountScreen })) },
  { path: 'corrections', lazy: () => import('./correction-screens').then((m) => ({ Component: m.MyCorrectionsScreen })) },
  { path: 'corrections/new', lazy: () => import('./correction-screens').then((m) => ({ Component: m.NewCorrectionScreen })) },
  { path: 'transfers', lazy: () => import('./transfer-screens').then((m) => ({ Component: m.TransfersScreen })) },
  { path: 'transfers/new', lazy: () => import('./transfer-screens').then((m) => ({ Component: m.NewTransferScreen })) },
  { path: 'transfers/:transferId', lazy: () => import('./transfer-screens').then((m) => ({ Component: m.TransferScreen })) },
]
