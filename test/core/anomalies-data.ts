import { hashSecret } from '../../server/core/auth/passwords'
import type { Database } from '../../db/client'
import * as s from '../../db/schema/index'
import type { Fixture } from '../support/fixtures'
import { iso, plantCorrection, plantCount, plantSale } from './review-data'

export type Staff = { s: string; s2: string; l: string; m: string }

/** Region A gets two more stores (A3, A4) so a store can be compared with a region; each store a full back office. */
export async function addRegionAStaff(database: Database, fx: Fixture): Promise<Record<string, Staff>> {
  const { db } = database
  await db.insert(s.stores).values([
    { id: 'st-a3', regionId: 'rg-a', code: 'A3', name: 'Store A3', city: 'Kiel' },
    { id: 'st-a4', regionId: 'rg-a', code: 'A4', name: 'Store A4', city: 'Lübeck' },
  ])
  await db.insert(s.locations).values(['st-a3', 'st-a4'].flatMap((id) => ['floor', 'stockroom'].map((kind) => ({ id: `${id}-${kind}`, storeId: id, kind: kind as 'floor' | 'stockroom', code: kind.toUpperCase(), name: kind }))))
  const hash = await hashSecret('not-used')
  const staff: Record<string, Staff> = { 'st-a1': { s: fx.users.stockroom.id, s2: fx.users.stockroom2.id, l: fx.users.lead.id, m: fx.users.manager.id } }
  const roles = { s: 'stockroom', s2: 'stockroom', l: 'lead', m: 'store_manager' } as const
  for (const [n, storeId] of [[2, 'st-a2'], [3, 'st-a3'], [4, 'st-a4']] as const) {
    const people = Object.fromEntries(Object.keys(roles).map((k) => [k, `u-a${n}${k}`])) as Staff
    await db.insert(s.users).values(Object.entries(people).map(([k, id], i) => ({ id, employeeNo: `E${n}${i}9${k.length}`, name: `A${n} ${roles[k as keyof Staff]} ${k}`, passwordHash: hash, createdAt: fx.now })))
    await db.insert(s.roleAssignments).values(Object.entries(people).map(([k, id]) => ({ id: `ra-${id}`, userId: id, role: roles[k as keyof Staff], storeId, grantedAt: fx.now })))
    staff[storeId] = people
  }
  return staff
}

const ITEMS = ['it-milk', 'it-shampoo', 'it-coffee'] as const

/**
 * A month of ordinary back-office life in each store: ten write-offs (write-off value 6,725), five
 * different enterer–confirmer pairs twice each, no person writing off an item more than twice, all
 * released in store hours, nowhere near a tier limit; sales of 10,000.00 per store.
 */
export async function plantBaseline(database: Database, staff: Record<string, Staff>, month: string) {
  for (const [storeId, p] of Object.entries(staff)) {
    const pairs: Array<[string, string]> = [[p.s, p.l], [p.s2, p.m], [p.l, p.m], [p.s, p.m], [p.s2, p.l]]
    for (let i = 0; i < 10; i++) {
      const day = `${month}-${String(2 + 2 * i).padStart(2, '0')}`
      const [enteredBy, decidedBy] = pairs[i % 5]!
      await plantCorrection(database, {
        id: `base-${storeId}-${month}-${i}`,
        storeId,
        enteredBy,
        enteredAt: iso(day, '09:00'),
        reason: 'damaged',
        lines: [{ itemId: ITEMS[i % 3]!, delta: -(1 + (i % 2)) }],
        decidedBy,
        decidedAt: iso(day, '11:00'),
      })
    }
    await plantSale(database, storeId, iso(`${month}-15`), 1_000_000)
  }
}

/** October's planted patterns, one per detector (and a clean DST edge case). */
export async function plantPatterns(database: Database, staff: Record<string, Staff>) {
  const a1 = staff['st-a1']!
  const a2 = staff['st-a2']!
  const a3 = staff['st-a3']!
  const a4 = staff['st-a4']!
  const c = (x: Parameters<typeof plantCorrection>[1]) => plantCorrection(database, x)
  // 1. Pair: in A1, eight more found-stock corrections entered by s and confirmed by l (10 of 19).
  for (let i = 0; i < 8; i++) {
    await c({ id: `pair-${i}`, storeId: 'st-a1', enteredBy: a1.s, enteredAt: iso(`2026-10-${String(3 + 2 * i).padStart(2, '0')}`, '12:00'), reason: 'found', lines: [{ itemId: ITEMS[i % 3]!, delta: 1 }], decidedBy: a1.l, decidedAt: iso(`2026-10-${String(3 + 2 * i).padStart(2, '0')}`, '13:00') })
  }
  // Clean edge: released at 06:15 UTC on 20 October = 08:15 in Berlin (summer time): inside the hours.
  await c({ id: 'dst-summer', storeId: 'st-a1', enteredBy: a1.s2, enteredAt: iso('2026-10-20', '06:00'), reason: 'found', lines: [{ itemId: 'it-coffee', delta: 1 }], decidedBy: a1.m, decidedAt: iso('2026-10-20', '06:15') })
  // 2. Just under a limit: A2's lead enters three pending corrections at 4,895 and 4,628 (lead limit 5,000)
  //    and 46,800 (store-manager limit 50,000).
  await c({ id: 'near-1', storeId: 'st-a2', enteredBy: a2.l, enteredAt: iso('2026-10-06', '10:00'), lines: [{ itemId: 'it-milk', delta: -55 }], status: 'pending' })
  await c({ id: 'near-2', storeId: 'st-a2', enteredBy: a2.l, enteredAt: iso('2026-10-13', '10:00'), lines: [{ itemId: 'it-milk', delta: -52 }], status: 'pending' })
  await c({ id: 'near-3', storeId: 'st-a2', enteredBy: a2.l, enteredAt: iso('2026-10-20', '10:00'), lines: [{ itemId: 'it-tv', delta: -1 }, { itemId: 'it-drill', delta: -1 }], status: 'pending' })
  // 3. The same item written off three times by one person (A3).
  for (const [i, day] of ['2026-10-05', '2026-10-12', '2026-10-19'].entries()) {
    await c({ id: `repeat-${i}`, storeId: 'st-a3', enteredBy: a3.s, enteredAt: iso(day, '10:00'), reason: 'theft', lines: [{ itemId: 'it-shampoo', delta: -1 }], decidedBy: a3.m, decidedAt: iso(day, '12:00') })
  }
  // 4. A1's s2 counts the TV at 09:00 and writes one off at 15:00; the lead counted it too, but five days before theirs.
  await plantCount(database, { id: 'count-tv', storeId: 'st-a1', countedBy: a1.s2, at: iso('2026-10-21', '09:00'), lines: [{ itemId: 'it-tv', expected: 50, counted: 50 }] })
  await c({ id: 'after-count', storeId: 'st-a1', enteredBy: a1.s2, enteredAt: iso('2026-10-21', '15:00'), reason: 'theft', lines: [{ itemId: 'it-tv', delta: -1 }], status: 'pending' })
  await plantCount(database, { id: 'count-old', storeId: 'st-a1', countedBy: a1.l, at: iso('2026-10-01', '09:00'), lines: [{ itemId: 'it-drill', expected: 50, counted: 50 }] })
  await c({ id: 'late-after-count', storeId: 'st-a1', enteredBy: a1.l, enteredAt: iso('2026-10-06', '09:00'), reason: 'found', lines: [{ itemId: 'it-drill', delta: 1 }], status: 'pending' })
  // 5 + 6. A4: a TV written off and released at 04:30 Berlin time, and a release at 07:15 after the clocks went back.
  await c({ id: 'night', storeId: 'st-a4', enteredBy: a4.l, enteredAt: iso('2026-10-09', '18:00'), reason: 'theft', lines: [{ itemId: 'it-tv', delta: -1 }], decidedBy: a4.m, decidedAt: iso('2026-10-10', '02:30') })
  await c({ id: 'dst-winter', storeId: 'st-a4', enteredBy: a4.s, enteredAt: iso('2026-10-26', '06:00'), reason: 'found', lines: [{ itemId: 'it-milk', delta: 1 }], decidedBy: a4.m, decidedAt: iso('2026-10-26', '06:15') })
}
