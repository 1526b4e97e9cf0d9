import { useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Alert } from '../../../components/ui/alert'
import { Badge } from '../../../components/ui/badge'
import { Button } from '../../../components/ui/button'
import { SearchIcon } from '../../../components/ui/icons'
import { Input } from '../../../components/ui/input'
import { QuantityInput } from '../../../components/ui/quantity-input'
import { Segmented } from '../../../components/ui/segmented'
import { Spinner } from '../../../components/ui/spinner'
import { useFormat } from '../../../i18n/format'
import { isApiError } from '../../../lib/api-client'
import { signal } from '../../../lib/feedback'
import { usePendingItems } from '../../../lib/outbox-react'
import { UndoControls } from '../../scanning/components/correct-quantity'
import { type SheetLine, useCountEntry, useCountSheet } from '../api/counts'

export type FoundItem = { id: string; sku: string; name: string }
type Target = { locationId: string; locationKind: string; item: FoundItem; recount: boolean; onSheet: boolean }

const lineKey = (locationId: string, itemId: string) => `${locationId}|${itemId}`

/**
 * Counting, blind: scan (or pick from the sheet), type what you found, add. Entries add up, so
 * several people (devices) can count the same count at once; this screen shows only what THIS
 * person entered, plus entries still waiting to sync. Expected quantities never reach this screen.
 * A counter corrects their own figure: "Undo" on the last entry, or "−1" / "Correct quantity…" on the
 * line (a negative entry; the server refuses to go below their own total, never touching others' units).
 */
export function CountSession({
  storeId,
  countId,
  scan,
  resolveUnknown,
  cameraButton,
}: {
  storeId: string
  countId: string
  /** A code scanned anywhere on the page (wedge) or by the camera, with a nonce. */
  scan: { code: string; at: number } | null
  /** A code that is not on the sheet: ask the catalog (online) or this device's known items. */
  resolveUnknown: (code: string) => Promise<FoundItem | null>
  cameraButton: React.ReactNode
}) {
  const { t } = useTranslation()
  const f = useFormat()
  const sheet = useCountSheet(storeId, countId)
  const enter = useCountEntry(storeId, countId)
  const pending = usePendingItems('count.entry', (i) => i.meta.countId === countId)
  const [location, setLocation] = useState<string | null>(null)
  const [filter, setFilter] = useState('')
  const [target, setTarget] = useState<Target | null>(null)
  const [qty, setQty] = useState<number | null>(null)
  const [message, setMessage] = useState<{ tone: 'danger' | 'success'; text: string; undo?: { locationId: string; item: FoundItem; qty: number } } | null>(null)
  const qtyRef = useRef<HTMLInputElement>(null)

  const data = sheet.data
  const count = data?.count
  const lines = useMemo(() => data?.lines ?? [], [data])
  const locations = useMemo(() => {
    const seen = new Map<string, { id: string; kind: string; name: string }>()
    for (const l of lines) if (!seen.has(l.locationId)) seen.set(l.locationId, { id: l.locationId, kind: l.locationKind, name: l.locationName })
    if (count?.location && !seen.has(count.location.id)) seen.set(count.location.id, count.location)
    return [...seen.values()]
  }, [lines, count])
  const here = location ?? locations[0]?.id ?? null
  const recountOnly = count?.status === 'recount'

  const pendingBy = useMemo(() => {
    const m = new Map<string, number>()
    for (const p of pending) {
      const k = lineKey(String(p.meta.locationId), String(p.meta.itemId))
      m.set(k, (m.get(k) ?? 0) + Number(p.meta.quantity))
    }
    return m
  }, [pending])
  const mine = (locationId: string, itemId: string, server: number) => server + (pendingBy.get(lineKey(locationId, itemId)) ?? 0)

  const select = (t0: Target) => {
    setTarget(t0)
    setQty(null)
    setMessage(null)
    setTimeout(() => qtyRef.current?.focus(), 0)
  }

  const onCode = async (code: string) => {
    const c = code.trim()
    const upper = c.toUpperCase()
    const matches = lines.filter((l) => l.item.barcodes.includes(c) || l.item.sku.toUpperCase() === upper)
    const atHere = matches.find((l) => l.locationId === here) ?? matches[0]
    if (atHere) {
      signal('success')
      return select(toTarget(atHere))
    }
    const item = await resolveUnknown(c)
    if (!item) {
      signal('error')
      setTarget(null)
      return setMessage({ tone: 'danger', text: t('scan.unknownCode', { code: c }) })
    }
    const open = count?.status === 'open' && (count.kind === 'location' || count.kind === 'full')
    if (!open || !here) {
      signal('error')
      setTarget(null)
      return setMessage({ tone: 'danger', text: t('count.notOnSheet', { name: item.name }) })
    }
    signal('success')
    const loc = locations.find((l) => l.id === here)!
    select({ locationId: here, locationKind: loc.kind, item, recount: false, onSheet: false })
  }

  const onCodeRef = useRef(onCode)
  useEffect(() => {
    onCodeRef.current = onCode
  })
  useEffect(() => {
    if (scan) void onCodeRef.current(scan.code)
  }, [scan])

  if (sheet.isPending) return <Spinner size="lg" label={t('common.loading')} />
  if (!data || !count)
    return (
      <Alert tone="danger" action={<Button onClick={() => void sheet.refetch()}>{t('common.retry')}</Button>}>
        {isApiError(sheet.error, 'NOT_FOUND') ? t('count.notFound') : t('errors.network')}
      </Alert>
    )

  const closed = count.status !== 'open' && count.status !== 'recount'
  const q = filter.trim().toLowerCase()
  const shown = lines.filter(
    (l) =>
      (!here || locations.length < 2 || l.locationId === here) &&
      (!recountOnly || l.recount) &&
      (!q || l.item.name.toLowerCase().includes(q) || l.item.sku.toLowerCase().includes(q) || l.item.barcodes.some((b) => b.startsWith(q))),
  )

  const add = async () => {
    if (!target || qty === null) return
    await enter({ locationId: target.locationId, item: target.item }, qty)
    signal('success')
    setMessage({ tone: 'success', text: t('count.added', { qty: f.number(qty), name: target.item.name }), undo: qty > 0 ? { locationId: target.locationId, item: target.item, qty } : undefined })
    setTarget(null)
    setQty(null)
    ;(document.activeElement as HTMLElement | null)?.blur()
  }

  /** A negative entry: the counter takes back part of their own total of the line. */
  const correct = async (line: { locationId: string; item: FoundItem }, delta: number) => {
    await enter(line, delta)
    signal('success')
    setMessage({ tone: 'success', text: delta < 0 ? t('undo.undone', { qty: f.number(-delta), name: line.item.name }) : t('count.added', { qty: f.number(delta), name: line.item.name }) })
  }
  const targetMine = target ? mine(target.locationId, target.item.id, lines.find((l) => l.locationId === target.locationId && l.item.id === target.item.id)?.myEntered ?? 0) : 0

  return (
    <div className="count-session">
      <div className="session-head">
        <div>
          <h2 className="session-title">
            {t(`count.kind.${count.kind}`)}
            {count.location && ` · ${t(`place.${count.location.kind as 'floor'}`, { defaultValue: count.location.name })}`}
          </h2>
          <p className="work-sub">{t('count.blindNote')}</p>
        </div>
        <div className="big-figures">
          <span className="figure">
            <span className="figure-label">{t('count.progress')}</span>
            <span className="figure-value figure-big">
              {f.number(count.progress.counted)} / {f.number(count.progress.lines)}
            </span>
          </span>
          <Badge tone={count.status === 'recount' ? 'danger' : closed ? 'neutral' : 'info'}>{t(`count.status.${count.status}`)}</Badge>
        </div>
      </div>

      {closed && <Alert tone="info">{t('count.closed')}</Alert>}
      {recountOnly && <Alert tone="warning" title={t('count.recountTitle')}>{t('count.recountText')}</Alert>}

      {!closed && (
        <section className="count-entry" aria-label={t('count.entryArea')}>
          {locations.length > 1 && (
            <Segmented<string>
              label={t('count.countingIn')}
              value={here ?? ''}
              onChange={(v) => {
                setLocation(v)
                setTarget(null)
              }}
              options={locations.map((l) => ({ value: l.id, label: t(`place.${l.kind as 'floor'}`, { defaultValue: l.name }) }))}
            />
          )}
          {target ? (
            <form
              className="entry-card"
              onSubmit={(e) => {
                e.preventDefault()
                void add()
              }}
            >
              <p className="entry-item">{target.item.name}</p>
              <p className="work-sub">
                {target.item.sku} · {t(`place.${target.locationKind as 'floor'}`, { defaultValue: target.locationKind })}
                {!target.onSheet && <> · {t('count.newLine')}</>}
              </p>
              <p className="entry-mine">
                {t('count.youEntered')}{' '}
                <strong data-testid="entry-mine">{f.number(targetMine)}</strong>
              </p>
              <QuantityInput
                ref={qtyRef}
                label={t('count.quantityFound')}
                value={qty}
                onChange={setQty}
                min={0}
                hint={t('count.quantityHint')}
                decreaseLabel={t('common.decrease')}
                increaseLabel={t('common.increase')}
                scanField
              />
              <div className="entry-actions">
                <Button onClick={() => setTarget(null)}>{t('common.cancel')}</Button>
                <Button type="submit" variant="primary" size="lg" disabled={qty === null}>
                  {t('count.add')}
                </Button>
              </div>
            </form>
          ) : (
            <div className="scan-prompt">
              <p className="lookup-hint">{t('count.scanPrompt')}</p>
              {cameraButton}
            </div>
          )}
          {target && targetMine > 0 && (
            <div className="entry-correct">
              <UndoControls name={target.item.name} current={targetMine} label={t('undo.countLabel')} onChange={(delta) => void correct(target, delta)} />
            </div>
          )}
          {message && (
            <Alert
              tone={message.tone === 'danger' ? 'danger' : 'success'}
              className="entry-message"
              action={
                message.undo && (
                  <Button
                    size="lg"
                    aria-label={t('undo.undoOf', { qty: f.number(message.undo.qty), name: message.undo.item.name })}
                    onClick={() => message.undo && void correct(message.undo, -message.undo.qty)}
                  >
                    {t('undo.undo')}
                  </Button>
                )
              }
            >
              {message.text}
            </Alert>
          )}
        </section>
      )}

      <section className="sheet" aria-labelledby="sheet-title">
        <div className="section-head">
          <h2 id="sheet-title" className="card-title">
            {t('count.sheet')}
          </h2>
          <Input
            label={t('count.filter')}
            hideLabel
            type="search"
            placeholder={t('count.filter')}
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            leading={<SearchIcon />}
            className="sheet-filter"
          />
        </div>
        <ul className="sheet-list">
          {shown.map((l: SheetLine) => {
            const entered = mine(l.locationId, l.item.id, l.myEntered)
            const waiting = pendingBy.get(lineKey(l.locationId, l.item.id)) ?? 0
            return (
              <li key={lineKey(l.locationId, l.item.id)}>
                <button type="button" className="sheet-line" disabled={closed} onClick={() => select(toTarget(l))} data-testid="sheet-line">
                  <span className="sheet-main">
                    <span className="sheet-name">{l.item.name}</span>
                    <span className="sheet-sub">
                      {l.item.sku}
                      {locations.length > 1 && ` · ${t(`place.${l.locationKind as 'floor'}`, { defaultValue: l.locationName })}`}
                    </span>
                  </span>
                  {l.recount && <Badge tone="danger">{t('count.recount')}</Badge>}
                  {waiting > 0 && <Badge tone="warning">{t('outbox.waiting')}</Badge>}
                  <span className="sheet-mine">
                    <span className="figure-label">{t('count.you')}</span>
                    <span className="figure-value">{entered > 0 || waiting > 0 || l.myEntered > 0 ? f.number(entered) : '–'}</span>
                  </span>
                </button>
              </li>
            )
          })}
          {shown.length === 0 && <li className="muted pick-empty">{t('count.noLines')}</li>}
        </ul>
      </section>
    </div>
  )
}

const toTarget = (l: SheetLine): Target => ({
  locationId: l.locationId,
  locationKind: l.locationKind,
  item: { id: l.item.id, sku: l.item.sku, name: l.item.name },
  recount: l.recount,
  onSheet: true,
})
