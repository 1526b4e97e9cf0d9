import { useQueryClient } from '@tanstack/react-query'
import { type ReactNode, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { Alert } from '../../../components/ui/alert'
import { Button } from '../../../components/ui/button'
import { EmptyState } from '../../../components/ui/empty-state'
import { ScanIcon, SearchIcon } from '../../../components/ui/icons'
import { Input } from '../../../components/ui/input'
import { Spinner } from '../../../components/ui/spinner'
import { useDebouncedValue } from '../../../hooks/use-debounced-value'
import { useScanListener } from '../../../hooks/use-scan-listener'
import { isApiError } from '../../../lib/api-client'
import type { ItemDetail } from '../../../types/api'
import { signal } from '../../../lib/feedback'
import { SCAN_FIELD_ATTRIBUTE } from '../../../lib/scan-listener'
import { useItem, useItemByCode } from '../api/get-item'
import { itemKeys } from '../api/keys'
import { MIN_QUERY_LENGTH, useItemSearch } from '../api/search-items'
import { useRecentItems } from '../lib/recent-items'
import { ItemCard } from './item-card'
import { ItemSearchResults } from './item-search-results'

/** Digits only, the length of EAN-8 … GTIN-14: someone typed a barcode rather than a name. */
const looksLikeBarcode = (s: string) => /^\d{8,14}$/.test(s.trim())

/**
 * Floor look-up: scan anywhere on the screen (keyboard-wedge scanner) or type into the field.
 * The selection lives in the URL (?code= for a barcode, ?item= for a picked result), so the
 * back button and a reload keep it.
 */
export function ItemLookup({
  storeId,
  actions,
  aside,
}: {
  storeId: string
  /** What a person may do with the item shown (composed by the workspace screen). */
  actions?: (detail: ItemDetail) => ReactNode
  /** Shown under the search column (e.g. the floor's "my requests"). */
  aside?: ReactNode
}) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [params, setParams] = useSearchParams()
  const code = params.get('code')
  const itemId = code ? null : params.get('item')
  const [text, setText] = useState('')
  const debounced = useDebouncedValue(text, 250)
  const inputRef = useRef<HTMLInputElement>(null)
  // When a scan (not a click) asked for the current result: beep once its answer arrives.
  const [pendingScan, setPendingScan] = useState<number | null>(null)

  const byCode = useItemByCode(storeId, code)
  const byId = useItem(storeId, itemId)
  const current = code ? byCode : byId
  const search = useItemSearch(storeId, looksLikeBarcode(debounced) ? '' : debounced)
  const recent = useRecentItems(storeId)
  const shownItem = current.data?.item
  const { remember } = recent
  useEffect(() => {
    if (shownItem) remember({ id: shownItem.id, name: shownItem.name, sku: shownItem.sku })
  }, [shownItem, remember])

  const lookUpCode = (value: string, scanned: boolean) => {
    const next = value.trim()
    setText('')
    if (scanned) setPendingScan(Date.now())
    if (next === code) void queryClient.invalidateQueries({ queryKey: itemKeys.byCode(storeId, next) })
    else setParams({ code: next })
  }

  useScanListener((scanned) => {
    // A dialog (user menu, store picker) is on top: the item behind it should not change unseen.
    if (document.querySelector('dialog[open]')) return
    lookUpCode(scanned, true)
  })

  useEffect(() => {
    if (pendingScan === null || !code || byCode.fetchStatus !== 'idle') return
    const answeredAt = Math.max(byCode.dataUpdatedAt, byCode.errorUpdatedAt)
    if (answeredAt < pendingScan) return
    signal(byCode.isSuccess ? 'success' : 'error')
    setPendingScan(null)
  }, [pendingScan, code, byCode.fetchStatus, byCode.dataUpdatedAt, byCode.errorUpdatedAt, byCode.isSuccess])

  const showResults = debounced.trim().length >= MIN_QUERY_LENGTH && !looksLikeBarcode(debounced)
  const hits = search.data?.items ?? []
  const selectedId = current.data?.item.id ?? null

  return (
    <div className={code || itemId ? 'lookup has-detail' : 'lookup'}>
      <div className="lookup-search">
        <form
          role="search"
          onSubmit={(e) => {
            e.preventDefault()
            if (looksLikeBarcode(text)) lookUpCode(text, false)
            else if (hits[0] && showResults && text === debounced) {
              setParams({ item: hits[0].id })
              setText('')
            }
          }}
        >
          <Input
            ref={inputRef}
            label={t('items.searchLabel')}
            hideLabel
            type="search"
            inputMode="search"
            enterKeyHint="search"
            autoComplete="off"
            autoCorrect="off"
            spellCheck={false}
            placeholder={t('items.searchPlaceholder')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            leading={<SearchIcon />}
            trailing={search.isFetching ? <Spinner size="sm" /> : undefined}
            className="lookup-field"
            {...{ [SCAN_FIELD_ATTRIBUTE]: '' }}
          />
        </form>

        {showResults ? (
          <div className="lookup-results" aria-live="polite">
            {search.isError ? (
              <Alert tone="danger">{t('errors.generic')}</Alert>
            ) : search.isPending ? (
              <Spinner label={t('common.loading')} />
            ) : hits.length === 0 ? (
              <p className="muted lookup-noresults">{t('items.noResults', { query: debounced.trim() })}</p>
            ) : (
              <ItemSearchResults
                items={hits}
                selectedId={selectedId}
                onSelect={(hit) => {
                  setParams({ item: hit.id })
                  setText('')
                }}
              />
            )}
          </div>
        ) : (
          <>
            <p className="lookup-hint">
              <ScanIcon size={22} />
              <span>{t('items.scanHint')}</span>
            </p>
            {recent.items.length > 0 && (
              <section className="recent" aria-labelledby="recent-title">
                <header className="recent-head">
                  <h2 id="recent-title" className="card-title">
                    {t('items.recent')}
                  </h2>
                  <Button variant="ghost" onClick={recent.clear}>
                    {t('items.clearRecent')}
                  </Button>
                </header>
                <ul className="recent-list">
                  {recent.items.map((r) => (
                    <li key={r.id}>
                      <button
                        type="button"
                        className="recent-item"
                        aria-current={r.id === selectedId ? 'true' : undefined}
                        onClick={() => setParams({ item: r.id })}
                      >
                        <span className="recent-name">{r.name}</span>
                        <span className="recent-sku">{r.sku}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              </section>
            )}
          </>
        )}
        {aside}
      </div>

      <p className="sr-only" role="status">
        {current.data
          ? current.data.stock
            ? t('items.announce', { name: current.data.item.name, floor: current.data.stock.floor, stockroom: current.data.stock.stockroom })
            : `${current.data.item.name}. ${t('items.blindCount')}`
          : ''}
      </p>
      <div className="lookup-detail">
        {!code && !itemId ? (
          <EmptyState icon={<ScanIcon size={48} />} title={t('items.emptyTitle')}>
            {t('items.emptyText')}
          </EmptyState>
        ) : current.isPending ? (
          <div className="center-pad">
            <Spinner size="lg" label={t('common.loading')} />
          </div>
        ) : current.isError ? (
          isApiError(current.error, 'NOT_FOUND') ? (
            <Alert
              tone="danger"
              title={code ? t('items.unknownCodeTitle', { code }) : t('items.unknownItemTitle')}
              action={
                <Button variant="secondary" onClick={() => inputRef.current?.focus()}>
                  {t('items.searchByName')}
                </Button>
              }
            >
              {t('items.unknownCodeText')}
            </Alert>
          ) : (
            <Alert
              tone="danger"
              title={t('errors.lookupFailed')}
              action={<Button onClick={() => void current.refetch()}>{t('common.retry')}</Button>}
            >
              {isApiError(current.error, 'NETWORK_ERROR') ? t('errors.network') : t('errors.generic')}
            </Alert>
          )
        ) : (
          <ItemCard storeId={storeId} detail={current.data} actions={actions?.(current.data)} />
        )}
      </div>
    </div>
  )
}
