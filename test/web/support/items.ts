import type { ItemDetail } from '../../../web/types/api'

export const milk: ItemDetail = {
  item: {
    id: 'it-1',
    sku: 'SKU-0001',
    name: 'Whole Milk 1 L',
    category: 'Dairy',
    uom: 'pcs',
    price: 129,
    unitCost: 80,
    active: true,
    barcodes: ['4001234567890'],
  },
  blindCount: false,
  stock: { floor: 12, stockroom: 30, inTransit: 6, receiving: 0, quarantine: 1 },
  shelf: { min: 8, target: 24 },
  countFlag: null,
  nearby: [{ storeId: 'st-2', storeCode: 'S002', storeName: 'Berlin Kreuzberg', city: 'Berlin', floor: 4, stockroom: 18 }],
  lastMovements: [
    { id: 3, kind: 'sale', quantity: 2, fromKind: 'floor', toKind: null, counterparty: 'customer', docType: 'pos_receipt', docId: 'r-1', at: '2025-01-10T10:00:00Z', actorName: null },
    { id: 2, kind: 'replenish', quantity: 12, fromKind: 'stockroom', toKind: 'floor', counterparty: null, docType: 'replenishment', docId: 'rp-1', at: '2025-01-10T08:00:00Z', actorName: 'Sam Stock' },
    { id: 1, kind: 'receipt', quantity: 48, fromKind: null, toKind: 'stockroom', counterparty: 'supplier', docType: 'delivery', docId: 'd-1', at: '2025-01-09T07:00:00Z', actorName: 'Sam Stock' },
  ],
}
