import { ACTIONS_BY_ROLE, me, store } from '../support/fake-api'

/** A store manager's and a stockroom worker's view of store st-1, and one pending correction. */
export const MANAGER_ACTIONS = [
  ...ACTIONS_BY_ROLE.stockroom!,
  'correction.decide',
  'delivery.manage',
  'count.manage',
  'count.review',
  'report.read',
  'audit.read',
  'store.users',
  'pos.keys',
]

export const stockroomMe = me({
  user: { id: 'u-stock', name: 'Mehmet Yılmaz', employeeNo: 'E1002', locale: 'en' },
  stores: [store({ roles: ['stockroom'], actions: ACTIONS_BY_ROLE.stockroom! })],
})

export const managerMe = me({
  user: { id: 'u-mgr', name: 'Sabine Krüger', employeeNo: 'E1004', locale: 'en' },
  stores: [store({ roles: ['store_manager'], actions: MANAGER_ACTIONS })],
})

type Verdict = { ok: true } | { ok: false; code: string; message: string }

export function correction(
  overrides: {
    status?: string
    canConfirm?: Verdict
    version?: number
    decidedByName?: string | null
    tier?: string
    effectiveTier?: string
    series?: { others: number; value: number; ids: string[] } | null
    source?: string
    counters?: string[]
  } = {},
) {
  const status = overrides.status ?? 'pending'
  const decided = status !== 'pending'
  return {
    id: 'c-1',
    storeId: 'st-1',
    status,
    source: overrides.source ?? 'backroom',
    reasonCode: 'damaged',
    note: 'Pallet fell over',
    value: 2_396,
    tierValue: 2_396,
    tier: overrides.tier ?? 'lead',
    effectiveTier: overrides.effectiveTier ?? overrides.tier ?? 'lead',
    series: overrides.series ?? null,
    countedBy: overrides.counters?.[0] ?? null,
    counters: overrides.counters ?? [],
    enteredBy: 'u-stock',
    enteredAt: '2026-11-26T08:00:00.000Z',
    decidedBy: decided ? 'u-mgr' : null,
    decidedAt: decided ? '2026-11-26T09:00:00.000Z' : null,
    decidedRole: decided ? 'store_manager' : null,
    decisionNote: null,
    flaggedNegative: false,
    version: overrides.version ?? 1,
    storeCode: 'S001',
    storeName: 'Berlin Mitte',
    reasonLabel: { en: 'Damaged', de: 'Beschädigt' },
    enteredByName: 'Mehmet Yılmaz',
    decidedByName: overrides.decidedByName ?? (decided ? 'Sabine Krüger' : null),
    lineCount: 1,
    itemNames: ['Whole Milk 1 L'],
    ageMinutes: 60,
    canConfirm: overrides.canConfirm ?? { ok: false, code: 'SELF_CONFIRMATION', message: 'You entered this correction' },
    lines: [
      {
        lineNo: 1,
        locationId: 'loc-stock',
        locationKind: 'stockroom',
        locationName: 'Stockroom',
        itemId: 'it-1',
        sku: 'SKU-0001',
        itemName: 'Whole Milk 1 L',
        quantityDelta: -4,
        unitCost: 599,
        value: 2_396,
      },
    ],
    movements: decided && status === 'confirmed' ? [{ id: 1, lineNo: 1, itemId: 'it-1', quantity: 4, fromLocationId: 'loc-stock', toLocationId: null, counterparty: 'write_off', at: '2026-11-26T09:00:00.000Z' }] : [],
    history: [
      {
        seq: 10,
        at: '2026-11-26T08:00:00.000Z',
        action: 'correction.entered',
        actorUserId: 'u-stock',
        actorName: 'Mehmet Yılmaz',
        sessionUserName: null,
        deviceId: null,
        requestId: null,
        before: null,
        after: { status: 'pending', value: 2_396, tier: 'lead' },
      },
      ...(decided
        ? [
            {
              seq: 11,
              at: '2026-11-26T09:00:00.000Z',
              action: `correction.${status}`,
              actorUserId: 'u-mgr',
              actorName: 'Sabine Krüger',
              sessionUserName: 'Mehmet Yılmaz',
              deviceId: null,
              requestId: null,
              before: { status: 'pending' },
              after: { status, decidedRole: 'store_manager', value: 2_396, proof: 'credentials_in_request', sessionUserId: 'u-stock' },
            },
          ]
        : []),
    ],
  }
}
