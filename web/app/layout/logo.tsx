export function Logo({ compact }: { compact?: boolean }) {
  return (
    <span className="logo">
      <svg className="logo-mark" width="28" height="28" viewBox="0 0 28 28" aria-hidden="true" focusable="false">
        <rect width="28" height="28" rx="7" fill="currentColor" />
        <path d="M8 9h12M8 14h12M8 19h7" stroke="var(--color-surface)" strokeWidth="2.4" strokeLinecap="round" />
      </svg>
      {!compact && <span className="logo-text">Backstore</span>}
    </span>
  )
}
