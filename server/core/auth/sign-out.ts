import { appendAudit } from '../audit/chain'
import type { Ctx } from '../context'
import { revokeSession } from './sessions'

export async function signOut({ ctx }: { ctx: Ctx }) {
  const at = ctx.clock.now()
  const sessionId = ctx.actor.sessionId
  if (!sessionId) return
  await ctx.writer.run(async (tx) => {
    await revokeSession(tx, at, sessionId)
    await appendAudit(tx, at, ctx.actor, { action: 'auth.sign_out', entityType: 'user', entityId: ctx.actor.userId ?? 'unknown' })
  })
}
