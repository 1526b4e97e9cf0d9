import { useTranslation } from 'react-i18next'
import { useFormat } from '../../../i18n/format'
import { MOVEMENT_KINDS, type Movement, type MovementKind, PLACES, type Place } from '../../../types/api'

const isKind = (k: string): k is MovementKind => (MOVEMENT_KINDS as readonly string[]).includes(k)
const isPlace = (p: string): p is Place => (PLACES as readonly string[]).includes(p)

/** +n when stock came into the store, −n when it left, n for a move between two of its locations. */
const direction = (m: Movement) => {
  const from = m.fromKind ?? null
  const to = m.toKind ?? null
  if (from && to) return 'move'
  return to ? 'in' : 'out'
}

export function MovementList({ movements }: { movements: Movement[] }) {
  const { t } = useTranslation()
  const f = useFormat()
  const place = (p: string | null) => (p === null ? '—' : isPlace(p) ? t(`place.${p}`) : p)
  return (
    <ol className="movement-list">
      {movements.map((m) => {
        const dir = direction(m)
        const from = m.fromKind ?? m.counterparty
        const to = m.toKind ?? m.counterparty
        return (
          <li key={m.id} className="movement">
            <span className={`movement-qty movement-${dir}`}>
              {dir === 'in' ? '+' : dir === 'out' ? '−' : ''}
              {f.number(m.quantity)}
            </span>
            <span className="movement-main">
              <span className="movement-kind">{isKind(m.kind) ? t(`movementKind.${m.kind}`) : m.kind}</span>
              <span className="movement-route">
                {place(from)} → {place(to)}
              </span>
            </span>
            <span className="movement-meta">
              <time dateTime={m.at} title={f.dateTime(m.at)}>
                {f.relative(m.at)}
              </time>
              {m.actorName && <span className="movement-actor">{m.actorName}</span>}
            </span>
          </li>
        )
      })}
    </ol>
  )
}
