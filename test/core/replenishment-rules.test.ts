import { describe, expect, it } from 'vitest'
import { canMove, isActive, needsRefill, quantityToPick, TRANSITIONS, type RequestStatus } from '../../server/core/replenishment/rules'

describe('quantityToPick', () => {
  it.each([
    // requested, floor, target, stockroom → to pick
    [12, 20, 20, 50, 12],
    [12, 20, 20, 5, 5], // never more than the stockroom holds
    [null, 3, 20, 50, 17], // fill up to the target
    [null, 20, 20, 50, 1], // asked although full: at least one
    [null, 25, 20, 50, 1],
    [null, -4, 20, 50, 24], // a negative floor (sales) needs more
    [null, 3, 20, 0, 0],
    [5, 0, 0, -3, 0], // a negative stockroom gives nothing
  ])('requested %s, floor %s, target %s, stockroom %s → %s', (requested, floor, target, stockroom, expected) => {
    expect(quantityToPick(requested, floor, target, stockroom)).toBe(expected)
  })
})

describe('needsRefill', () => {
  it.each([
    [4, 5, true],
    [5, 5, false],
    [-1, 5, true],
    [0, 0, false], // no shelf minimum: never suggested
  ])('floor %s, minimum %s → %s', (floor, min, expected) => {
    expect(needsRefill(floor, min)).toBe(expected)
  })
})

describe('request states', () => {
  const all = Object.keys(TRANSITIONS) as RequestStatus[]
  it.each([
    ['open', 'picking', true],
    ['open', 'done', true],
    ['open', 'cannot_fill', true],
    ['open', 'cancelled', true],
    ['picking', 'done', true],
    ['picking', 'cannot_fill', true],
    ['picking', 'cancelled', false],
    ['picking', 'open', false],
    ['done', 'cannot_fill', false],
    ['cannot_fill', 'done', false],
    ['cancelled', 'open', false],
  ] as Array<[RequestStatus, RequestStatus, boolean]>)('%s → %s: %s', (from, to, ok) => {
    expect(canMove(from, to)).toBe(ok)
  })

  it('terminal states go nowhere', () => {
    for (const s of ['done', 'cannot_fill', 'cancelled'] as RequestStatus[]) for (const t of all) expect(canMove(s, t)).toBe(false)
  })

  it('only open and picking need the back room', () => {
    expect(all.filter(isActive)).toEqual(['open', 'picking'])
  })
})
