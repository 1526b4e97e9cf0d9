import type { InferResponseType } from 'hono/client'
import type { ApiClient } from '../lib/api-client'

/** Response shapes, inferred from the server's routes (`AppType`): both sides are checked by one compiler. */

type Items = ApiClient['stores'][':storeId']['items']

export type Me = InferResponseType<ApiClient['me']['$get'], 200>
export type User = Me['user']
export type StoreAccess = Me['stores'][number]
export type ItemDetail = InferResponseType<Items['lookup']['$get'], 200>
export type Stock = ItemDetail['stock']
export type Movement = ItemDetail['lastMovements'][number]
export type NearbyStock = ItemDetail['nearby'][number]
export type ItemSearchHit = InferResponseType<Items['search']['$get'], 200>['items'][number]
export type MovementPage = InferResponseType<Items[':itemId']['movements']['$get'], 200>

/** Values the UI has labels for; anything else is shown as sent. */
export const MOVEMENT_KINDS = [
  'receipt',
  'replenish',
  'sale',
  'return',
  'transfer_out',
  'transfer_transit',
  'transfer_in',
  'correction',
  'opening',
] as const
export type MovementKind = (typeof MOVEMENT_KINDS)[number]

export const PLACES = [
  'floor',
  'stockroom',
  'receiving',
  'quarantine',
  'supplier',
  'customer',
  'write_off',
  'found',
  'in_transit',
  'opening',
] as const
export type Place = (typeof PLACES)[number]
