import type { Database } from '../../db/client'
import type { Fixture } from '../support/fixtures'
import { iso, plantCorrection } from '../core/review-data'

/**
 * A small review queue across the three fixture stores (clock: 2026-11-02 10:00 UTC; escalation after
 * 48 h by the chain policy). Values: milk 89, coffee 1299, drill 6900, tv 39900 cents.
 */
export async function plantQueue(database: Database, fx: Fixture) {
  const u = fx.users
  const p = (c: Parameters<typeof plantCorrection>[1]) => plantCorrection(database, c)
  // A1, pending: lead tier 72 h old (overdue), store-manager tier, regional tier, one entered by the manager.
  await p({ id: 'p1', storeId: 'st-a1', enteredBy: u.stockroom.id, enteredAt: iso('2026-10-30'), lines: [{ itemId: 'it-milk', delta: -2 }], status: 'pending' })
  await p({ id: 'p2', storeId: 'st-a1', enteredBy: u.stockroom.id, enteredAt: iso('2026-11-02', '08:00'), reason: 'theft', lines: [{ itemId: 'it-drill', delta: -1 }], status: 'pending' })
  await p({ id: 'p3', storeId: 'st-a1', enteredBy: u.stockroom.id, enteredAt: iso('2026-11-01', '09:00'), lines: [{ itemId: 'it-tv', delta: -2 }], status: 'pending' })
  await p({ id: 'p4', storeId: 'st-a1', enteredBy: u.manager.id, enteredAt: iso('2026-11-01', '12:00'), reason: 'found', lines: [{ itemId: 'it-coffee', delta: 1 }], status: 'pending' })
  // A1, decided.
  await p({ id: 'c1', storeId: 'st-a1', enteredBy: u.stockroom.id, enteredAt: iso('2026-10-20'), reason: 'theft', lines: [{ itemId: 'it-shampoo', delta: -3 }], decidedBy: u.lead.id, decidedAt: iso('2026-10-20', '15:00'), decidedRole: 'lead' })
  await p({ id: 'r1', storeId: 'st-a1', enteredBy: u.stockroom2.id, enteredAt: iso('2026-10-25'), lines: [{ itemId: 'it-milk', delta: -1 }], status: 'rejected', decidedBy: u.manager.id, decidedAt: iso('2026-10-25', '11:00') })
  await p({ id: 'old', storeId: 'st-a1', enteredBy: u.stockroom.id, enteredAt: iso('2026-08-01'), lines: [{ itemId: 'it-milk', delta: -1 }], decidedBy: u.lead.id, decidedAt: iso('2026-08-01', '12:00') })
  // A2 and B1.
  await p({ id: 'q1', storeId: 'st-a2', enteredBy: u.managerA2.id, enteredAt: iso('2026-11-01', '20:00'), lines: [{ itemId: 'it-coffee', delta: -1 }], status: 'pending' })
  await p({ id: 'b1', storeId: 'st-b1', enteredBy: u.managerB1.id, enteredAt: iso('2026-11-01'), lines: [{ itemId: 'it-milk', delta: -4 }], status: 'pending' })
  await p({ id: 'b2', storeId: 'st-b1', enteredBy: u.managerB1.id, enteredAt: iso('2026-10-21'), lines: [{ itemId: 'it-drill', delta: -1 }], decidedBy: u.regionalB.id, decidedAt: iso('2026-10-21', '10:00'), decidedRole: 'regional_manager' })
}
