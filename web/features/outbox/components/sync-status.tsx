import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Badge } from '../../../components/ui/badge'
import { Button } from '../../../components/ui/button'
import { Dialog } from '../../../components/ui/dialog'
import { CloudOffIcon, SyncIcon } from '../../../components/ui/icons'
import { useFormat } from '../../../i18n/format'
import { useErrorText } from '../../../lib/error-text'
import { useOnline } from '../../../lib/online'
import { useOutbox, useOutboxItems } from '../../../lib/outbox-react'
import type { OutboxItem } from '../../../lib/outbox'
import './sync-status.css'

const KINDS = ['count.entry', 'delivery.scan', 'replenishment.pick', 'correction.enter', 'transfer.scan'] as const
type Kind = (typeof KINDS)[number]
const isKind = (k: string): k is Kind => (KINDS as readonly string[]).includes(k)

/**
 * The top bar's sync state: offline, "n waiting to sync", failed items. Tapping it lists them with the
 * server's message for failed ones (discard, or try again after fixing the cause).
 */
export function SyncStatus({ userId }: { userId: string }) {
  const { t } = useTranslation()
  const online = useOnline()
  const items = useOutboxItems()
  const [open, setOpen] = useState(false)
  const mine = items.filter((i) => i.userId === userId)
  const others = items.length - mine.length
  const pending = mine.filter((i) => i.state === 'pending').length
  const failed = mine.filter((i) => i.state === 'failed').length

  if (online && mine.length === 0) return null
  const label = [
    !online && t('outbox.offline'),
    pending > 0 && t('outbox.waitingCount', { count: pending }),
    failed > 0 && t('outbox.failedCount', { count: failed }),
  ]
    .filter(Boolean)
    .join(' · ')
  // Tablets have less room in the top bar: the same facts, shorter.
  const short = [
    !online && t('outbox.offline'),
    pending > 0 && t('outbox.waitingShort', { count: pending }),
    failed > 0 && t('outbox.failedCount', { count: failed }),
  ]
    .filter(Boolean)
    .join(' · ')

  return (
    <>
      <button
        type="button"
        className={`sync-chip${failed > 0 ? ' sync-failed' : !online ? ' sync-offline' : ''}`}
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
        aria-label={label}
        data-testid="sync-status"
      >
        {online ? <SyncIcon /> : <CloudOffIcon />}
        <span className="sync-text" aria-hidden="true">
          {label}
        </span>
        <span className="sync-short" aria-hidden="true">
          {short}
        </span>
        {pending + failed > 0 && (
          <span className="sync-count" aria-hidden="true">
            {pending + failed}
          </span>
        )}
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title={t('outbox.title')} closeLabel={t('common.close')}>
        <div className="stack">
          <p className="muted">{online ? t('outbox.leadOnline') : t('outbox.leadOffline')}</p>
          {mine.length === 0 ? (
            <p>{t('outbox.empty')}</p>
          ) : (
            <ul className="outbox-list">
              {mine.map((item) => (
                <OutboxRow key={item.id} item={item} />
              ))}
            </ul>
          )}
          {others > 0 && <p className="muted">{t('outbox.others', { count: others })}</p>}
        </div>
      </Dialog>
    </>
  )
}

function OutboxRow({ item }: { item: OutboxItem }) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const f = useFormat()
  const outbox = useOutbox()
  const what = isKind(item.kind) ? t(`outbox.kind.${item.kind}`) : item.kind
  const name = item.meta.name ?? item.meta.itemName ?? item.meta.summary ?? ''
  const qty = typeof item.meta.quantity === 'number' ? ` · ${f.number(item.meta.quantity)}` : ''
  return (
    <li className="outbox-row" data-testid="outbox-row">
      <div className="outbox-main">
        <span className="outbox-title">
          {what}
          {name ? `: ${String(name)}` : ''}
          {qty}
        </span>
        <span className="outbox-sub">
          {f.relative(new Date(item.createdAt))}
          {item.state === 'pending' && item.attempts > 0 && ` · ${t('outbox.attempts', { count: item.attempts })}`}
        </span>
        {item.state === 'failed' && item.lastError && (
          <span className="field-error" role="alert">
            {errorText(item.lastError)}
          </span>
        )}
      </div>
      <div className="outbox-actions">
        <Badge tone={item.state === 'failed' ? 'danger' : 'warning'}>{item.state === 'failed' ? t('outbox.failed') : t('outbox.waiting')}</Badge>
        {item.state === 'failed' && <Button onClick={() => void outbox.retry(item.id)}>{t('common.retry')}</Button>}
        {item.state === 'failed' && (
          <Button variant="danger" onClick={() => void outbox.discard(item.id)}>
            {t('outbox.discard')}
          </Button>
        )}
      </div>
    </li>
  )
}
