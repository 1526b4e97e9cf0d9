import { describe, expect, it } from 'vitest'
import { expectedAtCount, mainCounter, needsRecount } from '../../server/core/counts/rules'

describe('expectedAtCount', () => {
  it.each([
    [50, 0, 50],
    [50, -5, 45], // sold or picked while counting
    [50, 12, 62], // received while counting
    [-3, 3, 0],
  ])('at start %s, moved %s → %s', (start, moved, expected) => {
    expect(expectedAtCount(start, moved)).toBe(expected)
  })
})

describe('needsRecount', () => {
  const policy = { recountUnits: 10, recountValue: 10_000 }
  it.each([
    [0, 100, false],
    [10, 100, false], // at the unit threshold: no recount
    [11, 100, true],
    [-11, 100, true],
    [2, 5_000, false], // 100.00 exactly: no recount
    [3, 5_000, true], // 150.00
    [-1, 39_900, true], // one TV
    [9, 1_111, false],
  ])('variance %s at unit cost %s → %s', (variance, unitCost, expected) => {
    expect(needsRecount(variance, unitCost, policy)).toBe(expected)
  })

  it('a zero threshold recounts every difference', () => {
    expect(needsRecount(1, 0, { recountUnits: 0, recountValue: 0 })).toBe(true)
    expect(needsRecount(0, 1, { recountUnits: 0, recountValue: 0 })).toBe(false)
  })
})

describe('mainCounter', () => {
  it('is who made the most entries', () => {
    expect(mainCounter([{ userId: 'a', at: '1' }, { userId: 'b', at: '2' }, { userId: 'b', at: '3' }])).toBe('b')
  })
  it('on a tie, who started first', () => {
    expect(mainCounter([{ userId: 'b', at: '2' }, { userId: 'a', at: '1' }])).toBe('a')
  })
  it('is nobody without entries', () => {
    expect(mainCounter([])).toBeNull()
  })
})
