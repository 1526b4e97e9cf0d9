import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Alert } from '../../../components/ui/alert'
import { SearchIcon } from '../../../components/ui/icons'
import { Input } from '../../../components/ui/input'
import { Spinner } from '../../../components/ui/spinner'
import { useDebouncedValue } from '../../../hooks/use-debounced-value'
import { signal } from '../../../lib/feedback'
import { SCAN_FIELD_ATTRIBUTE } from '../../../lib/scan-listener'
import { useResolveCode, useSearchItems, type ScannedItem } from '../api/resolve-item'
import { CameraButton } from './camera-button'

const looksLikeCode = (s: string) => /^\d{8,14}$/.test(s.trim())

export type ItemPickerProps = {
  storeId: string
  onPick: (item: ScannedItem, how: 'scan' | 'search') => void
  /** A scan from the page's wedge listener, handed in by the screen (code + a nonce to repeat it). */
  scanned?: { code: string; at: number } | null
  label?: string
  /** Offline and the code is unknown on this device: the caller may still use the bare code. */
  onUnavailable?: (code: string) => void
}

/**
 * Find an item by scanning (wedge or camera), typing its barcode/SKU, or searching its name.
 * Unknown codes get a clear message; offline it answers from items this device has seen.
 */
export function ItemPicker({ storeId, onPick, scanned, label, onUnavailable }: ItemPickerProps) {
  const { t } = useTranslation()
  const resolve = useResolveCode(storeId)
  const searchItems = useSearchItems(storeId)
  const [text, setText] = useState('')
  const debounced = useDebouncedValue(text, 250)
  const [hits, setHits] = useState<{ q: string; items: ScannedItem[]; offline: boolean } | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const onPickRef = useRef(onPick)
  const onUnavailableRef = useRef(onUnavailable)
  useEffect(() => {
    onPickRef.current = onPick
    onUnavailableRef.current = onUnavailable
  })

  const byCode = async (code: string, how: 'scan' | 'search') => {
    setBusy(true)
    setProblem(null)
    try {
      const answer = await resolve(code)
      if (answer.kind === 'item') {
        signal('success')
        setText('')
        setHits(null)
        onPickRef.current(answer.item, how)
      } else if (answer.kind === 'unavailable' && onUnavailableRef.current) {
        setText('')
        onUnavailableRef.current(answer.code)
      } else {
        signal('error')
        setProblem(answer.kind === 'unknown' ? t('scan.unknownCode', { code: answer.code }) : t('scan.unknownOffline', { code: answer.code }))
      }
    } catch {
      signal('error')
      setProblem(t('errors.generic'))
    } finally {
      setBusy(false)
    }
  }

  useEffect(() => {
    if (scanned) void byCode(scanned.code, 'scan')
  }, [scanned])

  useEffect(() => {
    const q = debounced.trim()
    if (q.length < 2 || looksLikeCode(q)) {
      setHits(null)
      return
    }
    let stale = false
    searchItems(q)
      .then((r) => !stale && setHits({ q, ...r }))
      .catch(() => !stale && setHits({ q, items: [], offline: false }))
    return () => {
      stale = true
    }
  }, [debounced, searchItems])

  return (
    <div className="item-picker">
      <form
        className="picker-row"
        role="search"
        onSubmit={(e) => {
          e.preventDefault()
          const q = text.trim()
          if (!q) return
          if (looksLikeCode(q) || !hits?.items[0]) void byCode(q, 'search')
          else {
            onPickRef.current(hits.items[0], 'search')
            setText('')
            setHits(null)
          }
        }}
      >
        <Input
          label={label ?? t('scan.findItem')}
          hideLabel
          type="search"
          inputMode="search"
          enterKeyHint="search"
          autoComplete="off"
          autoCorrect="off"
          spellCheck={false}
          placeholder={t('scan.placeholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          leading={<SearchIcon />}
          trailing={busy ? <Spinner size="sm" /> : undefined}
          className="picker-field"
          {...{ [SCAN_FIELD_ATTRIBUTE]: '' }}
        />
        <CameraButton onCode={(code) => void byCode(code, 'scan')} />
      </form>
      {problem && (
        <Alert tone="danger" className="picker-problem">
          {problem}
        </Alert>
      )}
      {hits && (
        <div className="picker-results" aria-live="polite">
          {hits.offline && <p className="muted">{t('scan.offlineSearch')}</p>}
          {hits.items.length === 0 ? (
            <p className="muted">{t('items.noResults', { query: hits.q })}</p>
          ) : (
            <ul className="result-list" aria-label={t('items.results')}>
              {hits.items.map((item) => (
                <li key={item.id}>
                  <button
                    type="button"
                    className="result"
                    onClick={() => {
                      setText('')
                      setHits(null)
                      onPickRef.current(item, 'search')
                    }}
                  >
                    <span className="result-main">
                      <span className="result-name">{item.name}</span>
                      <span className="result-sub">{item.sku}</span>
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  )
}
