import { Link } from 'react-router'

export type Bar = {
  key: string
  label: string
  /** What the bar's length shows (≥ 0). */
  value: number
  /** The value as people read it (money, count, percentage). */
  display: string
  /** A second figure under the label. */
  sub?: string
  /** Where the bar leads: the corrections behind it. */
  href?: string
  /** Read after the visible figures by screen readers (e.g. "Show the corrections"). */
  more?: string
  /** How many corrections the bar stands for (tests and tooltips). */
  count?: number
}

/**
 * Horizontal bars made of plain HTML: readable on a tablet, every bar a link to the corrections
 * behind it, and the numbers are text (screen readers and printouts get them without the chart).
 */
export function BarChart({ bars, label, empty }: { bars: Bar[]; label: string; empty: string }) {
  const max = Math.max(0, ...bars.map((b) => b.value))
  if (bars.length === 0 || max === 0) return <p className="muted chart-empty">{empty}</p>
  return (
    <ul className="bars" aria-label={label}>
      {bars.map((b) => {
        const pct = max > 0 ? Math.max(1, Math.round((b.value / max) * 100)) : 0
        const content = (
          <>
            {/* The spaces keep the accessible name readable ("Damaged, 3 corrections: €25.00"). */}
            <span className="bar-label">
              <span className="bar-name">{b.label}</span>
              {b.sub && (
                <span className="bar-sub">
                  <span className="sr-only">, </span>
                  {b.sub}
                </span>
              )}
            </span>
            <span className="bar-track" aria-hidden="true">
              <span className="bar-fill" style={{ width: `${pct}%` }} />
            </span>
            <span className="bar-value">
              <span className="sr-only">: </span>
              {b.display}
            </span>
            {b.more && <span className="sr-only">{` — ${b.more}`}</span>}
          </>
        )
        return (
          <li key={b.key}>
            {b.href ? (
              <Link to={b.href} className="bar bar-link" data-testid="report-bar" data-count={b.count}>
                {content}
              </Link>
            ) : (
              <div className="bar">{content}</div>
            )}
          </li>
        )
      })}
    </ul>
  )
}

export type Column = { key: string; label: string; value: number; display: string; href?: string; description: string }

/** A weekly trend as columns (each a link); the figures stay available as text in each link's name. */
export function ColumnChart({ columns, label, empty }: { columns: Column[]; label: string; empty: string }) {
  const max = Math.max(0, ...columns.map((c) => c.value))
  if (columns.length === 0) return <p className="muted chart-empty">{empty}</p>
  return (
    <ol className="columns" aria-label={label}>
      {columns.map((c) => {
        const pct = max > 0 ? Math.round((c.value / max) * 100) : 0
        const inner = (
          <>
            <span className="column-value">{c.display}</span>
            <span className="column-track" aria-hidden="true">
              <span className="column-fill" style={{ height: `${Math.max(pct, c.value > 0 ? 2 : 0)}%` }} />
            </span>
            <span className="column-label">{c.label}</span>
          </>
        )
        return (
          <li key={c.key} className="column">
            {c.href ? (
              <Link to={c.href} className="column-link">
                <span className="sr-only">{c.description}</span>
                <span aria-hidden="true" className="column-inner">
                  {inner}
                </span>
              </Link>
            ) : (
              <span className="column-static">
                <span className="sr-only">{c.description}</span>
                <span aria-hidden="true" className="column-inner">
                  {inner}
                </span>
              </span>
            )}
          </li>
        )
      })}
    </ol>
  )
}
