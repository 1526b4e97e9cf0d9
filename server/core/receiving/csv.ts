/**
 * A small RFC 4180 CSV reader for supplier delivery notes: quoted fields (with "" for a quote and
 * line breaks inside quotes), CRLF / LF / CR line ends, a UTF-8 BOM, and the delimiter taken from the
 * header line (`,` — or `;` as German spreadsheets write it). It never guesses: an unterminated quote
 * or text after a closing quote is an error naming the line, so a broken file is refused, not half read.
 */

export type CsvRecord = { line: number; fields: string[] }
export type CsvResult = { ok: true; delimiter: ',' | ';'; records: CsvRecord[] } | { ok: false; line: number; message: string }

export function detectDelimiter(text: string): ',' | ';' {
  const header = text.slice(0, text.search(/\r|\n|$/))
  const commas = header.split(',').length - 1
  const semicolons = header.split(';').length - 1
  return semicolons > commas ? ';' : ','
}

/** Reads every record (blank lines skipped); `line` is the 1-based line where the record starts. */
export function parseCsv(input: string, options: { maxRecords?: number } = {}): CsvResult {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input
  const delimiter = detectDelimiter(text)
  const records: CsvRecord[] = []
  const max = options.maxRecords ?? Number.POSITIVE_INFINITY
  let line = 1
  let i = 0
  while (i < text.length) {
    const start = line
    const fields: string[] = []
    let atRecordEnd = false
    while (!atRecordEnd) {
      let value = ''
      if (text[i] === '"') {
        const quoteLine = line
        i += 1
        for (;;) {
          if (i >= text.length) return { ok: false, line: quoteLine, message: 'A quoted field is never closed' }
          const ch = text[i]!
          if (ch === '"') {
            if (text[i + 1] === '"') {
              value += '"'
              i += 2
              continue
            }
            i += 1
            break
          }
          if (ch === '\r' || ch === '\n') {
            line += 1
            if (ch === '\r' && text[i + 1] === '\n') {
              value += '\r'
              i += 1
            }
          }
          value += text[i]
          i += 1
        }
        // After a closing quote only spaces may come before the delimiter or the line end.
        while (text[i] === ' ' || text[i] === '\t') i += 1
        if (i < text.length && text[i] !== delimiter && text[i] !== '\r' && text[i] !== '\n') {
          return { ok: false, line, message: 'Unexpected text after a closing quote' }
        }
      } else {
        while (i < text.length && text[i] !== delimiter && text[i] !== '\r' && text[i] !== '\n') {
          if (text[i] === '"') return { ok: false, line, message: 'A quote inside an unquoted field (quote the whole field and double the quote)' }
          value += text[i]
          i += 1
        }
        value = value.trim()
      }
      fields.push(value)
      if (text[i] === delimiter) {
        i += 1
        continue
      }
      // End of record: a line break (CRLF, LF or CR) or the end of the text.
      if (text[i] === '\r') i += text[i + 1] === '\n' ? 2 : 1
      else if (text[i] === '\n') i += 1
      if (i <= text.length) line += 1
      atRecordEnd = true
    }
    const blank = fields.length === 1 && fields[0] === ''
    if (!blank) {
      if (records.length >= max) return { ok: false, line: start, message: `The file has more than ${max} records` }
      records.push({ line: start, fields })
    }
  }
  return { ok: true, delimiter, records }
}
