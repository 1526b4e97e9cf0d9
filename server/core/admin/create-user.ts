import { sql } from 'drizzle-orm'
import { roleAssignments, users, type Role } from '../../../db/schema/index'
import { appendAudit } from '../audit/chain'
import { hashSecret, normalizeEmployeeNo } from '../auth/passwords'
import type { Ctx } from '../context'
import { DomainError } from '../errors'
import { newId } from '../ids'
import { first } from '../sql'
import type { Tx } from '../writer'
import { adminActor, roleList } from './admin-actor'
import { mayGrant, scopeProblem, type AdminActor } from './rules'
import { CreateUserInput, type GrantInput } from './schemas'

const EMPLOYEE_NO = /^[A-Z0-9][A-Z0-9._-]{0,31}$/

/** Checks a grant's shape, that its store or region exists, and that the actor may give it. */
export async function checkGrant(db: Ctx['db'] | Tx, actor: AdminActor, grant: GrantInput) {
  const problem = scopeProblem(grant.role, grant)
  if (problem) throw new DomainError('VALIDATION_FAILED', problem, { role: grant.role })
  if (grant.storeId && !(await first(db, sql`SELECT 1 AS x FROM stores WHERE id = ${grant.storeId}`))) {
    throw new DomainError('NOT_FOUND', 'Store not found', { storeId: grant.storeId })
  }
  if (grant.regionId && !(await first(db, sql`SELECT 1 AS x FROM regions WHERE id = ${grant.regionId}`))) {
    throw new DomainError('NOT_FOUND', 'Region not found', { regionId: grant.regionId })
  }
  const scoped = { role: grant.role as Role, storeId: grant.storeId ?? null, regionId: grant.regionId ?? null }
  if (!mayGrant(actor, scoped)) {
    throw new DomainError('FORBIDDEN', actor.chainAdmin ? 'Not allowed' : 'Store managers grant store roles (up to store manager) in their own stores only', {
      role: grant.role,
      storeId: grant.storeId ?? null,
    })
  }
  return scoped
}

/**
 * Creates an account: one per employee (the employee number is normalized and unique), password and
 * PIN hashed before the writer is entered. A store manager's new user gets a role in their store with it.
 * Both secrets are temporary: the new person chooses their own (POST /api/me/password, /api/me/pin).
 */
export async function createUser({ ctx, input }: { ctx: Ctx; input: CreateUserInput }) {
  const data = CreateUserInput.parse(input)
  const employeeNo = normalizeEmployeeNo(data.employeeNo)
  if (!EMPLOYEE_NO.test(employeeNo)) {
    throw new DomainError('VALIDATION_FAILED', 'An employee number has 1–32 letters, digits, ".", "-" or "_"', { employeeNo })
  }
  const actor = await adminActor(ctx.db, ctx)
  if (!data.role && !actor.chainAdmin) throw new DomainError('VALIDATION_FAILED', 'Give the new user a role in your store', { field: 'role' })
  const grant = data.role ? await checkGrant(ctx.db, actor, data.role) : null
  const taken = () => first(ctx.db, sql`SELECT 1 AS x FROM users WHERE employee_no = ${employeeNo}`)
  if (await taken()) throw duplicate(employeeNo)
  const [passwordHash, pinHash] = await Promise.all([hashSecret(data.password), data.pin ? hashSecret(data.pin) : Promise.resolve(null)])
  const at = ctx.clock.now()
  const id = newId()
  return ctx.writer.run(async (tx) => {
    // Checked again inside: another request may have created the same employee meanwhile.
    if (await first(tx, sql`SELECT 1 AS x FROM users WHERE employee_no = ${employeeNo}`)) throw duplicate(employeeNo)
    // Whoever creates the account chose its first secrets: recorded, so they never release the corrections of the
    // person they set up (and the holder's decisions never release theirs — canConfirm, ADMINISTERED_BY_ENTERER).
    await tx.insert(users).values({
      id,
      employeeNo,
      name: data.name,
      passwordHash,
      pinHash,
      locale: data.locale,
      active: true,
      createdAt: at.toISOString(),
      createdBy: actor.userId,
      credentialsSetBy: actor.userId,
      credentialsSetAt: at.toISOString(),
      // Chosen by the creator, so temporary: the holder replaces the password at first sign-in, and the PIN
      // proves nothing (no step-up, no hand-over) until they set their own.
      passwordTemporary: true,
      pinTemporary: pinHash !== null,
    })
    await appendAudit(tx, at, ctx.actor, {
      action: 'user.created',
      entityType: 'user',
      entityId: id,
      storeId: grant?.storeId ?? null,
      after: { employeeNo, name: data.name, locale: data.locale, hasPin: pinHash !== null, temporary: true },
    })
    let roles: ReturnType<typeof roleList> = []
    if (grant) {
      const assignmentId = newId()
      await tx.insert(roleAssignments).values({ id: assignmentId, userId: id, ...grant, grantedBy: actor.userId, grantedAt: at.toISOString() })
      roles = roleList([grant])
      await appendAudit(tx, at, ctx.actor, {
        action: 'role.granted',
        entityType: 'user',
        entityId: id,
        storeId: grant.storeId,
        before: { roles: [] },
        after: { roles, granted: { id: assignmentId, ...grant } },
      })
    }
    return { id, employeeNo, name: data.name, locale: data.locale, active: true, hasPin: pinHash !== null, roles }
  })
}

const duplicate = (employeeNo: string) =>
  new DomainError('DUPLICATE', 'An account for this employee number exists already (one account per employee)', { employeeNo })
