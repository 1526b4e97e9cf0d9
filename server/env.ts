import { z } from 'zod'

/** The only place that reads process.env. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().default('file:data/backstore.db'),
  DATABASE_AUTH_TOKEN: z.string().optional(),
  /** Seed demo data into an empty database at start (default on; set 0 for production). */
  SEED_DEMO: z.enum(['0', '1']).default('1'),
  /** Serve (and build, if missing) the web client; 0 for an API-only process. */
  WEB_CLIENT: z.enum(['0', '1']).default('1'),
  /** Serve cookies with Secure/__Host- (set when behind https). */
  COOKIE_SECURE: z.enum(['0', '1']).optional(),
  /** Behind a reverse proxy: the sign-in limiter reads the client address from X-Forwarded-For. */
  TRUST_PROXY: z.enum(['0', '1']).default('0'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(60),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
})

export type Env = z.infer<typeof EnvSchema>

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source)
  if (!parsed.success) {
    throw new Error(`Invalid environment: ${z.prettifyError(parsed.error)}`)
  }
  return parsed.data
}
