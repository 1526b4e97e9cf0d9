import { describe, expect, it } from 'vitest'
import { discrepanciesOf, lineState } from '../../server/core/receiving/rules'

describe('discrepanciesOf (the supplier claim)', () => {
  it.each([
    // expected, received (good), damaged → claim
    [10, 10, 0, []],
    [10, 7, 0, [{ kind: 'short', quantity: 3 }]],
    [10, 12, 0, [{ kind: 'over', quantity: 2 }]],
    [10, 8, 2, [{ kind: 'damaged', quantity: 2 }]], // damaged units arrived: not short
    [10, 6, 2, [{ kind: 'short', quantity: 2 }, { kind: 'damaged', quantity: 2 }]],
    [10, 10, 1, [{ kind: 'over', quantity: 1 }, { kind: 'damaged', quantity: 1 }]],
    [0, 3, 0, [{ kind: 'unexpected', quantity: 3 }]],
    [0, 2, 1, [{ kind: 'unexpected', quantity: 3 }, { kind: 'damaged', quantity: 1 }]],
    [5, 0, 0, [{ kind: 'short', quantity: 5 }]],
    [5, 0, 5, [{ kind: 'damaged', quantity: 5 }]],
  ])('expected %s, received %s, damaged %s', (expectedQty, receivedQty, damagedQty, claim) => {
    expect(discrepanciesOf({ expectedQty, receivedQty, damagedQty })).toEqual(claim)
  })
})

describe('lineState (the live receiving screen)', () => {
  it.each([
    [10, 0, 0, 'pending'],
    [10, 4, 0, 'partial'],
    [10, 9, 1, 'complete'],
    [10, 11, 0, 'over'],
    [0, 1, 0, 'unexpected'],
  ])('expected %s, received %s, damaged %s → %s', (expectedQty, receivedQty, damagedQty, state) => {
    expect(lineState({ expectedQty, receivedQty, damagedQty })).toBe(state)
  })
})
