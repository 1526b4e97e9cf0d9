import '@testing-library/jest-dom/vitest'
import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { cleanup } from '@testing-library/react'
import { afterEach, beforeEach, vi } from 'vitest'
import { forgetKnownItems } from '../../web/lib/known-items'
import { initI18n } from '../../web/i18n'
import { setAppOutbox } from '../../web/lib/outbox-react'

initI18n('en')

// An unexpected console.error (React warnings, failed prop types, act() misuse) fails the test.
let errors: unknown[][] = []
beforeEach(() => {
  // A fresh IndexedDB (outbox, query cache) and a fresh app outbox for every test.
  globalThis.indexedDB = new IDBFactory()
  setAppOutbox(null)
  forgetKnownItems()
  errors = []
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    errors.push(args)
  })
})

afterEach(() => {
  cleanup()
  localStorage.clear()
  vi.restoreAllMocks()
  if (errors.length > 0) {
    const first = errors[0]!.map(String).join(' ')
    throw new Error(`console.error was called ${errors.length}×: ${first.slice(0, 500)}`)
  }
})
