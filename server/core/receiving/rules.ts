import type { DISCREPANCY_KINDS } from '../../../db/schema/index'

export type DiscrepancyKind = (typeof DISCREPANCY_KINDS)[number]
export type LineCounts = { expectedQty: number; receivedQty: number; damagedQty: number }

/**
 * What the supplier claim lists for one line. Damaged units did arrive (they count against short
 * and over) but are claimed separately; an item nobody expected is `unexpected`, not `over`.
 */
export function discrepanciesOf(line: LineCounts): Array<{ kind: DiscrepancyKind; quantity: number }> {
  const arrived = line.receivedQty + line.damagedQty
  const out: Array<{ kind: DiscrepancyKind; quantity: number }> = []
  if (line.expectedQty === 0 && arrived > 0) out.push({ kind: 'unexpected', quantity: arrived })
  else if (arrived < line.expectedQty) out.push({ kind: 'short', quantity: line.expectedQty - arrived })
  else if (arrived > line.expectedQty) out.push({ kind: 'over', quantity: arrived - line.expectedQty })
  if (line.damagedQty > 0) out.push({ kind: 'damaged', quantity: line.damagedQty })
  return out
}

export type LineState = 'pending' | 'partial' | 'complete' | 'over' | 'unexpected'

/** The live state a receiving screen shows per line. */
export function lineState(line: LineCounts): LineState {
  const arrived = line.receivedQty + line.damagedQty
  if (line.expectedQty === 0) return 'unexpected'
  if (arrived === 0) return 'pending'
  if (arrived < line.expectedQty) return 'partial'
  return arrived === line.expectedQty ? 'complete' : 'over'
}
