import type { Database } from '../../db/client'
import * as s from '../../db/schema/index'
import { hashSecret } from '../../server/core/auth/passwords'
import { withCheckDigit } from '../../server/core/items/barcode'
import { applyMovements } from '../../server/core/ledger/apply-movements'

export const PASSWORD = 'test-pass-1'
const NOW = '2026-11-02T09:00:00.000Z'

type RoleName = (typeof s.ROLES)[number]

/**
 * A small chain for tests: region A (stores A1, A2), region B (store B1), five items, a user per
 * role at A1 (PIN = employee number digits), a manager per other store, regional managers, admin,
 * auditor. Opening stock: 20 on the floor and 50 in the stockroom of every store for every item.
 */
export async function createFixture(database: Database) {
  const { db } = database
  const [passwordHash, ...pinHashes] = await Promise.all([PASSWORD, '1001', '1002', '1003', '1004', '1005', '2001', '2002', '3004', '4004', '9001', '9002', '1006'].map(hashSecret))
  const pin = (n: number) => pinHashes[n]!

  await db.insert(s.regions).values([
    { id: 'rg-a', code: 'A', name: 'Region A' },
    { id: 'rg-b', code: 'B', name: 'Region B' },
  ])
  const stores = [
    { id: 'st-a1', regionId: 'rg-a', code: 'A1', name: 'Store A1', city: 'Hamburg' },
    { id: 'st-a2', regionId: 'rg-a', code: 'A2', name: 'Store A2', city: 'Bremen' },
    { id: 'st-b1', regionId: 'rg-b', code: 'B1', name: 'Store B1', city: 'München' },
  ]
  await db.insert(s.stores).values(stores)
  const kinds = ['floor', 'stockroom', 'receiving', 'quarantine', 'in_transit'] as const
  await db.insert(s.locations).values(stores.flatMap((st) => kinds.map((kind) => ({ id: `${st.id}-${kind}`, storeId: st.id, kind, code: kind.toUpperCase(), name: kind }))))
  const loc = (storeId: string, kind: (typeof kinds)[number]) => `${storeId}-${kind}`

  const items = [
    { id: 'it-milk', sku: 'SKU-0001', name: 'Organic Whole Milk 1 L', category: 'Dairy', unitCost: 89, price: 149 },
    { id: 'it-coffee', sku: 'SKU-0002', name: 'Espresso Beans 1 kg', category: 'Coffee', unitCost: 1299, price: 1999 },
    { id: 'it-shampoo', sku: 'SKU-0003', name: 'Mild Shampoo 300 ml', category: 'Drugstore', unitCost: 199, price: 349 },
    { id: 'it-drill', sku: 'SKU-0004', name: 'Cordless Drill 18 V', category: 'Tools', unitCost: 6900, price: 9999 },
    { id: 'it-tv', sku: 'SKU-0005', name: 'Television 55 inch', category: 'Electronics', unitCost: 39900, price: 54900 },
  ]
  await db.insert(s.items).values(items.map((i) => ({ ...i, uom: 'pcs', createdAt: NOW })))
  const barcodes = items.map((item, n) => ({ itemId: item.id, barcode: withCheckDigit(`400000000000${n}`), kind: 'ean13' as const }))
  await db.insert(s.itemBarcodes).values(barcodes)
  await db.insert(s.storeItems).values(stores.flatMap((st) => items.map((i) => ({ storeId: st.id, itemId: i.id, shelfMin: 5, shelfTarget: 20 }))))
  await db.insert(s.reasonCodes).values([
    { code: 'damaged', labelEn: 'Damaged', labelDe: 'Beschädigt', sortOrder: 1 },
    { code: 'expired', labelEn: 'Expired', labelDe: 'Abgelaufen', sortOrder: 2 },
    { code: 'theft', labelEn: 'Theft / shrink', labelDe: 'Diebstahl / Schwund', sortOrder: 3 },
    { code: 'found', labelEn: 'Found', labelDe: 'Gefunden', sortOrder: 4 },
    { code: 'miscount', labelEn: 'Miscount', labelDe: 'Zählfehler', sortOrder: 5 },
    { code: 'supplier_error', labelEn: 'Supplier error', labelDe: 'Lieferantenfehler', sortOrder: 6 },
    { code: 'other', labelEn: 'Other (note)', labelDe: 'Sonstiges (Notiz)', requiresNote: true, sortOrder: 7 },
  ])
  await db.insert(s.tierPolicies).values({ id: 'tp-chain', storeId: null, leadMax: 5000, storeManagerMax: 50000, updatedAt: NOW })

  const people: Array<{ key: string; employeeNo: string; name: string; role: RoleName; storeId?: string; regionId?: string; pinHash: string | null }> = [
    { key: 'clerk', employeeNo: 'E1001', name: 'Clara Clerk', role: 'clerk', storeId: 'st-a1', pinHash: pin(0) },
    { key: 'stockroom', employeeNo: 'E1002', name: 'Stan Stockroom', role: 'stockroom', storeId: 'st-a1', pinHash: pin(1) },
    { key: 'lead', employeeNo: 'E1003', name: 'Lea Lead', role: 'lead', storeId: 'st-a1', pinHash: pin(2) },
    { key: 'manager', employeeNo: 'E1004', name: 'Max Manager', role: 'store_manager', storeId: 'st-a1', pinHash: pin(3) },
    { key: 'stockroom2', employeeNo: 'E1005', name: 'Sina Second', role: 'stockroom', storeId: 'st-a1', pinHash: pin(4) },
    { key: 'regional', employeeNo: 'E2001', name: 'Rita Regional', role: 'regional_manager', regionId: 'rg-a', pinHash: pin(5) },
    { key: 'regionalB', employeeNo: 'E2002', name: 'Rolf RegionalB', role: 'regional_manager', regionId: 'rg-b', pinHash: pin(6) },
    { key: 'managerA2', employeeNo: 'E3004', name: 'Mona ManagerA2', role: 'store_manager', storeId: 'st-a2', pinHash: pin(7) },
    { key: 'managerB1', employeeNo: 'E4004', name: 'Bernd ManagerB1', role: 'store_manager', storeId: 'st-b1', pinHash: pin(8) },
    { key: 'admin', employeeNo: 'E9001', name: 'Ada Admin', role: 'admin', pinHash: pin(9) },
    { key: 'auditor', employeeNo: 'E9002', name: 'Otto Auditor', role: 'auditor', pinHash: pin(10) },
    { key: 'disabled', employeeNo: 'E1006', name: 'Dora Disabled', role: 'store_manager', storeId: 'st-a1', pinHash: pin(11) },
  ]
  await db.insert(s.users).values(people.map((p) => ({ id: `u-${p.key}`, employeeNo: p.employeeNo, name: p.name, passwordHash: passwordHash!, pinHash: p.pinHash, createdAt: NOW })))
  await db.insert(s.roleAssignments).values(people.map((p) => ({ id: `ra-${p.key}`, userId: `u-${p.key}`, role: p.role, storeId: p.storeId ?? null, regionId: p.regionId ?? null, grantedAt: NOW })))

  const at = new Date(NOW)
  await db.transaction(async (tx) => {
    await applyMovements(tx, at, { userId: null }, stores.flatMap((st) => items.flatMap((i) => [
      { storeId: st.id, itemId: i.id, fromLocationId: null, toLocationId: loc(st.id, 'floor'), counterparty: 'opening' as const, quantity: 20, kind: 'opening' as const, docType: 'fixture', docId: 'opening' },
      { storeId: st.id, itemId: i.id, fromLocationId: null, toLocationId: loc(st.id, 'stockroom'), counterparty: 'opening' as const, quantity: 50, kind: 'opening' as const, docType: 'fixture', docId: 'opening' },
    ])))
  })

  const users = Object.fromEntries(people.map((p) => [p.key, { id: `u-${p.key}`, employeeNo: p.employeeNo, pin: p.employeeNo.slice(1), role: p.role }])) as Record<
    'clerk' | 'stockroom' | 'lead' | 'manager' | 'stockroom2' | 'regional' | 'regionalB' | 'managerA2' | 'managerB1' | 'admin' | 'auditor' | 'disabled',
    { id: string; employeeNo: string; pin: string; role: RoleName }
  >
  return { stores, items, barcodes, users, loc, now: NOW }
}

export type Fixture = Awaited<ReturnType<typeof createFixture>>
