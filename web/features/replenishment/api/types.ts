import type { InferResponseType } from 'hono/client'
import type { ApiClient } from '../../../lib/api-client'

type Replenishment = ApiClient['stores'][':storeId']['replenishment']

export type RefillRequest = InferResponseType<Replenishment['requests']['$get'], 200>['requests'][number]
export type RefillRequested = InferResponseType<Replenishment['requests']['$post'], 201>
export type PickLine = InferResponseType<Replenishment['pick-list']['$get'], 200>['lines'][number]
export type RequestStatus = RefillRequest['status']

/** Reasons the back room gives for a request it cannot fill; stored as these codes, shown translated. */
export const CANNOT_FILL_REASONS = ['not_found', 'damaged', 'reserved', 'other'] as const
export const KNOWN_REASONS = ['stockroom_empty', ...CANNOT_FILL_REASONS] as const
export type KnownReason = (typeof KNOWN_REASONS)[number]
export const isKnownReason = (r: string | null): r is KnownReason => KNOWN_REASONS.includes(r as KnownReason)
