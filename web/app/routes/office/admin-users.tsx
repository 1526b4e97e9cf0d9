import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { mayGrant, mayManageUser, STORE_ROLES, type AdminActor } from '../../../../server/core/admin/rules'
import { Badge } from '../../../components/ui/badge'
import { Button } from '../../../components/ui/button'
import { Card } from '../../../components/ui/card'
import { Dialog } from '../../../components/ui/dialog'
import { ErrorAlert } from '../../../components/ui/error-alert'
import { Input } from '../../../components/ui/input'
import { Select } from '../../../components/ui/select'
import { Spinner } from '../../../components/ui/spinner'
import { useSession } from '../../../features/auth/api/use-session'
import { useCreateUser, useDisableUser, useGrantRole, useResetPassword, useResetPin, useRevokeRole, useUsers, type AdminUser, type Grant } from '../../../features/admin/api/users'
import { useFormat } from '../../../i18n/format'
import type { Me, StoreAccess } from '../../../types/api'
import { useCurrentStore } from '../../guards'
import { LoadError } from './corrections-screen'

type Role = Grant['role']
const ALL_ROLES: Role[] = ['clerk', 'stockroom', 'lead', 'store_manager', 'regional_manager', 'admin', 'auditor']
const PIN = /^[0-9]{4,8}$/

/** Me as the admin rules see me: a chain administrator, or the manager of some stores. */
const actorOf = (me: Me): AdminActor => ({
  userId: me.user.id,
  chainAdmin: me.chainActions.includes('chain.manage'),
  managedStores: new Set(me.stores.filter((s) => s.roles.includes('store_manager')).map((s) => s.id)),
})

/** The scope a role takes here: store roles this store, a regional manager its region, the rest the chain. */
const grantFor = (role: Role, store: StoreAccess): Grant =>
  (STORE_ROLES as readonly string[]).includes(role) ? { role, storeId: store.id } : role === 'regional_manager' ? { role, regionId: store.regionId } : { role }

/**
 * Users of this store (or the chain, for an administrator): create, reset a PIN or a password (both temporary:
 * the person replaces them with their own; the list says whose still are), grant and revoke
 * roles, disable. Buttons follow the same pure rules the server enforces; every change is audited.
 */
export function UsersCard() {
  const { t } = useTranslation()
  const me = useSession()
  const store = useCurrentStore()
  const actor = actorOf(me)
  const [q, setQ] = useState('')
  const [includeDisabled, setIncludeDisabled] = useState(false)
  const [thisStore, setThisStore] = useState(true)
  const users = useUsers({ storeId: thisStore ? store.id : undefined, q, includeDisabled })
  const disable = useDisableUser()
  const [dialog, setDialog] = useState<{ kind: 'new' } | { kind: 'pin' | 'password' | 'roles'; user: AdminUser } | null>(null)
  const roleText = (r: { role: string; storeId: string | null; regionId: string | null }) => {
    const where = r.storeId ? (me.stores.find((s) => s.id === r.storeId)?.code ?? r.storeId) : r.regionId ? (me.stores.find((s) => s.regionId === r.regionId)?.regionName ?? r.regionId) : t('office.users.chain')
    return `${t(`role.${r.role}` as 'role.clerk', { defaultValue: r.role })} · ${where}`
  }
  const current = dialog && dialog.kind !== 'new' ? (users.data?.users.find((u) => u.id === dialog.user.id) ?? dialog.user) : null

  return (
    <Card title={t('office.users.title')} actions={<Button variant="primary" onClick={() => setDialog({ kind: 'new' })}>{t('office.users.new')}</Button>} className="span-2">
      <div className="filters filters-flat">
        <Input label={t('office.users.search')} type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('office.users.searchPlaceholder')} />
        {actor.chainAdmin && (
          <label className="check">
            <input type="checkbox" checked={thisStore} onChange={(e) => setThisStore(e.target.checked)} />
            {t('office.users.onlyThisStore', { store: store.code })}
          </label>
        )}
        <label className="check">
          <input type="checkbox" checked={includeDisabled} onChange={(e) => setIncludeDisabled(e.target.checked)} />
          {t('office.users.includeDisabled')}
        </label>
      </div>
      {disable.isError && <ErrorAlert title={t('office.stock.refused')} error={disable.error} />}
      {users.isPending ? (
        <Spinner label={t('common.loading')} />
      ) : users.isError ? (
        <LoadError onRetry={() => void users.refetch()} />
      ) : users.data.users.length === 0 ? (
        <p className="muted">{t('office.users.none')}</p>
      ) : (
        <ul className="simple-list user-list" aria-label={t('office.users.title')}>
          {users.data.users.map((u) => {
            const manageable = mayManageUser(actor, u.id, u.roles)
            return (
              <li key={u.id} data-testid="user-row">
                <span className="cell-title">
                  {u.name} · {u.employeeNo}
                </span>
                <span className="cell-sub">
                  {u.roles.map(roleText).join(', ') || t('office.users.noRoles')}
                  {u.active && (u.passwordTemporary || u.pinTemporary) && (
                    <span className="user-flags">
                      {u.passwordTemporary && <Badge tone="warning">{t('office.users.temporaryPassword')}</Badge>}
                      {u.pinTemporary && <Badge tone="warning">{t('office.users.temporaryPin')}</Badge>}
                    </span>
                  )}
                </span>
                <span className="item-actions">
                  {!u.active && <Badge>{t('office.users.disabled')}</Badge>}
                  {u.active && manageable && (
                    <>
                      <Button onClick={() => setDialog({ kind: 'pin', user: u })}>{t('office.users.resetPin')}</Button>
                      <Button onClick={() => setDialog({ kind: 'password', user: u })}>{t('office.users.resetPassword')}</Button>
                      <Button onClick={() => setDialog({ kind: 'roles', user: u })}>{t('office.users.roles')}</Button>
                      <Button
                        variant="danger"
                        loading={disable.isPending && disable.variables === u.id}
                        onClick={() => window.confirm(t('office.users.disableConfirm', { name: u.name })) && disable.mutate(u.id)}
                      >
                        {t('office.users.disable')}
                      </Button>
                    </>
                  )}
                </span>
              </li>
            )
          })}
        </ul>
      )}
      <Dialog open={dialog?.kind === 'new'} onClose={() => setDialog(null)} title={t('office.users.new')} closeLabel={t('common.close')}>
        {dialog?.kind === 'new' && <NewUserForm actor={actor} store={store} onDone={() => setDialog(null)} />}
      </Dialog>
      <Dialog open={dialog?.kind === 'pin'} onClose={() => setDialog(null)} title={current ? t('office.users.resetPinFor', { name: current.name }) : ''} closeLabel={t('common.close')} size="sm">
        {dialog?.kind === 'pin' && current && <ResetPinForm user={current} onDone={() => setDialog(null)} />}
      </Dialog>
      <Dialog
        open={dialog?.kind === 'password'}
        onClose={() => setDialog(null)}
        title={current ? t('office.users.resetPasswordFor', { name: current.name }) : ''}
        closeLabel={t('common.close')}
        size="sm"
      >
        {dialog?.kind === 'password' && current && <ResetPasswordForm user={current} onDone={() => setDialog(null)} />}
      </Dialog>
      <Dialog open={dialog?.kind === 'roles'} onClose={() => setDialog(null)} title={current ? t('office.users.rolesOf', { name: current.name }) : ''} closeLabel={t('common.close')}>
        {dialog?.kind === 'roles' && current && <RolesForm user={current} actor={actor} store={store} roleText={roleText} />}
      </Dialog>
    </Card>
  )
}

function grantableRoles(actor: AdminActor, store: StoreAccess) {
  return ALL_ROLES.filter((role) => {
    const g = grantFor(role, store)
    return mayGrant(actor, { role, storeId: g.storeId ?? null, regionId: g.regionId ?? null })
  })
}

function NewUserForm({ actor, store, onDone }: { actor: AdminActor; store: StoreAccess; onDone: () => void }) {
  const { t } = useTranslation()
  const create = useCreateUser()
  const roles = grantableRoles(actor, store)
  const [form, setForm] = useState({ employeeNo: '', name: '', password: '', pin: '', locale: 'de' as 'en' | 'de', role: (roles.includes('clerk') ? 'clerk' : roles[0]) as Role })
  const [tried, setTried] = useState(false)
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value })
  const problems = {
    employeeNo: !form.employeeNo.trim() ? t('office.stock.required') : undefined,
    name: !form.name.trim() ? t('office.stock.required') : undefined,
    password: form.password.length < 8 ? t('office.users.passwordRule') : undefined,
    pin: form.pin && !PIN.test(form.pin) ? t('office.stepUp.pinFormat') : undefined,
  }
  const submit = (e: FormEvent) => {
    e.preventDefault()
    setTried(true)
    if (Object.values(problems).some(Boolean)) return
    create.mutate(
      {
        employeeNo: form.employeeNo.trim().toUpperCase(),
        name: form.name.trim(),
        password: form.password,
        ...(form.pin ? { pin: form.pin } : {}),
        locale: form.locale,
        role: grantFor(form.role, store),
      },
      { onSuccess: onDone },
    )
  }
  return (
    <form className="step-up" onSubmit={submit} noValidate>
      <div className="two-up">
        <Input label={t('office.users.employeeNo')} value={form.employeeNo} onChange={set('employeeNo')} autoCapitalize="characters" error={tried ? problems.employeeNo : undefined} />
        <Input label={t('office.users.name')} value={form.name} onChange={set('name')} error={tried ? problems.name : undefined} />
      </div>
      <div className="two-up">
        <Input label={t('office.users.password')} type="password" autoComplete="new-password" value={form.password} onChange={set('password')} error={tried ? problems.password : undefined} />
        <Input label={t('office.users.pin')} type="password" inputMode="numeric" autoComplete="off" value={form.pin} onChange={set('pin')} hint={t('office.stepUp.pinHint')} error={tried ? problems.pin : undefined} />
      </div>
      <div className="two-up">
        <Select label={t('office.users.role')} value={form.role} onChange={set('role')} options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))} hint={t('office.users.roleScope', { store: store.name, region: store.regionName })} />
        <Select label={t('office.users.language')} value={form.locale} onChange={set('locale')} options={[{ value: 'de', label: 'Deutsch' }, { value: 'en', label: 'English' }]} />
      </div>
      {create.isError && <ErrorAlert title={t('office.stock.refused')} error={create.error} overrides={{ DUPLICATE: t('office.users.duplicateEmployee') }} />}
      <div className="step-up-actions">
        <Button onClick={onDone}>{t('office.common.cancel')}</Button>
        <Button type="submit" variant="primary" loading={create.isPending}>
          {t('office.users.create')}
        </Button>
      </div>
    </form>
  )
}

function ResetPinForm({ user, onDone }: { user: AdminUser; onDone: () => void }) {
  const { t } = useTranslation()
  const reset = useResetPin()
  const [pin, setPin] = useState('')
  const [tried, setTried] = useState(false)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    setTried(true)
    if (PIN.test(pin)) reset.mutate({ userId: user.id, pin }, { onSuccess: onDone })
  }
  return (
    <form className="step-up" onSubmit={submit} noValidate>
      <p className="muted">{t('office.users.resetPinText')}</p>
      <Input label={t('office.users.newPin')} type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} hint={t('office.stepUp.pinHint')} error={tried && !PIN.test(pin) ? t('office.stepUp.pinFormat') : undefined} />
      {reset.isError && <ErrorAlert title={t('office.stock.refused')} error={reset.error} />}
      <div className="step-up-actions">
        <Button onClick={onDone}>{t('office.common.cancel')}</Button>
        <Button type="submit" variant="primary" loading={reset.isPending}>
          {t('office.users.setPin')}
        </Button>
      </div>
    </form>
  )
}

function ResetPasswordForm({ user, onDone }: { user: AdminUser; onDone: () => void }) {
  const { t } = useTranslation()
  const reset = useResetPassword()
  const [password, setPassword] = useState('')
  const [tried, setTried] = useState(false)
  const valid = password.length >= 8
  const submit = (e: FormEvent) => {
    e.preventDefault()
    setTried(true)
    if (valid) reset.mutate({ userId: user.id, password }, { onSuccess: onDone })
  }
  return (
    <form className="step-up" onSubmit={submit} noValidate>
      <p className="muted">{t('office.users.resetPasswordText')}</p>
      <Input
        label={t('office.users.temporaryPasswordLabel')}
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        hint={t('office.users.passwordRule')}
        error={tried && !valid ? t('office.users.passwordRule') : undefined}
      />
      {reset.isError && <ErrorAlert title={t('office.stock.refused')} error={reset.error} />}
      <div className="step-up-actions">
        <Button onClick={onDone}>{t('office.common.cancel')}</Button>
        <Button type="submit" variant="primary" loading={reset.isPending}>
          {t('office.users.setPassword')}
        </Button>
      </div>
    </form>
  )
}

function RolesForm({ user, actor, store, roleText }: { user: AdminUser; actor: AdminActor; store: StoreAccess; roleText: (r: AdminUser['roles'][number]) => string }) {
  const { t } = useTranslation()
  const f = useFormat()
  const grant = useGrantRole()
  const revoke = useRevokeRole()
  const roles = grantableRoles(actor, store)
  const [role, setRole] = useState<Role>(roles[0] ?? 'clerk')
  return (
    <div className="step-up">
      <ul className="simple-list">
        {user.roles.map((r) => (
          <li key={r.id}>
            <span className="cell-title">{roleText(r)}</span>
            <span className="cell-sub">{t('office.users.grantedAt', { at: f.dateTime(r.grantedAt) })}</span>
            {mayGrant(actor, r) && (
              <span className="item-actions">
                <Button variant="danger" onClick={() => revoke.mutate(r.id)} loading={revoke.isPending && revoke.variables === r.id}>
                  {t('office.users.revoke')}
                </Button>
              </span>
            )}
          </li>
        ))}
      </ul>
      {roles.length > 0 && (
        <div className="inline-form">
          <Select label={t('office.users.addRole')} value={role} onChange={(e) => setRole(e.target.value as Role)} options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))} hint={t('office.users.roleScope', { store: store.name, region: store.regionName })} />
          <Button variant="primary" onClick={() => grant.mutate({ userId: user.id, grant: grantFor(role, store) })} loading={grant.isPending}>
            {t('office.users.grant')}
          </Button>
        </div>
      )}
      {(grant.isError || revoke.isError) && <ErrorAlert title={t('office.stock.refused')} error={grant.error ?? revoke.error} overrides={{ DUPLICATE: t('office.users.duplicateRole') }} />}
      <p className="muted">{t('office.users.audited')}</p>
    </div>
  )
}
