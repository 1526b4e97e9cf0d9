import { parseBarcode, withCheckDigit, type BarcodeKind } from '../server/core/items/barcode'
import { newId } from '../server/core/ids'
import { CATEGORIES, PACK_ROUNDS, type CategorySpec } from './seed-catalog-data'
import { pad, type Random } from './seed-random'

export type SeedBarcode = { code: string; kind: BarcodeKind }

export type SeedItem = {
  id: string
  sku: string
  name: string
  category: string
  uom: string
  unitCost: number
  price: number
  barcodes: SeedBarcode[]
  /** Units per supplier case: deliveries and stockroom levels come in whole cases. */
  caseSize: number
  supplier: string
  /** Relative share of a store's sales; a few fast movers, a long tail of slow ones. */
  popularity: number
}

type Template = { category: CategorySpec; label: string; cost: number; uom: string; caseSize: number }

const BRANDS_PER_CATEGORY = 8

/** Every product × variant × size of every category, without brand: the catalog's building blocks. */
function buildTemplates(): Template[] {
  const templates: Template[] = []
  for (const category of CATEGORIES) {
    if (category.brands.length !== BRANDS_PER_CATEGORY) throw new Error(`${category.key} needs ${BRANDS_PER_CATEGORY} brands`)
    for (const product of category.products) {
      for (const variant of product.variants ?? ['']) {
        const name = product.name.includes('{v}') ? product.name.replace('{v}', variant) : `${product.name} ${variant}`
        for (const [size, cost, uom] of product.sizes) {
          templates.push({
            category,
            label: `${name} ${size}`.replace(/\s+/g, ' ').trim(),
            cost,
            uom: uom ?? 'pcs',
            caseSize: product.caseSize ?? category.caseSize,
          })
        }
      }
    }
  }
  return templates
}

const TEMPLATES = buildTemplates()

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b))

/**
 * Walks all brand × template combinations with a stride coprime to their count, so the first N items
 * are N different products spread over every category instead of 2,000 yoghurts.
 */
function comboStride(total: number) {
  let stride = 7919
  while (gcd(stride, total) !== 1) stride += 2
  return stride
}

/** Own label is cheaper, the last brand of a category is premium, the rest sit around the average. */
function brandFactor(brandIndex: number) {
  if (brandIndex === 0) return 0.72
  if (brandIndex === BRANDS_PER_CATEGORY - 1) return 1.4
  return 0.9 + brandIndex * 0.04
}

/** Shelf prices end in 9 (1,29 €), dearer items in 49/99 — and always above cost. */
export function retailPrice(cost: number, margin: number) {
  const raw = cost * margin
  const step = raw >= 1000 ? 50 : 10
  let price = Math.ceil(raw / step) * step - 1
  while (price <= cost) price += step
  return price
}

function popularity(random: Random, category: CategorySpec, brandIndex: number) {
  const r = random.next()
  const base = r < 0.08 ? 8 + random.next() * 17 : r < 0.33 ? 2 + random.next() * 4 : 0.2 + random.next()
  return base * category.demand * (brandIndex === 0 ? 1.3 : 1)
}

/**
 * Barcodes that are unique by construction: a GS1 company prefix per brand (country prefix 400–440,
 * Germany) plus a running item reference, so 200,000 items never need a collision check.
 */
class BarcodeMaker {
  #counters = new Map<string, number>()

  #next(key: string) {
    const n = this.#counters.get(key) ?? 0
    this.#counters.set(key, n + 1)
    return n
  }

  ean(brandGlobal: number, secondary: boolean) {
    const n = this.#next(`${secondary ? 's' : 'p'}${brandGlobal}`)
    // Each brand owns company numbers 1000+b (primary) / 6000+b (second codes); a block holds 100,000 items.
    const company = (secondary ? 6000 : 1000) + brandGlobal + 100 * Math.floor(n / 100_000)
    const country = 400 + ((brandGlobal * 13) % 41)
    return this.#make(`${country}${pad(company, 4)}${pad(n % 100_000, 5)}`)
  }

  upca(brandGlobal: number) {
    const n = this.#next(`u${brandGlobal}`)
    return this.#make(`0${pad(30_000 + brandGlobal + 200 * Math.floor(n / 100_000), 5)}${pad(n % 100_000, 5)}`)
  }

  /** In-store codes (prefix 21) are what the chain prints itself, e.g. for items relabelled in the store. */
  internal(itemIndex: number) {
    return this.#make(`21${pad(itemIndex, 10)}`)
  }

  #make(body: string): SeedBarcode {
    const parsed = parseBarcode(withCheckDigit(body))
    if (!parsed) throw new Error(`generated an invalid barcode from ${body}`)
    return parsed
  }
}

function secondBarcode(random: Random, maker: BarcodeMaker, brandGlobal: number, itemIndex: number) {
  const r = random.next()
  if (r < 0.5) return maker.ean(brandGlobal, true)
  if (r < 0.85) return maker.upca(brandGlobal)
  return maker.internal(itemIndex)
}

/** The chain-wide catalog: `count` items with names, prices, barcodes and a demand weight. */
export function generateCatalog(count: number, random: Random): SeedItem[] {
  const total = TEMPLATES.length * BRANDS_PER_CATEGORY
  const stride = comboStride(total)
  const maker = new BarcodeMaker()
  const items: SeedItem[] = []
  for (let i = 0; i < count; i++) {
    const combo = (i * stride) % total
    const template = TEMPLATES[combo % TEMPLATES.length]!
    const brandIndex = Math.floor(combo / TEMPLATES.length)
    const category = template.category
    const brandGlobal = CATEGORIES.indexOf(category) * BRANDS_PER_CATEGORY + brandIndex
    const [pack, packUnits] = PACK_ROUNDS[Math.floor(i / total) % PACK_ROUNDS.length]!
    const jitter = 0.92 + random.next() * 0.16
    const unitCost = Math.max(5, Math.round(template.cost * brandFactor(brandIndex) * jitter * packUnits * (packUnits > 1 ? 0.95 : 1)))
    const margin = category.margin[0] + random.next() * (category.margin[1] - category.margin[0])
    const barcodes = [maker.ean(brandGlobal, false)]
    if (random.chance(0.15)) barcodes.push(secondBarcode(random, maker, brandGlobal, i))
    items.push({
      id: newId(),
      sku: `SKU-${pad(i + 1, 6)}`,
      name: [category.brands[brandIndex], template.label, pack].filter(Boolean).join(' '),
      category: category.key,
      uom: packUnits > 1 && template.uom === 'pcs' ? 'pack' : template.uom,
      unitCost,
      price: retailPrice(unitCost, margin),
      barcodes,
      caseSize: packUnits > 1 ? Math.max(2, Math.round(template.caseSize / 2)) : template.caseSize,
      supplier: category.supplier,
      popularity: popularity(random, category, brandIndex),
    })
  }
  return items
}
