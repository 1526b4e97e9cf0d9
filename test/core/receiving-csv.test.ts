import { describe, expect, it } from 'vitest'
import { detectDelimiter, parseCsv } from '../../server/core/receiving/csv'

const fields = (text: string) => {
  const result = parseCsv(text)
  if (!result.ok) throw new Error(`line ${result.line}: ${result.message}`)
  return result.records.map((r) => r.fields)
}

describe('parseCsv', () => {
  it.each([
    ['plain', 'a,b,c\n1,2,3\n', [['a', 'b', 'c'], ['1', '2', '3']]],
    ['no final line break', 'a,b\n1,2', [['a', 'b'], ['1', '2']]],
    ['CRLF', 'a,b\r\n1,2\r\n', [['a', 'b'], ['1', '2']]],
    ['old Mac CR', 'a,b\r1,2\r', [['a', 'b'], ['1', '2']]],
    ['BOM', '\uFEFFa,b\n1,2\n', [['a', 'b'], ['1', '2']]],
    ['blank lines skipped', 'a,b\n\n1,2\n\r\n', [['a', 'b'], ['1', '2']]],
    ['empty fields kept', 'a,,c\n,,\n', [['a', '', 'c'], ['', '', '']]],
    ['quoted delimiter', 'a,"b,c"\n', [['a', 'b,c']]],
    ['doubled quote', '"say ""hi""",x\n', [['say "hi"', 'x']]],
    ['line break inside quotes', '"two\nlines",x\n', [['two\nlines', 'x']]],
    ['CRLF inside quotes', '"two\r\nlines",x\r\n', [['two\r\nlines', 'x']]],
    ['spaces trimmed around unquoted fields', ' a , b \n', [['a', 'b']]],
    ['spaces kept inside quotes', '" a ",b\n', [[' a ', 'b']]],
    ['space after closing quote', '"a" ,b\n', [['a', 'b']]],
    ['empty quoted field', '"",b\n', [['', 'b']]],
    ['semicolon delimiter (German spreadsheets)', 'a;b\n1,5;2\n', [['a', 'b'], ['1,5', '2']]],
    ['unicode', 'Lieferant,Menge\nMüller & Söhne,3\n', [['Lieferant', 'Menge'], ['Müller & Söhne', '3']]],
  ])('reads %s', (_name, text, expected) => {
    expect(fields(text)).toEqual(expected)
  })

  it('numbers records by the line they start on', () => {
    const result = parseCsv('h1,h2\n"multi\nline",1\n\nx,2\n')
    expect(result.ok && result.records.map((r) => r.line)).toEqual([1, 2, 5])
  })

  it.each([
    ['unterminated quote', 'a,b\n"open,1\n2,3\n', 2],
    ['text after closing quote', 'a,b\n"x"y,1\n', 2],
    ['quote inside unquoted field', 'a,b\nx"y,1\n', 2],
  ])('refuses %s and names the line', (_name, text, line) => {
    const result = parseCsv(text)
    expect(result.ok).toBe(false)
    expect(!result.ok && result.line).toBe(line)
  })

  it('refuses more records than allowed', () => {
    const result = parseCsv('h\n1\n2\n3\n', { maxRecords: 3 })
    expect(result).toMatchObject({ ok: false, line: 4 })
  })

  it('reads an empty text as no records', () => {
    expect(fields('')).toEqual([])
    expect(fields('\n\n')).toEqual([])
  })

  it('detects the delimiter from the header line only', () => {
    expect(detectDelimiter('a;b;c\n1,2,3')).toBe(';')
    expect(detectDelimiter('a,b;c\n')).toBe(',')
    expect(detectDelimiter('single')).toBe(',')
  })

  it('round-trips generated tables (quoted writer → reader)', async () => {
    const fc = await import('fast-check')
    const cell = fc.string({ unit: fc.constantFrom('a', 'ä', ',', '"', '\n', '\r\n', ' ', 'x', ';') })
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const width = rows[0]!.length
        const table = [['h1', 'h2', 'h3', 'h4'].slice(0, width), ...rows.map((r) => [...r, '', '', ''].slice(0, width))]
        const text = table.map((r) => r.map((v) => `"${v.replaceAll('"', '""')}"`).join(',')).join('\r\n')
        expect(fields(text)).toEqual(table)
      }),
      { numRuns: 300 },
    )
  })
})
