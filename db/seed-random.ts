/**
 * A small seeded PRNG so the demo chain is the same on every machine and every run: tests, screenshots
 * and the README can point at "SKU-000042" and mean the same item.
 */
export type Random = {
  /** Uniform in [0, 1). */
  next: () => number
  /** Integer in [min, max], both inclusive. */
  int: (min: number, max: number) => number
  pick: <T>(list: readonly T[]) => T
  chance: (p: number) => boolean
}

/** mulberry32: tiny, fast, good enough for demo data (not for anything secret). */
export function createRandom(seed: number): Random {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (list) => {
      if (list.length === 0) throw new Error('pick from an empty list')
      return list[Math.floor(next() * list.length)]!
    },
    chance: (p) => next() < p,
  }
}

/**
 * Samples indexes in proportion to their weights in O(log n): a cumulative table and a binary search,
 * so 200,000 items cost no more per draw than 2,000.
 */
export function weightedSampler(weights: Float64Array, random: Random) {
  const cumulative = new Float64Array(weights.length)
  let total = 0
  for (let i = 0; i < weights.length; i++) {
    total += weights[i]!
    cumulative[i] = total
  }
  return () => {
    const target = random.next() * total
    let lo = 0
    let hi = cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (cumulative[mid]! > target) hi = mid
      else lo = mid + 1
    }
    return lo
  }
}

export const pad = (value: number, width: number) => String(value).padStart(width, '0')
