import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Badge } from '../../../components/ui/badge'
import { Button } from '../../../components/ui/button'
import { Card } from '../../../components/ui/card'
import { Dialog } from '../../../components/ui/dialog'
import { ErrorAlert } from '../../../components/ui/error-alert'
import { Input } from '../../../components/ui/input'
import { Select } from '../../../components/ui/select'
import { Spinner } from '../../../components/ui/spinner'
import {
  type AdminRegion,
  type AdminStore,
  type StorePatch,
  useCreateRegion,
  useCreateStore,
  usePlaces,
  useUpdateRegion,
  useUpdateStore,
} from '../../../features/admin/api/places'
import { LoadError } from './corrections-screen'

/** The server's rules (server/core/admin/schemas.ts), checked here first so a typo gets a clear word at the field. */
const PLACE_CODE = /^[A-Z][A-Z0-9_-]{0,15}$/
const HHMM = /^([01][0-9]|2[0-3]):[0-5][0-9]$/
const TEXT_MAX = 100
const validTimeZone = (tz: string) => {
  if (!tz.trim()) return false
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz })
    return true
  } catch {
    return false
  }
}
const TIME_ZONES: string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['Europe/Berlin', 'Europe/Vienna', 'Europe/Zurich']

type DialogState = { kind: 'newRegion' } | { kind: 'region'; region: AdminRegion } | { kind: 'newStore'; regionId: string } | { kind: 'store'; store: AdminStore } | null

/**
 * Regions and their stores, for a chain administrator (chain.manage): add and rename regions, add
 * stores (the server gives each its standard locations), change a store — move it to another region,
 * close or reopen it. Every change is audited on the server.
 */
export function PlacesCard() {
  const { t } = useTranslation()
  const places = usePlaces()
  const [dialog, setDialog] = useState<DialogState>(null)
  const close = () => setDialog(null)
  const regions = places.data?.regions ?? []

  return (
    <Card
      title={t('office.places.title')}
      className="span-2"
      actions={
        places.isSuccess && (
          <Button variant="primary" onClick={() => setDialog({ kind: 'newRegion' })}>
            {t('office.places.newRegion')}
          </Button>
        )
      }
    >
      <p className="muted card-lead">{t('office.places.text')}</p>
      {places.isPending ? (
        <Spinner label={t('common.loading')} />
      ) : places.isError ? (
        <LoadError onRetry={() => void places.refetch()} />
      ) : places.data.regions.length === 0 ? (
        <p className="muted">{t('office.places.noRegions')}</p>
      ) : (
        <div className="places">
          {places.data.regions.map((region) => (
            <RegionBlock
              key={region.id}
              region={region}
              stores={places.data.stores.filter((s) => s.regionId === region.id)}
              onRename={() => setDialog({ kind: 'region', region })}
              onAddStore={() => setDialog({ kind: 'newStore', regionId: region.id })}
              onEditStore={(store) => setDialog({ kind: 'store', store })}
            />
          ))}
        </div>
      )}
      <Dialog open={dialog?.kind === 'newRegion' || dialog?.kind === 'region'} onClose={close} title={dialog?.kind === 'region' ? t('office.places.editRegionTitle', { name: dialog.region.name }) : t('office.places.newRegion')} closeLabel={t('common.close')} size="sm">
        {dialog?.kind === 'newRegion' && <RegionForm onDone={close} />}
        {dialog?.kind === 'region' && <RegionForm region={dialog.region} onDone={close} />}
      </Dialog>
      <Dialog open={dialog?.kind === 'newStore' || dialog?.kind === 'store'} onClose={close} title={dialog?.kind === 'store' ? t('office.places.editStoreTitle', { code: dialog.store.code, name: dialog.store.name }) : t('office.places.newStore')} closeLabel={t('common.close')}>
        {dialog?.kind === 'newStore' && <StoreForm regions={regions} regionId={dialog.regionId} onDone={close} />}
        {dialog?.kind === 'store' && <StoreForm regions={regions} store={dialog.store} onDone={close} />}
      </Dialog>
    </Card>
  )
}

function RegionBlock({ region, stores, onRename, onAddStore, onEditStore }: { region: AdminRegion; stores: AdminStore[]; onRename: () => void; onAddStore: () => void; onEditStore: (s: AdminStore) => void }) {
  const { t } = useTranslation()
  const headingId = useId()
  return (
    <section className="place-region" aria-labelledby={headingId} data-testid="region">
      <header className="place-region-head">
        <h3 id={headingId} className="place-region-title">
          {region.name} <span className="place-code">{region.code}</span>
        </h3>
        <span className="item-actions">
          <Button onClick={onRename} aria-label={t('office.places.renameNamed', { name: region.name })}>
            {t('office.places.rename')}
          </Button>
          <Button onClick={onAddStore} aria-label={t('office.places.addStoreNamed', { name: region.name })}>
            {t('office.places.addStore')}
          </Button>
        </span>
      </header>
      {stores.length === 0 ? (
        <p className="muted">{t('office.places.noStores')}</p>
      ) : (
        <ul className="simple-list" aria-label={t('office.places.storesOf', { name: region.name })}>
          {stores.map((s) => (
            <li key={s.id} data-testid="store-row">
              <span className="cell-title">
                <span className="store-code">{s.code}</span> · {s.name}
              </span>
              <span className="cell-sub">{t('office.places.storeLine', { city: s.city, timezone: s.timezone, opens: s.opensAt, closes: s.closesAt })}</span>
              <span className="item-actions">
                {s.active ? <Badge tone="success">{t('office.places.active')}</Badge> : <Badge>{t('office.places.inactive')}</Badge>}
                <Button onClick={() => onEditStore(s)} aria-label={t('office.places.editNamed', { code: s.code, name: s.name })}>
                  {t('office.places.edit')}
                </Button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

function RegionForm({ region, onDone }: { region?: AdminRegion; onDone: () => void }) {
  const { t } = useTranslation()
  const create = useCreateRegion()
  const update = useUpdateRegion()
  const save = region ? update : create
  const [form, setForm] = useState({ code: region?.code ?? '', name: region?.name ?? '' })
  const [tried, setTried] = useState(false)
  const problems = {
    code: !PLACE_CODE.test(form.code.trim()) ? t('office.places.codeRule') : undefined,
    name: !form.name.trim() ? t('office.stock.required') : undefined,
  }
  const patch = region ? { ...(form.code.trim() !== region.code ? { code: form.code.trim() } : {}), ...(form.name.trim() !== region.name ? { name: form.name.trim() } : {}) } : null
  const submit = (e: FormEvent) => {
    e.preventDefault()
    setTried(true)
    if (problems.code || problems.name) return
    if (region && patch) {
      if (Object.keys(patch).length === 0) return onDone()
      update.mutate({ regionId: region.id, patch }, { onSuccess: onDone })
    } else create.mutate({ code: form.code.trim(), name: form.name.trim() }, { onSuccess: onDone })
  }
  return (
    <form className="step-up" onSubmit={submit} noValidate aria-label={region ? t('office.places.editRegionTitle', { name: region.name }) : t('office.places.newRegion')}>
      <Input label={t('office.places.regionName')} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} maxLength={TEXT_MAX} error={tried ? problems.name : undefined} />
      <Input
        label={t('office.places.code')}
        value={form.code}
        onChange={(e) => setForm({ ...form, code: e.target.value.toUpperCase() })}
        maxLength={16}
        autoCapitalize="characters"
        autoComplete="off"
        spellCheck={false}
        hint={t('office.places.regionCodeHint')}
        error={tried ? problems.code : undefined}
      />
      {save.isError && <ErrorAlert title={t('office.stock.refused')} error={save.error} overrides={{ DUPLICATE: t('office.places.duplicateRegion', { code: form.code.trim() }) }} />}
      <div className="step-up-actions">
        <Button onClick={onDone}>{t('office.common.cancel')}</Button>
        <Button type="submit" variant="primary" loading={save.isPending}>
          {region ? t('office.common.save') : t('office.places.createRegion')}
        </Button>
      </div>
    </form>
  )
}

type StoreFields = { regionId: string; code: string; name: string; city: string; timezone: string; opensAt: string; closesAt: string; active: boolean }

/** What changed against the store as loaded: a PATCH sends only that (a missing field keeps its value). */
function storePatch(store: AdminStore, form: StoreFields): StorePatch {
  const patch: StorePatch = {}
  const text = ['code', 'name', 'city', 'timezone', 'opensAt', 'closesAt'] as const
  for (const k of text) if (form[k].trim() !== store[k]) patch[k] = form[k].trim()
  if (form.regionId !== store.regionId) patch.regionId = form.regionId
  if (form.active !== store.active) patch.active = form.active
  return patch
}

function StoreForm({ regions, regionId, store, onDone }: { regions: AdminRegion[]; regionId?: string; store?: AdminStore; onDone: () => void }) {
  const { t } = useTranslation()
  const create = useCreateStore()
  const update = useUpdateStore()
  const save = store ? update : create
  const listId = useId()
  const [form, setForm] = useState<StoreFields>({
    regionId: store?.regionId ?? regionId ?? regions[0]?.id ?? '',
    code: store?.code ?? '',
    name: store?.name ?? '',
    city: store?.city ?? '',
    timezone: store?.timezone ?? 'Europe/Berlin',
    opensAt: store?.opensAt ?? '08:00',
    closesAt: store?.closesAt ?? '20:00',
    active: store?.active ?? true,
  })
  const [tried, setTried] = useState(false)
  const set = (k: Exclude<keyof StoreFields, 'active'>) => (e: { target: { value: string } }) => setForm({ ...form, [k]: k === 'code' ? e.target.value.toUpperCase() : e.target.value })
  const problems = {
    code: !PLACE_CODE.test(form.code.trim()) ? t('office.places.codeRule') : undefined,
    name: !form.name.trim() ? t('office.stock.required') : undefined,
    city: !form.city.trim() ? t('office.stock.required') : undefined,
    timezone: !validTimeZone(form.timezone.trim()) ? t('office.places.timezoneRule') : undefined,
    opensAt: !HHMM.test(form.opensAt) ? t('office.places.timeRule') : undefined,
    closesAt: !HHMM.test(form.closesAt) ? t('office.places.timeRule') : undefined,
  }
  const patch = store ? storePatch(store, form) : null
  const unchanged = patch !== null && Object.keys(patch).length === 0
  const submit = (e: FormEvent) => {
    e.preventDefault()
    setTried(true)
    if (Object.values(problems).some(Boolean)) return
    if (store && patch) update.mutate({ storeId: store.id, patch }, { onSuccess: onDone })
    else {
      const { active: _active, ...fields } = form
      create.mutate({ ...fields, code: fields.code.trim(), name: fields.name.trim(), city: fields.city.trim(), timezone: fields.timezone.trim() }, { onSuccess: onDone })
    }
  }
  const err = (k: keyof typeof problems) => (tried ? problems[k] : undefined)
  return (
    <form className="step-up place-form" onSubmit={submit} noValidate aria-label={store ? t('office.places.editStoreTitle', { code: store.code, name: store.name }) : t('office.places.newStore')}>
      {!store && <p className="muted">{t('office.places.newStoreText')}</p>}
      <div className="two-up">
        <Input label={t('office.places.storeName')} value={form.name} onChange={set('name')} maxLength={TEXT_MAX} error={err('name')} />
        <Input label={t('office.places.code')} value={form.code} onChange={set('code')} maxLength={16} autoCapitalize="characters" autoComplete="off" spellCheck={false} hint={t('office.places.storeCodeHint')} error={err('code')} />
      </div>
      <div className="two-up">
        <Input label={t('office.places.city')} value={form.city} onChange={set('city')} maxLength={TEXT_MAX} error={err('city')} />
        <Select label={t('office.places.region')} value={form.regionId} onChange={set('regionId')} options={regions.map((r) => ({ value: r.id, label: `${r.name} (${r.code})` }))} hint={store ? t('office.places.moveHint') : undefined} />
      </div>
      <Input label={t('office.places.timezone')} value={form.timezone} onChange={set('timezone')} list={listId} autoComplete="off" spellCheck={false} hint={t('office.places.timezoneHint')} error={err('timezone')} />
      <datalist id={listId}>
        {TIME_ZONES.map((tz) => (
          <option key={tz} value={tz} />
        ))}
      </datalist>
      <div className="two-up">
        <Input label={t('office.places.opensAt')} type="time" value={form.opensAt} onChange={set('opensAt')} error={err('opensAt')} />
        <Input label={t('office.places.closesAt')} type="time" value={form.closesAt} onChange={set('closesAt')} error={err('closesAt')} />
      </div>
      {store && (
        <div className="place-active">
          <label className="check">
            <input type="checkbox" checked={form.active} onChange={(e) => setForm({ ...form, active: e.target.checked })} />
            {t('office.places.activeLabel')}
          </label>
          <p className="field-hint">{form.active ? t('office.places.activeHint') : t('office.places.inactiveHint')}</p>
        </div>
      )}
      {save.isError && <ErrorAlert title={t('office.stock.refused')} error={save.error} overrides={{ DUPLICATE: t('office.places.duplicateStore', { code: form.code.trim() }) }} />}
      <div className="step-up-actions">
        <Button onClick={onDone}>{t('office.common.cancel')}</Button>
        <Button type="submit" variant="primary" loading={save.isPending} disabled={unchanged}>
          {store ? t('office.common.save') : t('office.places.createStore')}
        </Button>
      </div>
    </form>
  )
}
