export type Clock = { now: () => Date }

export const systemClock: Clock = { now: () => new Date() }

/** A clock for tests: starts at `start`, moves only when told. */
export function fixedClock(start: string | Date) {
  let current = new Date(start)
  return {
    now: () => new Date(current),
    set: (at: string | Date) => {
      current = new Date(at)
    },
    advance: (ms: number) => {
      current = new Date(current.getTime() + ms)
    },
  }
}
