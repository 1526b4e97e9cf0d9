import { describe, expect, it } from 'vitest'
import { settleLine, transferLineState } from '../../server/core/transfers/rules'

describe('settleLine', () => {
  it.each([
    [10, 10, { moveIn: 10, short: 0, over: 0 }],
    [10, 7, { moveIn: 7, short: 3, over: 0 }],
    [10, 12, { moveIn: 10, short: 0, over: 2 }], // in transit never goes below zero
    [10, 0, { moveIn: 0, short: 10, over: 0 }],
  ])('shipped %s, received %s', (shipped, received, expected) => {
    expect(settleLine(shipped, received)).toEqual(expected)
  })

  it('keeps every shipped unit accounted for', () => {
    for (let shipped = 1; shipped <= 12; shipped++) {
      for (let received = 0; received <= 15; received++) {
        const { moveIn, short, over } = settleLine(shipped, received)
        expect(moveIn + short).toBe(shipped)
        expect(moveIn + over).toBe(received)
      }
    }
  })
})

describe('transferLineState', () => {
  it.each([
    [5, 0, 'pending'],
    [5, 3, 'partial'],
    [5, 5, 'complete'],
    [5, 6, 'over'],
  ])('shipped %s, received %s → %s', (shipped, received, state) => {
    expect(transferLineState(shipped, received)).toBe(state)
  })
})
