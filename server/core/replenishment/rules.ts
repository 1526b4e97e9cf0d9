import type { REPLENISH_STATUSES } from '../../../db/schema/index'

export type RequestStatus = (typeof REPLENISH_STATUSES)[number]

/**
 * How many to bring out: the requested quantity, or (none asked) what fills the shelf to its target —
 * at least one, since someone asked — and never more than the stockroom holds.
 */
export function quantityToPick(requested: number | null, floor: number, shelfTarget: number, stockroom: number) {
  const wanted = requested ?? Math.max(shelfTarget - floor, 1)
  return Math.max(0, Math.min(wanted, stockroom))
}

/** A refill is suggested when the floor holds less than the shelf minimum. */
export const needsRefill = (floor: number, shelfMin: number) => shelfMin > 0 && floor < shelfMin

/** What may happen to a request in each state (anything else is a 409). */
export const TRANSITIONS: Record<RequestStatus, readonly RequestStatus[]> = {
  open: ['picking', 'done', 'cannot_fill', 'cancelled'],
  picking: ['done', 'cannot_fill'],
  done: [],
  cannot_fill: [],
  cancelled: [],
}

export const canMove = (from: RequestStatus, to: RequestStatus) => TRANSITIONS[from].includes(to)

/** Open and picking requests still need the back room; an item has at most one of them at a time. */
export const isActive = (status: RequestStatus) => status === 'open' || status === 'picking'
