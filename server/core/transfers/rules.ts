/**
 * What arriving stock does on closing the receipt, per line: what was received (up to what was
 * shipped) moves in-transit → stockroom; a shortage stays in transit and is written off by a
 * correction; an overage is booked into the stockroom by a correction. Both corrections need four eyes.
 */
export function settleLine(shipped: number, received: number) {
  return {
    moveIn: Math.min(shipped, received),
    short: Math.max(shipped - received, 0),
    over: Math.max(received - shipped, 0),
  }
}

export type TransferLineState = 'pending' | 'partial' | 'complete' | 'over'

export function transferLineState(shipped: number, received: number): TransferLineState {
  if (received === 0) return 'pending'
  if (received < shipped) return 'partial'
  return received === shipped ? 'complete' : 'over'
}
