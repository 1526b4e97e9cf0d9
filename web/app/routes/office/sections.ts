import { can } from '../../../lib/authorization'
import type { StoreAccess } from '../../../types/api'

/** The office's sections and who sees them (the server checks every call again). */
export const OFFICE_SECTIONS = ['corrections', 'review', 'reports', 'evidence', 'stock', 'admin'] as const
export type OfficeSection = (typeof OFFICE_SECTIONS)[number]

export function officeSectionAllowed(store: Pick<StoreAccess, 'actions'>, section: OfficeSection): boolean {
  switch (section) {
    case 'corrections':
      return can(store, 'correction.read')
    case 'review':
      return can(store, 'correction.read') && (can(store, 'report.read') || can(store, 'correction.decide'))
    case 'reports':
      return can(store, 'report.read')
    case 'evidence':
      return can(store, 'evidence.export') || can(store, 'audit.read')
    case 'stock':
      return can(store, 'delivery.manage') || can(store, 'count.manage')
    case 'admin':
      return ['store.users', 'pos.keys', 'device.read', 'policy.read', 'policy.manage', 'catalog.manage', 'chain.manage'].some((action) => can(store, action))
  }
}

export const officeSectionsFor = (store: Pick<StoreAccess, 'actions'>) => OFFICE_SECTIONS.filter((s) => officeSectionAllowed(store, s))
