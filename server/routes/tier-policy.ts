import { createRoute, z } from '@hono/zod-openapi'
import { getChainTierPolicy, getStoreTierPolicy } from '../core/tier-policy/queries'
import { removeStoreTierPolicy } from '../core/tier-policy/remove-store-tier-policy'
import { ctxOf } from '../http/app-env'
import { chainGuard, storeGuard } from '../http/guard'
import { createRouter, errors, jsonResponse, StoreParams } from '../http/openapi'

/**
 * Reading the approval thresholds, and removing a store's override. Setting them is
 * `PUT /tier-policy` and `PUT /stores/{storeId}/tier-policy` (server/routes/corrections.ts).
 */

const Values = z
  .object({
    leadMax: z.number().int().openapi({ description: 'Up to this value (minor units) a shift lead releases' }),
    storeManagerMax: z.number().int().openapi({ description: 'Up to this value a store manager releases; above it the regional manager' }),
    allowNegativeStockroom: z.boolean(),
    recountUnits: z.number().int(),
    recountValue: z.number().int(),
    escalateAfterHours: z.number().int(),
  })
  .openapi('TierPolicyValues')

const Row = Values.extend({ id: z.string(), updatedAt: z.string(), updatedBy: z.string().nullable(), updatedByName: z.string().nullable() }).openapi('TierPolicyRow')

const ChainPolicy = z
  .object({
    source: z.enum(['chain', 'default']).openapi({ description: 'chain: the chain row applies; default: there is none, the built-in defaults apply' }),
    effective: Values,
    chain: Row.nullable(),
    defaults: Values,
  })
  .openapi('ChainTierPolicy')

const StorePolicy = z
  .object({
    storeId: z.string(),
    source: z.enum(['store', 'chain', 'default']).openapi({ description: "Which applies: the store's own row, else the chain's, else the defaults" }),
    effective: Values,
    store: Row.nullable(),
    chain: Row.nullable(),
    defaults: Values,
  })
  .openapi('StoreTierPolicy')

export const tierPolicyRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/tier-policy',
      tags: ['policy'],
      summary: "The chain's approval thresholds (or the defaults, if the chain has none)",
      middleware: [chainGuard('policy.read')] as const,
      responses: { 200: jsonResponse(ChainPolicy), ...errors(401, 403) },
    }),
    async (c) => c.json(await getChainTierPolicy(c.get('deps').db), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/stores/{storeId}/tier-policy',
      tags: ['policy'],
      summary: "The thresholds in force at a store and where they come from: its own row, the chain's, or the defaults",
      middleware: [storeGuard('policy.read')] as const,
      request: { params: StoreParams },
      responses: { 200: jsonResponse(StorePolicy), ...errors(401, 403, 404) },
    }),
    async (c) => c.json(await getStoreTierPolicy(c.get('deps').db, c.get('store').id), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/stores/{storeId}/tier-policy',
      tags: ['policy'],
      summary: "Remove a store's own thresholds: the chain's apply again; administrators only",
      middleware: [storeGuard('policy.manage')] as const,
      request: { params: StoreParams },
      responses: { 200: jsonResponse(StorePolicy.extend({ removed: z.boolean().openapi({ description: 'false: the store had no override (nothing changed)' }) })), ...errors(401, 403, 404) },
    }),
    async (c) => c.json(await removeStoreTierPolicy({ ctx: ctxOf(c), storeId: c.get('store').id }), 200),
  )
