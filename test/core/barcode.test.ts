import { describe, expect, it } from 'vitest'
import { barcodeForms, gs1CheckDigit, parseBarcode, withCheckDigit } from '../../server/core/items/barcode'

describe('gs1CheckDigit', () => {
  it.each([
    // [body without its check digit, check digit] — the first two are GS1's own textbook examples.
    ['400638133393', 1], // EAN-13 4006381333931
    ['03600029145', 2], // UPC-A 036000291452
    ['590123412345', 7], // EAN-13 5901234123457
    ['400000000000', 6],
    ['212345678901', 0], // in-store code, a sum that is already a multiple of 10
    ['00000000000', 0],
  ])('%s → %i', (body, digit) => {
    expect(gs1CheckDigit(body)).toBe(digit)
  })

  it('gives a UPC-A and its zero-padded EAN-13 the same check digit', () => {
    expect(gs1CheckDigit('0' + '03600029145')).toBe(gs1CheckDigit('03600029145'))
  })
})

describe('parseBarcode', () => {
  it.each([
    ['EAN-13', '4006381333931', { code: '4006381333931', kind: 'ean13' }],
    ['EAN-13 from another country', '5901234123457', { code: '5901234123457', kind: 'ean13' }],
    ['UPC-A', '036000291452', { code: '036000291452', kind: 'upca' }],
    ['UPC-A written as EAN-13 (leading 0)', '0036000291452', { code: '0036000291452', kind: 'ean13' }],
    ['in-store prefix 2 (internal)', '2123456789010', { code: '2123456789010', kind: 'internal' }],
    ['in-store prefix 29 (internal)', withCheckDigit('290000012345'), { code: withCheckDigit('290000012345'), kind: 'internal' }],
  ])('accepts %s', (_label, raw, expected) => {
    expect(parseBarcode(raw)).toEqual(expected)
  })

  it.each([
    ['wrong check digit (EAN-13)', '4006381333932'],
    ['wrong check digit (UPC-A)', '036000291453'],
    ['wrong check digit (internal)', '2123456789011'],
    ['a letter inside', '40063813339A1'],
    ['letter O for zero', '4OO6381333931'],
    ['11 digits', '03600029145'],
    ['14 digits (GTIN-14)', '04006381333931'],
    ['EAN-8 (not used by this chain)', '96385074'],
    ['empty', ''],
    ['surrounding spaces', ' 4006381333931 '],
    ['a minus sign', '-400638133393'],
    ['full-width digits', '４００６３８１３３３９３１'],
    ['a trailing newline', '4006381333931\n'],
  ])('refuses %s', (_label, raw) => {
    expect(parseBarcode(raw)).toBeNull()
  })
})

describe('withCheckDigit', () => {
  it('completes any 12-digit body into an EAN-13 that parses', () => {
    for (let n = 0; n < 1000; n++) {
      const body = String(400_000_000_000 + n * 7_919_777).slice(0, 12)
      const code = withCheckDigit(body)
      expect(code).toHaveLength(13)
      expect(parseBarcode(code)?.kind).toBe('ean13')
    }
  })

  it('completes an 11-digit body into a UPC-A that parses', () => {
    expect(parseBarcode(withCheckDigit('03600029145'))).toEqual({ code: '036000291452', kind: 'upca' })
  })
})

describe('barcodeForms', () => {
  it.each([
    ['UPC-A as scanned', '036000291452', ['036000291452', '0036000291452', '00036000291452']],
    ['UPC-A sent as EAN-13', '0036000291452', ['036000291452', '0036000291452', '00036000291452']],
    ['GTIN-14 of an EAN-13', '04006381333931', ['4006381333931', '04006381333931']],
    ['EAN-13 without leading zero', '4006381333931', ['4006381333931', '04006381333931']],
    ['EAN-8', '96385074', ['96385074', '000096385074', '0000096385074', '00000096385074']],
  ])('%s: %s → every equivalent length', (_label, code, forms) => {
    expect(barcodeForms(code)).toEqual(forms)
  })

  it('leaves anything that is not 1–14 digits alone', () => {
    expect(barcodeForms('SKU-0001')).toEqual(['SKU-0001'])
    expect(barcodeForms('123456789012345')).toEqual(['123456789012345'])
  })
})
