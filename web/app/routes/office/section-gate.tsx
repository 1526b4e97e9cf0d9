import type { ReactNode } from 'react'
import { Navigate } from 'react-router'
import { useCurrentStore } from '../../guards'
import { officeSectionAllowed, type OfficeSection } from './sections'

/** A section this person may not use here sends them to the office overview. */
export function SectionGate({ section, children }: { section: OfficeSection; children: ReactNode }) {
  const store = useCurrentStore()
  if (!officeSectionAllowed(store, section)) return <Navigate to={`/stores/${store.id}/office`} replace />
  return <>{children}</>
}
