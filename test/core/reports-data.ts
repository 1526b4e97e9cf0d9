import type { Database } from '../../db/client'
import type { Fixture } from '../support/fixtures'
import { iso, plantCorrection, plantCount, plantSale } from './review-data'

/**
 * A small fixed data set for report figures computed by hand (unit costs: milk 89, coffee 1299,
 * shampoo 199, drill 6900, tv 39900; the weeks of 2026-10-05..18 start on Monday 10-05 and 10-12).
 * Confirmed in the period: A1 k1–k4, A2 m1–m2, B1 n1; around it: pending k5, rejected k6, k7 after,
 * k8 before; counts K1 (variance → pending k9), K2 (none), K3 after; POS sales per store.
 */
export async function plantReportData(database: Database, fx: Fixture) {
  const u = fx.users
  const c = (x: Parameters<typeof plantCorrection>[1]) => plantCorrection(database, x)
  // A1
  await c({ id: 'k1', storeId: 'st-a1', enteredBy: u.stockroom.id, enteredAt: iso('2026-10-05', '09:00'), reason: 'damaged', lines: [{ itemId: 'it-milk', delta: -10 }], decidedBy: u.lead.id, decidedAt: iso('2026-10-05', '12:00') })
  await c({ id: 'k2', storeId: 'st-a1', enteredBy: u.stockroom.id, enteredAt: iso('2026-10-07'), reason: 'theft', lines: [{ itemId: 'it-drill', delta: -1 }, { itemId: 'it-shampoo', delta: -2 }], decidedBy: u.manager.id, decidedAt: iso('2026-10-07', '15:00') })
  await c({ id: 'k3', storeId: 'st-a1', enteredBy: u.stockroom2.id, enteredAt: iso('2026-10-11'), reason: 'found', lines: [{ itemId: 'it-coffee', delta: 2 }], decidedBy: u.lead.id, decidedAt: iso('2026-10-11', '23:30') })
  await c({ id: 'k4', storeId: 'st-a1', enteredBy: u.lead.id, enteredAt: iso('2026-10-13'), reason: 'expired', lines: [{ itemId: 'it-milk', delta: -5 }], decidedBy: u.manager.id, decidedAt: iso('2026-10-13', '11:00') })
  await c({ id: 'k5', storeId: 'st-a1', enteredBy: u.stockroom.id, enteredAt: iso('2026-10-10'), lines: [{ itemId: 'it-milk', delta: -100 }], status: 'pending' })
  await c({ id: 'k6', storeId: 'st-a1', enteredBy: u.stockroom.id, enteredAt: iso('2026-10-08'), reason: 'theft', lines: [{ itemId: 'it-tv', delta: -1 }], status: 'rejected', decidedBy: u.regional.id, decidedAt: iso('2026-10-08', '12:00') })
  await c({ id: 'k7', storeId: 'st-a1', enteredBy: u.stockroom.id, enteredAt: iso('2026-10-19'), lines: [{ itemId: 'it-milk', delta: -1 }], decidedBy: u.lead.id, decidedAt: iso('2026-10-19', '00:00') })
  await c({ id: 'k8', storeId: 'st-a1', enteredBy: u.stockroom.id, enteredAt: iso('2026-10-04'), lines: [{ itemId: 'it-drill', delta: -1 }], decidedBy: u.manager.id, decidedAt: '2026-10-04T23:59:59.999Z' })
  // A2
  await c({ id: 'm1', storeId: 'st-a2', enteredBy: u.managerA2.id, enteredAt: iso('2026-10-14'), reason: 'theft', lines: [{ itemId: 'it-tv', delta: -1 }], decidedBy: u.regional.id, decidedAt: iso('2026-10-14', '16:00') })
  await c({ id: 'm2', storeId: 'st-a2', enteredBy: u.managerA2.id, enteredAt: iso('2026-10-15'), reason: 'miscount', lines: [{ itemId: 'it-coffee', delta: -1 }, { itemId: 'it-shampoo', delta: 1 }], decidedBy: u.regional.id, decidedAt: iso('2026-10-15', '16:00') })
  // B1
  await c({ id: 'n1', storeId: 'st-b1', enteredBy: u.managerB1.id, enteredAt: iso('2026-10-06'), reason: 'damaged', lines: [{ itemId: 'it-milk', delta: -3 }], decidedBy: u.regionalB.id, decidedAt: iso('2026-10-06', '10:00') })
  // Counts: K1 in A1 with a variance correction (pending), K2 without variance, K3 after the period.
  await c({ id: 'k9', storeId: 'st-a1', enteredBy: u.stockroom.id, enteredAt: iso('2026-10-09', '10:01'), reason: 'miscount', source: 'count', countId: 'K1', countedBy: u.stockroom.id, lines: [{ itemId: 'it-milk', delta: -2 }, { itemId: 'it-shampoo', delta: 1 }], status: 'pending' })
  await plantCount(database, { id: 'K1', storeId: 'st-a1', countedBy: u.stockroom.id, at: iso('2026-10-09', '10:00'), correctionId: 'k9', lines: ['it-milk', 'it-coffee', 'it-shampoo', 'it-drill'].map((itemId) => ({ itemId, expected: 50, counted: 50 })) })
  await plantCount(database, { id: 'K2', storeId: 'st-a1', countedBy: u.lead.id, at: iso('2026-10-16'), lines: ['it-tv', 'it-drill'].map((itemId) => ({ itemId, expected: 50, counted: 50 })) })
  await plantCount(database, { id: 'K3', storeId: 'st-a1', countedBy: u.lead.id, at: iso('2026-10-20'), lines: [{ itemId: 'it-tv', expected: 50, counted: 50 }] })
  // Sales
  await plantSale(database, 'st-a1', iso('2026-10-05'), 100_000)
  await plantSale(database, 'st-a1', iso('2026-10-13'), 50_000)
  await plantSale(database, 'st-a1', iso('2026-10-19'), 99_999)
  await plantSale(database, 'st-a2', iso('2026-10-14'), 200_000)
  await plantSale(database, 'st-b1', iso('2026-10-06'), 10_000)
}
