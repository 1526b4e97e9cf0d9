import type { LocationKind } from './schema/index'
import { pad } from './seed-random'

export type SeedRegion = { id: string; code: string; name: string; number: number }

export type SeedLocation = { id: string; kind: LocationKind; code: string; name: string }

export type SeedStore = {
  id: string
  regionId: string
  code: string
  name: string
  city: string
  timezone: string
  opensAt: string
  closesAt: string
  locations: Record<LocationKind, SeedLocation>
}

export const REGIONS: readonly SeedRegion[] = [
  { id: 'rg-nord', code: 'NORD', name: 'Nord', number: 1 },
  { id: 'rg-sued', code: 'SUED', name: 'Süd', number: 2 },
]

/** The store the demo accounts E1001–E1005 work in; tests and the README refer to it. */
export const FIRST_STORE_ID = 'st-hh-altona'

type StoreSeed = { slug: string; name: string; city: string; opensAt?: string; closesAt?: string }

/** The six stores of the default demo, per region, in the order they are added. */
const NAMED_STORES: Record<string, readonly StoreSeed[]> = {
  'rg-nord': [
    { slug: 'hh-altona', name: 'Hamburg Altona', city: 'Hamburg', opensAt: '07:00', closesAt: '22:00' },
    { slug: 'hh-eppendorf', name: 'Hamburg Eppendorf', city: 'Hamburg' },
    { slug: 'hb-mitte', name: 'Bremen Mitte', city: 'Bremen', opensAt: '07:00', closesAt: '21:00' },
  ],
  'rg-sued': [
    { slug: 'm-schwabing', name: 'München Schwabing', city: 'München', opensAt: '07:00', closesAt: '21:00' },
    { slug: 'm-pasing', name: 'München Pasing', city: 'München' },
    { slug: 'a-innenstadt', name: 'Augsburg Innenstadt', city: 'Augsburg' },
  ],
}

/** Cities (with their licence-plate code, which German chains like for store slugs) for larger demos. */
const MORE_CITIES: Record<string, ReadonlyArray<readonly [string, string]>> = {
  'rg-nord': [
    ['Hannover', 'h'], ['Kiel', 'ki'], ['Lübeck', 'hl'], ['Rostock', 'hro'], ['Oldenburg', 'ol'], ['Osnabrück', 'os'],
    ['Braunschweig', 'bs'], ['Lüneburg', 'lg'], ['Flensburg', 'fl'], ['Göttingen', 'goe'], ['Bielefeld', 'bi'],
    ['Münster', 'ms'], ['Schwerin', 'sn'], ['Wolfsburg', 'wob'],
  ],
  'rg-sued': [
    ['Nürnberg', 'n'], ['Regensburg', 'r'], ['Ingolstadt', 'in'], ['Würzburg', 'wue'], ['Stuttgart', 's'], ['Ulm', 'ul'],
    ['Freiburg', 'fr'], ['Karlsruhe', 'ka'], ['Heidelberg', 'hd'], ['Konstanz', 'kn'], ['Passau', 'pa'],
    ['Rosenheim', 'ro'], ['Kempten', 'ke'], ['Landshut', 'la'],
  ],
}

const DISTRICTS = ['Zentrum', 'Nord', 'Süd', 'West', 'Ost', 'Bahnhof', 'Altstadt', 'Marktplatz'] as const

const LOCATION_SPECS: ReadonlyArray<readonly [LocationKind, string, string]> = [
  ['floor', 'FLOOR', 'Sales floor'],
  ['stockroom', 'STOCKROOM', 'Stockroom'],
  ['receiving', 'RECEIVING', 'Receiving'],
  ['quarantine', 'QUARANTINE', 'Quarantine'],
  ['in_transit', 'TRANSIT', 'In transit'],
]

export const slugify = (text: string) =>
  text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')

/** The n-th store of a region beyond the named ones: "Hannover Zentrum", then "Kiel Zentrum", … */
function generatedStore(regionId: string, extra: number): StoreSeed {
  const cities = MORE_CITIES[regionId]!
  const [city, plate] = cities[extra % cities.length]!
  const round = Math.floor(extra / cities.length)
  const district = DISTRICTS[round % DISTRICTS.length]!
  const suffix = round >= DISTRICTS.length ? ` ${Math.floor(round / DISTRICTS.length) + 1}` : ''
  const name = `${city} ${district}${suffix}`
  return { slug: `${plate}-${slugify(district + suffix)}`, name, city }
}

function locationsOf(storeId: string): Record<LocationKind, SeedLocation> {
  const entries = LOCATION_SPECS.map(([kind, code, name]) => [kind, { id: `${storeId}-${slugify(kind)}`, kind, code, name }] as const)
  return Object.fromEntries(entries) as Record<LocationKind, SeedLocation>
}

/**
 * The chain's stores, alternating between the regions so that even a two-store demo has one store
 * per regional manager. Store codes ("F1001") sort the first store first in every picker.
 */
export function planStores(count: number): SeedStore[] {
  const stores: SeedStore[] = []
  const perRegion = new Map<string, number>()
  for (let i = 0; i < count; i++) {
    const region = REGIONS[i % REGIONS.length]!
    const n = perRegion.get(region.id) ?? 0
    perRegion.set(region.id, n + 1)
    const named = NAMED_STORES[region.id]!
    const seed = n < named.length ? named[n]! : generatedStore(region.id, n - named.length)
    const id = `st-${seed.slug}`
    stores.push({
      id,
      regionId: region.id,
      code: `F${region.number}${pad(n + 1, 3)}`,
      name: seed.name,
      city: seed.city,
      timezone: 'Europe/Berlin',
      opensAt: seed.opensAt ?? '08:00',
      closesAt: seed.closesAt ?? '20:00',
      locations: locationsOf(id),
    })
  }
  return stores
}
