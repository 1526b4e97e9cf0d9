/** GS1 check digit over all digits but the last (weights 3,1 from the right). */
export function gs1CheckDigit(body: string) {
  let sum = 0
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48
    sum += digit * (i % 2 === 0 ? 3 : 1)
  }
  return (10 - (sum % 10)) % 10
}

export type BarcodeKind = 'ean13' | 'upca' | 'internal'

/**
 * Classifies a scanned code: EAN-13 (13 digits), UPC-A (12) with a valid GS1 check digit; EAN-13
 * codes with the in-store prefixes 20–29 are internal. Anything else is not a barcode of ours.
 */
export function parseBarcode(raw: string): { code: string; kind: BarcodeKind } | null {
  if (!/^[0-9]{12,13}$/.test(raw)) return null
  const body = raw.slice(0, -1)
  if (gs1CheckDigit(body) !== Number(raw.at(-1))) return null
  if (raw.length === 12) return { code: raw, kind: 'upca' }
  return { code: raw, kind: raw.startsWith('2') ? 'internal' : 'ean13' }
}

export const withCheckDigit = (body: string) => body + String(gs1CheckDigit(body))

/**
 * The forms one GTIN may be scanned or stored in: scanners send a UPC-A code as 12 digits or as EAN-13
 * with a leading 0, and GTIN-14 pads with zeros. Padded to 14 digits they are the same number, so a
 * look-up tries every length (8, 12, 13, 14) whose cut-off prefix is only zeros.
 */
export function barcodeForms(code: string): string[] {
  if (!/^[0-9]{1,14}$/.test(code)) return [code]
  const padded = code.padStart(14, '0')
  const forms = [8, 12, 13, 14].filter((length) => /^0*$/.test(padded.slice(0, 14 - length))).map((length) => padded.slice(14 - length))
  return forms.includes(code) ? forms : [code, ...forms]
}
